// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/detail/timer_heap.hpp>

#include <boost/assert.hpp>

#include <algorithm>
#include <utility>

namespace protokit::reactor::detail {

std::uint32_t timer_heap::insert(time_point deadline)
{
    std::uint32_t e = free_;
    if (e == npos) {
        // The heap never holds more entries than exist, so reserving here
        // keeps `push` from allocating (and from throwing).
        if (heap_.capacity() < entries_.size() + 1)
            heap_.reserve(std::max<std::size_t>(16, 2 * heap_.capacity()));
        entries_.emplace_back();
        e = static_cast<std::uint32_t>(entries_.size() - 1);
    } else {
        free_ = entries_[e].next_free;
    }
    entry& en = entries_[e];
    en.deadline = deadline;
    en.fired = false;
    en.next_free = npos;
    push(e);
    return e;
}

void timer_heap::reset(std::uint32_t e, time_point deadline)
{
    entry& en = entries_[e];
    en.deadline = deadline;
    en.fired = false;
    if (en.heap_index == npos)
        push(e);
    else
        restore(en.heap_index);
}

void timer_heap::erase(std::uint32_t e) noexcept
{
    entry& en = entries_[e];
    if (en.heap_index != npos)
        remove_at(en.heap_index);
    en.waiter.reset();
    en.fired = false;
    en.next_free = free_;
    free_ = e;
}

void timer_heap::mark_fired(std::uint32_t e) noexcept
{
    entry& en = entries_[e];
    if (en.heap_index != npos)
        remove_at(en.heap_index);
    en.fired = true;
}

std::optional<time_point> timer_heap::earliest() const noexcept
{
    if (heap_.empty())
        return std::nullopt;
    return entries_[heap_.front()].deadline;
}

void timer_heap::fire_due(time_point now) noexcept
{
    while (!heap_.empty() && entries_[heap_.front()].deadline <= now) {
        std::uint32_t const e = heap_.front();
        remove_at(0);
        entries_[e].fired = true;
        entries_[e].waiter.take_and_notify();
    }
}

void timer_heap::forget_tasks() noexcept
{
    for (entry& en : entries_)
        en.waiter.reset();
}

void timer_heap::push(std::uint32_t e) noexcept
{
    BOOST_ASSERT(heap_.size() < heap_.capacity());
    entries_[e].heap_index = static_cast<std::uint32_t>(heap_.size());
    heap_.push_back(e);
    sift_up(heap_.size() - 1);
}

void timer_heap::remove_at(std::size_t index) noexcept
{
    std::uint32_t const removed = heap_[index];
    std::size_t const last = heap_.size() - 1;
    if (index != last) {
        heap_[index] = heap_[last];
        entries_[heap_[index]].heap_index = static_cast<std::uint32_t>(index);
        heap_.pop_back();
        restore(index);
    } else {
        heap_.pop_back();
    }
    entries_[removed].heap_index = npos;
}

void timer_heap::restore(std::size_t index) noexcept
{
    if (index > 0 && earlier(index, (index - 1) / 2))
        sift_up(index);
    else
        sift_down(index);
}

void timer_heap::sift_up(std::size_t index) noexcept
{
    while (index > 0) {
        std::size_t const parent = (index - 1) / 2;
        if (!earlier(index, parent))
            return;
        swap_nodes(index, parent);
        index = parent;
    }
}

void timer_heap::sift_down(std::size_t index) noexcept
{
    std::size_t const n = heap_.size();
    for (;;) {
        std::size_t smallest = index;
        std::size_t const left = 2 * index + 1;
        std::size_t const right = left + 1;
        if (left < n && earlier(left, smallest))
            smallest = left;
        if (right < n && earlier(right, smallest))
            smallest = right;
        if (smallest == index)
            return;
        swap_nodes(index, smallest);
        index = smallest;
    }
}

void timer_heap::swap_nodes(std::size_t a, std::size_t b) noexcept
{
    std::swap(heap_[a], heap_[b]);
    entries_[heap_[a]].heap_index = static_cast<std::uint32_t>(a);
    entries_[heap_[b]].heap_index = static_cast<std::uint32_t>(b);
}

} // namespace protokit::reactor::detail

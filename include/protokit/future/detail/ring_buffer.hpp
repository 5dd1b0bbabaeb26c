// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_RING_BUFFER_HPP
#define PROTOKIT_FUTURE_DETAIL_RING_BUFFER_HPP

#include <boost/assert.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <utility>

namespace protokit::future::detail {

/** A growable FIFO queue that reuses its storage.

    The one ring buffer of protokit: the queue of a channel, of
    `buffer_sink`, of a server's early responses. Once it has grown to the
    largest size it needs, pushing and popping allocate nothing. Growing
    keeps the strong guarantee when `T`'s move cannot throw (or `T` is
    copyable); otherwise, the basic one.
*/
template <class T>
class ring_buffer {
public:
    ring_buffer() = default;

    /// A queue with room for `capacity` items before it grows.
    explicit ring_buffer(std::size_t capacity) { reserve(capacity); }

    ring_buffer(ring_buffer&& other) noexcept
        : slots_(std::move(other.slots_)), capacity_(std::exchange(other.capacity_, 0)),
          head_(std::exchange(other.head_, 0)), size_(std::exchange(other.size_, 0))
    {
    }

    ring_buffer& operator=(ring_buffer&& other) noexcept
    {
        ring_buffer(std::move(other)).swap(*this);
        return *this;
    }

    /// True if no item is queued.
    bool empty() const noexcept { return size_ == 0; }
    /// The number of items queued.
    std::size_t size() const noexcept { return size_; }
    /// The number of items the storage holds before it grows.
    std::size_t capacity() const noexcept { return capacity_; }

    /// Makes room for `n` items in all.
    void reserve(std::size_t n)
    {
        if (n <= capacity_)
            return;
        auto slots = std::make_unique<std::optional<T>[]>(n);
        for (std::size_t i = 0; i != size_; ++i)
            slots[i].emplace(std::move_if_noexcept(*slots_[index(i)]));
        slots_ = std::move(slots);
        capacity_ = n;
        head_ = 0;
    }

    /// Grows the storage if it is full, so that the next push cannot throw for lack of room.
    void reserve_one_more()
    {
        if (size_ == capacity_)
            reserve(capacity_ < 4 ? 4 : capacity_ * 2);
    }

    /// Appends `item`, growing the storage if it is full.
    template <class... Args>
    void emplace_back(Args&&... args)
    {
        reserve_one_more();
        slots_[index(size_)].emplace(std::forward<Args>(args)...);
        ++size_;
    }

    /// Appends `item`.
    void push_back(T&& item) { emplace_back(std::move(item)); }
    void push_back(T const& item) { emplace_back(item); }

    /// Puts `item` back in front, where `pop_front` takes it first.
    void push_front(T&& item)
    {
        reserve_one_more();
        std::size_t const slot = head_ == 0 ? capacity_ - 1 : head_ - 1;
        slots_[slot].emplace(std::move(item));
        head_ = slot;
        ++size_;
    }

    /// The oldest item.
    T& front() noexcept
    {
        BOOST_ASSERT(size_ != 0);
        return *slots_[head_];
    }

    /// Removes and returns the oldest item.
    T pop_front()
    {
        BOOST_ASSERT(size_ != 0);
        std::optional<T>& slot = slots_[head_];
        T item = std::move(*slot);
        slot.reset();
        head_ = head_ + 1 == capacity_ ? 0 : head_ + 1;
        --size_;
        return item;
    }

    /// Destroys every item; the storage stays.
    void clear() noexcept
    {
        for (std::size_t i = 0; i != size_; ++i)
            slots_[index(i)].reset();
        head_ = 0;
        size_ = 0;
    }

    /// Exchanges the contents and storage of two queues.
    void swap(ring_buffer& other) noexcept
    {
        std::swap(slots_, other.slots_);
        std::swap(capacity_, other.capacity_);
        std::swap(head_, other.head_);
        std::swap(size_, other.size_);
    }

private:
    std::size_t index(std::size_t i) const noexcept
    {
        std::size_t const j = head_ + i;
        return j >= capacity_ ? j - capacity_ : j;
    }

    std::unique_ptr<std::optional<T>[]> slots_;
    std::size_t capacity_ = 0;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

} // namespace protokit::future::detail

#endif

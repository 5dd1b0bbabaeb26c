// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_DETAIL_TIMER_HEAP_HPP
#define PROTOKIT_REACTOR_DETAIL_TIMER_HEAP_HPP

#include <protokit/reactor/clock.hpp>

#include <protokit/future/task.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace protokit::reactor::detail {

/** The timers of one core: a binary min-heap of deadlines.

    Each timer owns an entry (a stable index) that remembers its place in
    the heap, so that moving or cancelling a timer is O(log n). Entries are
    reused, so once the vectors have grown nothing is allocated. Used on the
    core's thread only.
*/
class timer_heap {
public:
    /// "No entry" / "not in the heap".
    static constexpr std::uint32_t npos = UINT32_MAX;

    /// Adds a timer due at `deadline` and returns its entry.
    std::uint32_t insert(time_point deadline);

    /// Moves the deadline of `entry`; a fired entry is scheduled again.
    void reset(std::uint32_t entry, time_point deadline);

    /// Removes `entry` and frees it for reuse.
    void erase(std::uint32_t entry) noexcept;

    /// The deadline of `entry`.
    time_point deadline(std::uint32_t entry) const noexcept { return entries_[entry].deadline; }

    /// True once `entry` has fired (it is out of the heap until reset).
    bool is_fired(std::uint32_t entry) const noexcept { return entries_[entry].fired; }

    /// Takes `entry` out of the heap as fired, its deadline being known to have passed.
    void mark_fired(std::uint32_t entry) noexcept;

    /// Makes the current task the one woken when `entry` fires.
    void register_current(std::uint32_t entry) { entries_[entry].waiter.register_current(); }

    /// The earliest pending deadline, if any.
    std::optional<time_point> earliest() const noexcept;

    /// Fires every entry due at `now`: it leaves the heap and its task is woken.
    void fire_due(time_point now) noexcept;

    /// Forgets every registered task (the core is going away).
    void forget_tasks() noexcept;

    /// The number of pending (not fired, not cancelled) timers.
    std::size_t size() const noexcept { return heap_.size(); }

private:
    struct entry {
        time_point deadline{};
        future::task_slot waiter;
        std::uint32_t heap_index = npos;
        std::uint32_t next_free = npos;
        bool fired = false;
    };

    bool earlier(std::size_t a, std::size_t b) const noexcept
    {
        return entries_[heap_[a]].deadline < entries_[heap_[b]].deadline;
    }

    void push(std::uint32_t entry) noexcept;
    void remove_at(std::size_t index) noexcept;
    void restore(std::size_t index) noexcept;
    void sift_up(std::size_t index) noexcept;
    void sift_down(std::size_t index) noexcept;
    void swap_nodes(std::size_t a, std::size_t b) noexcept;

    std::vector<entry> entries_;
    std::vector<std::uint32_t> heap_;
    std::uint32_t free_ = npos;
};

} // namespace protokit::reactor::detail

#endif

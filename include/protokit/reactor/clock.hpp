// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_CLOCK_HPP
#define PROTOKIT_REACTOR_CLOCK_HPP

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

namespace protokit::reactor {

/// The clock a core reads unless a test gives it a `manual_clock`.
using clock_type = std::chrono::steady_clock;

/// A point in time on a core's clock.
using time_point = clock_type::time_point;

/// A span of time on a core's clock.
using duration = clock_type::duration;

namespace detail {
class core_state;
} // namespace detail

/** A clock that moves only when told to: time made testable.

    A `core` built on a manual clock reads its time from it, so timers
    fire when a test calls `advance`, never on their own. `advance` wakes
    every core built on this clock, from any thread, so that due timers
    fire on the core's next turn. The clock must outlive those cores.
*/
class manual_clock {
public:
    /// A clock that reads `start`.
    explicit manual_clock(time_point start = time_point{}) noexcept
        : now_(start.time_since_epoch().count())
    {
    }

    manual_clock(manual_clock const&) = delete;
    manual_clock& operator=(manual_clock const&) = delete;

    /// The current time of this clock.
    time_point now() const noexcept
    {
        return time_point(duration(now_.load(std::memory_order_acquire)));
    }

    /// Moves the clock forward by `d` and wakes the cores that use it.
    void advance(duration d);

private:
    friend class core;

    void attach(detail::core_state* state);
    void detach(detail::core_state* state) noexcept;

    std::atomic<duration::rep> now_;
    std::mutex mutex_;
    std::vector<detail::core_state*> cores_;
};

} // namespace protokit::reactor

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_INTERVAL_HPP
#define PROTOKIT_REACTOR_INTERVAL_HPP

#include <protokit/reactor/core.hpp>

#include <protokit/future/poll.hpp>
#include <protokit/future/stream_facade.hpp>

#include <cstdint>
#include <optional>

namespace protokit::reactor {

/** A stream that yields `unit` once per period, forever.

    tokio-core's `Interval`. Ticks are due at start + k * period. A tick
    that is late (the stream was not polled, or the core was busy, for
    more than a period) does not burst: the stream yields one tick for
    all the periods that passed, and the next is due at the first point
    of the same grid after now. Dropping the stream cancels its timer.
    Make and poll it on the core's thread only (the one that made the
    core, or the one running it): debug builds assert so, naming the
    interval.
*/
class interval : public future::stream_facade<interval> {
public:
    using item_type = future::unit;
    using error_type = future::error_code;

    /// Ticks every `period`, the first one `period` from now.
    interval(handle const& h, duration period);

    /// Ticks every `period`, the first one at `start`.
    static interval at(handle const& h, time_point start, duration period);

    interval(interval&& other) noexcept;
    interval& operator=(interval&& other) noexcept;
    ~interval();

    /** A tick, if one is due; never ends.

        Otherwise the current task is registered and will be notified when
        the next tick is due.
    */
    future::poll_result<std::optional<future::unit>> poll_next();

    /// The time between ticks.
    duration period() const noexcept { return period_; }

private:
    interval(boost::intrusive_ptr<detail::core_state> state, time_point start, duration period);

    boost::intrusive_ptr<detail::core_state> state_;
    duration period_;
    std::uint32_t entry_ = 0;
};

} // namespace protokit::reactor

#endif

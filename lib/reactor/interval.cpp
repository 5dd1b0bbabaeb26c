// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/interval.hpp>

#include <boost/assert.hpp>

#include <utility>

namespace protokit::reactor {

interval::interval(boost::intrusive_ptr<detail::core_state> state, time_point start,
                   duration period)
    : state_(std::move(state)), period_(period),
      entry_((PROTOKIT_ASSERT_CORE_THREAD(*state_, "reactor::interval"),
              state_->timers().insert(start)))
{
    BOOST_ASSERT_MSG(period > duration::zero(), "protokit: an interval needs a positive period");
}

interval::interval(handle const& h, duration period)
    : interval(detail::handle_access::state(h), h.now() + period, period)
{
}

interval interval::at(handle const& h, time_point start, duration period)
{
    return interval(detail::handle_access::state(h), start, period);
}

interval::interval(interval&& other) noexcept
    : state_(std::move(other.state_)), period_(other.period_), entry_(other.entry_)
{
}

interval& interval::operator=(interval&& other) noexcept
{
    if (this != &other) {
        if (state_)
            state_->timers().erase(entry_);
        state_ = std::move(other.state_);
        period_ = other.period_;
        entry_ = other.entry_;
    }
    return *this;
}

interval::~interval()
{
    if (state_)
        state_->timers().erase(entry_);
}

future::poll_result<std::optional<future::unit>> interval::poll_next()
{
    BOOST_ASSERT_MSG(state_, "protokit: polled a moved-from interval");
    PROTOKIT_ASSERT_CORE_THREAD(*state_, "reactor::interval");
    detail::timer_heap& timers = state_->timers();
    time_point const now = state_->now();
    time_point const due = timers.deadline(entry_);
    if (now < due) {
        timers.register_current(entry_);
        return future::not_ready;
    }
    // One tick for all the periods that passed (tokio-core merges them too);
    // the next is due at the first point of the grid after now.
    auto const missed = (now - due) / period_;
    timers.reset(entry_, due + (missed + 1) * period_);
    return future::ready(std::optional<future::unit>(future::unit{}));
}

} // namespace protokit::reactor

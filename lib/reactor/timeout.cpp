// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/timeout.hpp>

#include <utility>

namespace protokit::reactor {

timeout::timeout(boost::intrusive_ptr<detail::core_state> state, time_point deadline)
    : state_(std::move(state)), entry_((PROTOKIT_ASSERT_CORE_THREAD(*state_, "reactor::timeout"),
                                        state_->timers().insert(deadline)))
{
}

timeout::timeout(handle const& h, duration d)
    : timeout(detail::handle_access::state(h), h.now() + d)
{
}

timeout timeout::at(handle const& h, time_point deadline)
{
    return timeout(detail::handle_access::state(h), deadline);
}

timeout::timeout(timeout&& other) noexcept : state_(std::move(other.state_)), entry_(other.entry_)
{
}

timeout& timeout::operator=(timeout&& other) noexcept
{
    if (this != &other) {
        if (state_)
            state_->timers().erase(entry_);
        state_ = std::move(other.state_);
        entry_ = other.entry_;
    }
    return *this;
}

timeout::~timeout()
{
    if (state_)
        state_->timers().erase(entry_);
}

future::poll_result<future::unit> timeout::poll()
{
    BOOST_ASSERT_MSG(state_, "protokit: polled a moved-from timeout");
    PROTOKIT_ASSERT_CORE_THREAD(*state_, "reactor::timeout");
    detail::timer_heap& timers = state_->timers();
    if (timers.is_fired(entry_))
        return future::ready();
    if (state_->now() >= timers.deadline(entry_)) {
        timers.mark_fired(entry_);
        return future::ready();
    }
    timers.register_current(entry_);
    return future::not_ready;
}

void timeout::reset(time_point deadline)
{
    BOOST_ASSERT_MSG(state_, "protokit: reset a moved-from timeout");
    PROTOKIT_ASSERT_CORE_THREAD(*state_, "reactor::timeout");
    state_->timers().reset(entry_, deadline);
}

time_point timeout::deadline() const noexcept
{
    BOOST_ASSERT_MSG(state_, "protokit: used a moved-from timeout");
    PROTOKIT_ASSERT_CORE_THREAD(*state_, "reactor::timeout");
    return state_->timers().deadline(entry_);
}

} // namespace protokit::reactor

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_TIMEOUT_HPP
#define PROTOKIT_REACTOR_TIMEOUT_HPP

#include <protokit/reactor/core.hpp>

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/poll.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <cstdint>
#include <optional>
#include <utility>

namespace protokit::reactor {

/** A future that completes (with `unit`) once its deadline has passed.

    tokio-core's `Timeout`. Its timer lives in the core's timer heap: the
    deadline can be moved with `reset` (an idle timeout pushes it back on
    each activity), and dropping the future cancels the timer. It completes
    when the core's clock reads at or past the deadline; with a
    `manual_clock` that is only when the test advances it. Make, poll and
    reset it on the core's thread only (the one that made the core, or the
    one running it): debug builds assert so, naming the timeout. It may be
    destroyed anywhere once that thread is done with the core.
*/
class timeout : public future::future_facade<timeout> {
public:
    using item_type = future::unit;
    using error_type = future::error_code;

    /// A timeout that completes `d` from now.
    timeout(handle const& h, duration d);

    /// A timeout that completes at `deadline`.
    static timeout at(handle const& h, time_point deadline);

    timeout(timeout&& other) noexcept;
    timeout& operator=(timeout&& other) noexcept;
    ~timeout();

    /** Ready once the deadline has passed.

        Otherwise the current task is registered and will be notified on
        the core's first turn at or past the deadline.
    */
    future::poll_result<future::unit> poll();

    /// Moves the deadline; after it completed, the timeout waits again.
    void reset(time_point deadline);

    /// The current deadline.
    time_point deadline() const noexcept;

private:
    timeout(boost::intrusive_ptr<detail::core_state> state, time_point deadline);

    boost::intrusive_ptr<detail::core_state> state_;
    std::uint32_t entry_ = 0;
};

/** The future of `f.timeout(h, d)`: `f`, failing with `error::timed_out` once the deadline passes.

    Each poll polls `f` first, so a future that completes at the deadline
    wins; then the timer. The deadline is set when the future is made; the
    timer is cancelled as soon as the outcome is known. `f`'s error type
    must be constructible from an `error_code`. Polled on the core's thread
    only, as a `timeout`.
*/
template <future::Future F>
class timeout_future : public future::future_facade<timeout_future<F>> {
    static_assert(std::constructible_from<typename F::error_type, future::error_code>,
                  "protokit: timeout needs a future whose error type can be made from an "
                  "error_code (use map_err or from_err first)");

public:
    using item_type = typename F::item_type;
    using error_type = typename F::error_type;

    /// `f`, with a deadline `d` from now on `h`'s clock.
    timeout_future(F f, handle const& h, duration d)
        : future_(std::move(f)), timer_(std::in_place, h, d), deadline_(timer_->deadline())
    {
    }

    /// `f`'s outcome, or `error::timed_out` once the deadline has passed.
    future::poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(timer_, "protokit: timeout_future polled after completion");
        auto r = future_.poll();
        if (!r.is_not_ready()) {
            timer_.reset();
            return r;
        }
        auto t = timer_->poll();
        if (t.is_not_ready())
            return future::not_ready;
        timer_.reset();
        if (t.is_error())
            return future::fail(error_type(std::move(t).error()));
        return future::fail(error_type(make_error_code(protokit::error::timed_out)));
    }

    /// The deadline.
    time_point deadline() const noexcept { return deadline_; }

    /// The future, without its deadline.
    F into_inner() && { return std::move(future_); }

private:
    F future_;
    std::optional<timeout> timer_;
    time_point deadline_;
};

/** `f`, failing with `error::timed_out` unless it completes within `d` on `h`'s core.

    What `f.timeout(h, d)` calls (found by argument-dependent lookup).
*/
template <future::Future F>
timeout_future<F> timeout_after(F f, handle const& h, duration d)
{
    return timeout_future<F>(std::move(f), h, d);
}

} // namespace protokit::reactor

#endif

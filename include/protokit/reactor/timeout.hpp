#ifndef PROTOKIT_REACTOR_TIMEOUT_HPP
#define PROTOKIT_REACTOR_TIMEOUT_HPP

#include <protokit/reactor/core.hpp>

#include <protokit/future/future_facade.hpp>
#include <protokit/future/poll.hpp>

#include <cstdint>

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

} // namespace protokit::reactor

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_SIGNAL_STREAM_HPP
#define PROTOKIT_REACTOR_SIGNAL_STREAM_HPP

#include <protokit/reactor/core.hpp>

#include <protokit/future/poll.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/future/task.hpp>

#include <boost/asio/signal_set.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include <initializer_list>
#include <memory>
#include <optional>

namespace protokit::reactor {

/** A stream of the signal numbers this process receives (SIGINT, SIGTERM, ...).

    Built on `boost::asio::signal_set`: from its construction until it is
    destroyed, the listed signals no longer have their default effect and
    are yielded here instead (a server's graceful shutdown waits on it).
    Signals that arrive while the stream is not polled are kept and
    yielded later. Failing to install a handler is yielded as an error on
    the first poll. It never ends. Use it on its core's thread.
*/
class signal_stream : public future::stream_facade<signal_stream> {
public:
    using item_type = int;
    using error_type = future::error_code;

    /// Starts catching `signals`.
    signal_stream(handle const& h, std::initializer_list<int> signals);

    /** The next signal number caught.

        Not ready: the current task is registered and will be woken when a
        signal arrives.
    */
    future::poll_result<std::optional<int>> poll_next();

private:
    /// The outcome of the pending wait, shared with its handler.
    struct state : boost::intrusive_ref_counter<state, boost::thread_unsafe_counter> {
        future::task_slot waiter;
        std::optional<int> caught;
        future::error_code error;
        bool armed = false;
    };

    // asio's signal_set cannot move; the stream must.
    std::unique_ptr<boost::asio::signal_set> set_;
    boost::intrusive_ptr<state> state_;
};

} // namespace protokit::reactor

#endif

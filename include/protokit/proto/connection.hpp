// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_CONNECTION_HPP
#define PROTOKIT_PROTO_CONNECTION_HPP

#include <protokit/error.hpp>
#include <protokit/future/task.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>

namespace protokit::proto {

/// Per-connection limits of a server dispatcher.
struct connection_options {
    /// Requests read and not yet answered; reading stops at this many.
    std::size_t max_in_flight = 32;
    /// Frames handled in one poll before the connection yields to others.
    std::size_t poll_budget = 128;
    /// Streaming protocols: chunks of one inbound body read ahead of its consumer.
    std::size_t body_window = 4;
};

/** What a server (tcp_server) and one connection's dispatcher share.

    The server sets `draining` to end the connection gracefully (no more
    requests are read; those in flight are answered and flushed; then it
    closes) and notifies `task`. The dispatcher counts `activity` (frames
    read and written) and keeps `in_flight` current, which the idle timeout
    reads. Lives on the connection's reactor thread.
*/
struct connection_control {
    bool draining = false;
    /** Set by the server, at shutdown, for a connection that has not sent a request yet (or
        was accepted as the listener closed): once one has been answered and none is in flight,
        the server sets `draining`. A connection that sends none is closed after the grace period.
    */
    bool drain_when_idle = false;
    /// Streaming multiplex: reading waits for one body's consumer to take a chunk (set by the
    /// dispatcher).
    bool body_stalled = false;
    /// Set by the server once `body_stall_timeout` passed with `body_stalled`: abort that body.
    bool abort_stalled_body = false;
    /// Streaming: a request body is open and reading waits for the peer to send more of it (set
    /// by the dispatcher; false while its consumer keeps reading paused).
    bool body_awaited = false;
    /// Streaming: bytes of request bodies received (chunks without a size count one each).
    std::uint64_t body_bytes = 0;
    /// Set by the server once `body_read_timeout` passed: the open request bodies fail with
    /// `error::timed_out`, and the connection ends after the answers it owes.
    bool body_timed_out = false;
    std::uint64_t activity = 0;
    std::size_t in_flight = 0;
    /// Set by a pipelined dispatcher when a call threw: what ended the connection, to report.
    std::exception_ptr exception;
    future::task_slot task;
};

} // namespace protokit::proto

#endif

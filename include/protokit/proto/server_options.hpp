// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_SERVER_OPTIONS_HPP
#define PROTOKIT_PROTO_SERVER_OPTIONS_HPP

#include <protokit/proto/connection.hpp>
#include <protokit/proto/proxy_protocol.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <string_view>

namespace protokit {

namespace proto {

/** Who a server connection is with, for a NewService that takes it: `[](connection_info const&)`.

    With the PROXY protocol on, `peer` and `local` are the addresses the
    load balancer's header names (the real client's, and the one it
    connected to); otherwise, and for a header that names none (a balancer's
    own health check), the socket's.
*/
struct connection_info {
    /// The client's address.
    boost::asio::ip::tcp::endpoint peer;
    /// The address the client connected to.
    boost::asio::ip::tcp::endpoint local;
    /// True when the addresses came from a PROXY protocol header.
    bool proxied = false;
};

} // namespace proto

/// What a `tcp_server` is configured with; the builder's setters fill it.
struct server_options {
    /// Reactor threads, each with its own listener (SO_REUSEPORT when more than one).
    std::size_t threads = 1;
    /// SO_REUSEPORT even with one thread: another process may listen on the same port.
    bool reuse_port = false;
    /// Whether connections start with a PROXY protocol header (read before `bind_transport`).
    proto::proxy::mode proxy_protocol = proto::proxy::mode::off;
    /// How long a graceful shutdown keeps accepting and serving while `draining()` says so.
    std::chrono::steady_clock::duration drain_delay{};
    /// Per-connection limits (max_in_flight, poll budget).
    proto::connection_options connection;
    /// Open connections across all threads; at the limit the server stops accepting.
    std::size_t max_connections = std::numeric_limits<std::size_t>::max();
    /// A connection with no request read or answered for this long is closed.
    std::optional<std::chrono::steady_clock::duration> idle_timeout;
    /** Streaming: how long a request body may keep the server waiting for its first bytes;
        unset, `idle_timeout`. See `tcp_server::body_read_timeout`.
    */
    std::optional<std::chrono::steady_clock::duration> body_read_timeout;
    /// Streaming: bytes a second a request body must keep up (0: only its pauses are timed).
    std::size_t body_min_rate = 500;
    /// Streaming multiplex: a body whose consumer keeps reading paused this long is aborted.
    std::chrono::steady_clock::duration body_stall_timeout = std::chrono::seconds(30);
    /// TCP_NODELAY on accepted sockets.
    bool nodelay = true;
    /// The listen backlog.
    int backlog = 1024;
    /// How long a graceful shutdown lets connections finish before closing them.
    std::chrono::steady_clock::duration shutdown_grace = std::chrono::seconds(10);
    /// Shut down gracefully on SIGINT and SIGTERM.
    bool handle_signals = true;
    /// Called with each new peer (with the PROXY protocol, the real client); false refuses it.
    std::function<bool(boost::asio::ip::tcp::endpoint const&)> on_connection;
    /// Told every error: accept errors, connection errors, refused services.
    std::function<void(boost::system::error_code const&, std::string_view what)> on_error;
    /// Called once every listener is bound, with the address they listen on.
    std::function<void(boost::asio::ip::tcp::endpoint const&)> on_listening;
};

} // namespace protokit

#endif

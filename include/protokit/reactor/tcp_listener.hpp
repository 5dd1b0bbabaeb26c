// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_TCP_LISTENER_HPP
#define PROTOKIT_REACTOR_TCP_LISTENER_HPP

#include <protokit/reactor/core.hpp>
#include <protokit/reactor/detail/readiness.hpp>
#include <protokit/reactor/tcp_stream.hpp>

#include <protokit/future/poll.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/result.hpp>

#include <optional>
#include <utility>

namespace protokit::reactor {

class incoming_stream;

/// How `tcp_listener::bind` sets up its socket.
struct listen_options {
    /// The length of the queue of connections not yet accepted.
    int backlog = 1024;
    /// SO_REUSEADDR: bind again at once after a restart.
    bool reuse_address = true;
    /// SO_REUSEPORT: several listeners (one per thread) on one port.
    bool reuse_port = false;
};

/** A listening TCP socket that accepts connections when polled.

    tokio-core's `TcpListener`. Non-blocking, with the readiness model of
    `tcp_stream`: `poll_accept` tries to accept at once and otherwise
    registers the current task and arms one wait for readability. Use it on
    its core's thread; destroy it before the core.
*/
class tcp_listener {
public:
    /// The asio acceptor type underneath.
    using acceptor_type = boost::asio::ip::tcp::acceptor;
    /// A TCP endpoint.
    using endpoint_type = boost::asio::ip::tcp::endpoint;
    /// An accepted connection and the address of its peer.
    using accepted_type = std::pair<tcp_stream, endpoint_type>;

    /// Opens, configures, binds and listens on `endpoint` (port 0 picks a free port).
    static boost::system::result<tcp_listener> bind(handle const& h, endpoint_type const& endpoint,
                                                    listen_options const& options = {});

    /// Adopts a listening acceptor made on `h`'s io_context (made non-blocking).
    static boost::system::result<tcp_listener> from_acceptor(handle const& h,
                                                             acceptor_type acceptor);

    /// The address the listener is bound to.
    boost::system::result<endpoint_type> local_endpoint() const;

    /** Accepts one connection, if one is waiting.

        Not ready: the current task is registered and will be woken when a
        connection may be waiting. An error (for example `EMFILE`) leaves
        the listener usable: a server may back off and poll again.
    */
    future::poll_result<accepted_type> poll_accept();

    /// The stream of accepted connections; it takes the listener.
    incoming_stream incoming() &&;

    /// The operating system's handle of the socket.
    acceptor_type::native_handle_type native_handle() { return acceptor_.native_handle(); }

    /// Stops listening; a pending wait completes and wakes its task.
    boost::system::error_code close();

private:
    tcp_listener(handle const& h, acceptor_type acceptor) noexcept;

    handle handle_;
    acceptor_type acceptor_;
    detail::readiness_ptr readiness_;
};

/** The stream of a listener's connections (`tcp_listener::incoming`).

    Yields each accepted connection with its peer's address. An accept
    error is yielded as a stream error and the stream goes on, so that a
    server can back off (on `EMFILE`, say) and keep accepting. It never ends.
*/
class incoming_stream : public future::stream_facade<incoming_stream> {
public:
    using item_type = tcp_listener::accepted_type;
    using error_type = future::error_code;

    /// The next connection, an accept error, or not ready.
    future::poll_result<std::optional<item_type>> poll_next();

    /// The listener underneath.
    tcp_listener& get_ref() noexcept { return listener_; }

private:
    friend class tcp_listener;

    explicit incoming_stream(tcp_listener listener) noexcept : listener_(std::move(listener)) {}

    tcp_listener listener_;
};

} // namespace protokit::reactor

#endif

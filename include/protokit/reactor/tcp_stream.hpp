// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_TCP_STREAM_HPP
#define PROTOKIT_REACTOR_TCP_STREAM_HPP

#include <protokit/reactor/core.hpp>
#include <protokit/reactor/detail/readiness.hpp>
#include <protokit/reactor/detail/socket_waits.hpp>

#include <protokit/future/future_facade.hpp>
#include <protokit/future/poll.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace protokit::reactor {

class connect_future;

/** A TCP connection, polled for readiness: protokit's `Io` over a socket.

    tokio-core's `TcpStream`. The socket is non-blocking. `poll_read` and
    `poll_write` try the call at once; when it would block they register
    the current task for that direction, queue one wait (unless one is
    pending) and return not ready. A wait is an operation of protokit's
    own on the socket's descriptor in asio's reactor, which costs no system
    call: no speculative receive, no `epoll_ctl` (see
    `detail::socket_wait`); its completion wakes only the task registered
    for its direction, which then reads or writes for itself. Moving the
    stream while a wait is pending is fine, and so is destroying it. Use it
    on its core's thread; destroy it before the core.
*/
class tcp_stream {
public:
    /// The asio socket type underneath.
    using socket_type = boost::asio::ip::tcp::socket;
    /// A TCP endpoint.
    using endpoint_type = boost::asio::ip::tcp::endpoint;

    /** A future connected stream to `endpoint`.

        The connect is non-blocking and starts when the future is first
        polled; it completes once the socket is writable and SO_ERROR is
        clear (a refused connection yields `connection_refused`).
    */
    static connect_future connect(handle const& h, endpoint_type const& endpoint);

    /** A future connected stream to `endpoint`, from a socket of `h`'s io_context not yet
       connected.

        tokio-core's `TcpStream::connect_stream`: for a socket that needs
        options set (or a local address bound) before it connects. A socket
        not yet open is opened for `endpoint`'s protocol.
    */
    static connect_future connect_stream(handle const& h, socket_type socket,
                                         endpoint_type const& endpoint);

    /// Adopts a connected socket made on `h`'s io_context (made non-blocking).
    static boost::system::result<tcp_stream> from_socket(handle const& h, socket_type socket);

    /** Reads into `buf`: ready with the count, ready(0) at end of stream.

        A read that took less than `buf` could hold left the socket empty:
        the next poll does not try again (it would fail with would-block, a
        system call for nothing) but queues the wait for more, which costs
        none either. So a batch of requests costs one receive. An event that
        said the peer shut its side or the connection failed (the reactor
        reports the peer's shutdown, EPOLLRDHUP) makes reads go on until
        they say so too, so an end of the stream that came with the last
        data is read at once.
    */
    future::poll_result<std::size_t> poll_read(std::span<char> buf);

    /** Puts `bytes`, the last ones a read returned, back: the next reads return them first.

        For a reader that took more than it wanted (a PROXY protocol header
        and the first request behind it) and hands the rest to whoever reads
        next. At most `max_unread` bytes in all, and only between reads (no
        wait pending); false, and nothing put back, otherwise (or when there
        is no memory for them).
    */
    bool unread(std::span<char const> bytes) noexcept;

    /// The most bytes `unread` holds.
    static constexpr std::size_t max_unread = 4096;

    /// Writes from `buf`: ready with the count taken (> 0 unless `buf` is empty).
    future::poll_result<std::size_t> poll_write(std::span<char const> buf);

    /// Ready at once: written bytes are already the kernel's.
    future::poll_result<future::unit> poll_flush();

    /// Shuts the write side (the peer reads end of stream); done already if the peer reset it.
    future::poll_result<future::unit> shutdown();

    /// Sets TCP_NODELAY.
    boost::system::error_code set_nodelay(bool on);

    /// Reads TCP_NODELAY.
    boost::system::result<bool> nodelay() const;

    /// Sets SO_KEEPALIVE.
    boost::system::error_code set_keepalive(bool on);

    /// Sets the time-to-live of the packets sent (IP_TTL, or the IPv6 hop limit).
    boost::system::error_code set_ttl(std::uint32_t ttl);

    /// The time-to-live of the packets sent.
    boost::system::result<std::uint32_t> ttl() const;

    /** Sets SO_LINGER: with a duration, closing waits up to it for unsent data; with none, it does
       not.

        A duration of zero makes closing reset the connection.
    */
    boost::system::error_code set_linger(std::optional<std::chrono::seconds> linger);

    /// SO_LINGER: how long closing waits for unsent data, or none if it does not.
    boost::system::result<std::optional<std::chrono::seconds>> linger() const;

    /// The address of the other end.
    boost::system::result<endpoint_type> peer_endpoint() const;

    /// The address of this end.
    boost::system::result<endpoint_type> local_endpoint() const;

    /// Closes the socket; a pending wait completes and wakes its task.
    boost::system::error_code close();

    /// The operating system's handle of the socket.
    socket_type::native_handle_type native_handle() { return socket_.native_handle(); }

    /// The asio socket, for options protokit does not wrap.
    socket_type& socket() noexcept { return socket_; }

    tcp_stream(tcp_stream&& other) noexcept = default;
    tcp_stream& operator=(tcp_stream&& other) noexcept = default;
    ~tcp_stream() = default;

private:
    friend class connect_future;

    explicit tcp_stream(socket_type socket);

    /// Runs the system call `call` (a count, or -1 and errno) until it is not interrupted;
    /// would-block queues `direction`'s wait.
    template <class Call>
    future::poll_result<std::size_t> transfer(detail::socket_wait& direction, Call call);

    socket_type socket_;
    detail::socket_waits_ptr waits_;
    /// The last read was short, with no end of the stream or error behind it: the socket is empty.
    bool drained_ = false;
};

/// The future of `tcp_stream::connect`.
class connect_future : public future::future_facade<connect_future> {
public:
    using item_type = tcp_stream;
    using error_type = future::error_code;

    /// Ready with the connected stream, or an error (`connection_refused`, ...).
    future::poll_result<tcp_stream> poll();

private:
    friend class tcp_stream;

    connect_future(handle const& h, tcp_stream::endpoint_type const& endpoint);
    connect_future(tcp_stream::socket_type socket, tcp_stream::endpoint_type const& endpoint);

    tcp_stream::socket_type socket_;
    tcp_stream::endpoint_type endpoint_;
    detail::readiness_ptr readiness_;
    bool started_ = false;
};

} // namespace protokit::reactor

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_UDP_SOCKET_HPP
#define PROTOKIT_REACTOR_UDP_SOCKET_HPP

#include <protokit/reactor/core.hpp>
#include <protokit/reactor/detail/readiness.hpp>

#include <protokit/future/future.hpp>
#include <protokit/future/poll.hpp>

#include <boost/asio/ip/udp.hpp>
#include <boost/assert.hpp>
#include <boost/system/errc.hpp>
#include <boost/system/result.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <tuple>
#include <utility>

namespace protokit::reactor {

/** A UDP socket, polled for readiness.

    tokio-core's `UdpSocket`, with the readiness model of `tcp_stream`:
    each call is tried at once; when it would block, the current task is
    registered for that direction and one `async_wait` is armed. A socket
    may be `connect`ed to one peer, then `poll_send` and `poll_recv` need
    no address (and datagrams from other addresses are not received).
    `send_dgram` and `recv_dgram` are futures that take the socket and
    hand it back. Use it on its core's thread; destroy it before the core.
*/
class udp_socket {
public:
    /// The asio socket type underneath.
    using socket_type = boost::asio::ip::udp::socket;
    /// A UDP endpoint.
    using endpoint_type = boost::asio::ip::udp::endpoint;

    /// Opens a socket bound to `endpoint` (port 0 picks a free port).
    static boost::system::result<udp_socket> bind(handle const& h, endpoint_type const& endpoint);

    /// Adopts an open socket made on `h`'s io_context (made non-blocking).
    static boost::system::result<udp_socket> from_socket(handle const& h, socket_type socket);

    /** Sets the one peer of this socket: `poll_send` sends to it, `poll_recv` receives from it
       only.

        For UDP this is immediate: nothing is sent.
    */
    boost::system::error_code connect(endpoint_type const& peer);

    /// Sends `buf` as one datagram to the connected peer: ready with the bytes sent.
    future::poll_result<std::size_t> poll_send(std::span<char const> buf);

    /// Receives one datagram from the connected peer into `buf`: ready with its size.
    future::poll_result<std::size_t> poll_recv(std::span<char> buf);

    /// Sends `buf` as one datagram to `to`: ready with the bytes sent.
    future::poll_result<std::size_t> poll_send_to(std::span<char const> buf,
                                                  endpoint_type const& to);

    /** Receives one datagram into `buf`: ready with its size and sender.

        A datagram longer than `buf` is cut to fit, as the system does.
    */
    future::poll_result<std::pair<std::size_t, endpoint_type>> poll_recv_from(std::span<char> buf);

    /// The address this socket is bound to.
    boost::system::result<endpoint_type> local_endpoint() const;

    /// The connected peer's address.
    boost::system::result<endpoint_type> peer_endpoint() const;

    /// Sets the time-to-live of the datagrams sent (IP_TTL, or the IPv6 hop limit).
    boost::system::error_code set_ttl(std::uint32_t ttl);

    /// The time-to-live of the datagrams sent.
    boost::system::result<std::uint32_t> ttl() const;

    /// Closes the socket; a pending wait completes and wakes its task.
    boost::system::error_code close();

    /// The operating system's handle of the socket.
    socket_type::native_handle_type native_handle() { return socket_.native_handle(); }

    /// The asio socket, for options protokit does not wrap.
    socket_type& socket() noexcept { return socket_; }

private:
    udp_socket(socket_type socket, detail::readiness_ptr readiness) noexcept;

    socket_type socket_;
    detail::readiness_ptr readiness_;
};

/// Contiguous bytes a datagram is sent from: `std::string`, `std::vector<char>`, ...
template <class B>
concept DatagramBytes = requires(B const& b)
{
    {
        b.data()
        } -> std::convertible_to<char const*>;
    {
        b.size()
        } -> std::convertible_to<std::size_t>;
};

/// Contiguous bytes a datagram is received into: `std::array<char, N>`, `std::vector<char>`, ...
template <class B>
concept DatagramBuffer = requires(B& b)
{
    {
        b.data()
        } -> std::convertible_to<char*>;
    {
        b.size()
        } -> std::convertible_to<std::size_t>;
};

/// The future of `send_dgram(socket, buf, to)`: one datagram sent; yields {socket, buf}.
template <DatagramBytes B>
class send_dgram_future : public future::future_facade<send_dgram_future<B>> {
public:
    using item_type = std::pair<udp_socket, B>;
    using error_type = future::error_code;

    /// Sends `buf` to `to` from `socket`, both taken.
    send_dgram_future(udp_socket socket, B buf, udp_socket::endpoint_type to)
        : socket_(std::move(socket)), buf_(std::move(buf)), to_(to)
    {
    }

    /// Sends the datagram; ready with the socket and the buffer.
    future::poll_result<item_type> poll()
    {
        BOOST_ASSERT_MSG(socket_ && buf_, "protokit: send_dgram polled after completion");
        B const& b = *buf_;
        PROTOKIT_TRY_READY(
            n, socket_->poll_send_to(std::span<char const>(static_cast<char const*>(b.data()),
                                                           static_cast<std::size_t>(b.size())),
                                     to_));
        if (n != b.size())
            return future::fail(make_error_code(boost::system::errc::message_size));
        item_type out(std::move(*socket_), std::move(*buf_));
        socket_.reset();
        buf_.reset();
        return future::ready(std::move(out));
    }

private:
    std::optional<udp_socket> socket_;
    std::optional<B> buf_;
    udp_socket::endpoint_type to_;
};

/// The future of `recv_dgram(socket, buf)`: one datagram received; yields {socket, buf, size,
/// sender}.
template <DatagramBuffer B>
class recv_dgram_future : public future::future_facade<recv_dgram_future<B>> {
public:
    using item_type = std::tuple<udp_socket, B, std::size_t, udp_socket::endpoint_type>;
    using error_type = future::error_code;

    /// Receives into `buf` on `socket`, both taken.
    recv_dgram_future(udp_socket socket, B buf) : socket_(std::move(socket)), buf_(std::move(buf))
    {
    }

    /// Receives one datagram; ready with the socket, the buffer, its size and its sender.
    future::poll_result<item_type> poll()
    {
        BOOST_ASSERT_MSG(socket_ && buf_, "protokit: recv_dgram polled after completion");
        B& b = *buf_;
        PROTOKIT_TRY_READY(
            got, socket_->poll_recv_from(std::span<char>(static_cast<char*>(b.data()),
                                                         static_cast<std::size_t>(b.size()))));
        item_type out(std::move(*socket_), std::move(*buf_), got.first, got.second);
        socket_.reset();
        buf_.reset();
        return future::ready(std::move(out));
    }

private:
    std::optional<udp_socket> socket_;
    std::optional<B> buf_;
};

/** Sends `buf` as one datagram to `to`, taking the socket; yields it back with `buf`.

    tokio-core's `UdpSocket::send_dgram`. A datagram the system cut short
    is an `errc::message_size` error.
*/
template <DatagramBytes B>
send_dgram_future<B> send_dgram(udp_socket socket, B buf, udp_socket::endpoint_type const& to)
{
    return {std::move(socket), std::move(buf), to};
}

/** Receives one datagram into `buf`, taking the socket (tokio-core's `UdpSocket::recv_dgram`).

    Yields the socket, the buffer, the datagram's size and its sender. A
    datagram longer than `buf` is cut to fit, as the system does.
*/
template <DatagramBuffer B>
recv_dgram_future<B> recv_dgram(udp_socket socket, B buf)
{
    return {std::move(socket), std::move(buf)};
}

} // namespace protokit::reactor

#endif

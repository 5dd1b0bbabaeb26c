#ifndef PROTOKIT_REACTOR_UDP_SOCKET_HPP
#define PROTOKIT_REACTOR_UDP_SOCKET_HPP

#include <protokit/reactor/core.hpp>
#include <protokit/reactor/detail/readiness.hpp>

#include <protokit/future/poll.hpp>

#include <boost/asio/ip/udp.hpp>
#include <boost/system/result.hpp>

#include <cstddef>
#include <span>
#include <utility>

namespace protokit::reactor {

/** A UDP socket, polled for readiness.

    tokio-core's `UdpSocket`, with the readiness model of `tcp_stream`:
    each call is tried at once; when it would block, the current task is
    registered for that direction and one wait is armed. Use it on its
    core's thread; destroy it before the core.
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

    /// Sends `buf` as one datagram to `to`: ready with the bytes sent.
    future::poll_result<std::size_t> poll_send_to(std::span<char const> buf,
                                                  endpoint_type const& to);

    /** Receives one datagram into `buf`: ready with its size and sender.

        A datagram longer than `buf` is cut to fit, as the system does.
    */
    future::poll_result<std::pair<std::size_t, endpoint_type>> poll_recv_from(std::span<char> buf);

    /// The address this socket is bound to.
    boost::system::result<endpoint_type> local_endpoint() const;

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

} // namespace protokit::reactor

#endif

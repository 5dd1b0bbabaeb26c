// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/udp_socket.hpp>

#include <boost/asio/ip/unicast.hpp>

#include <utility>

namespace protokit::reactor {

udp_socket::udp_socket(socket_type socket, detail::readiness_ptr readiness) noexcept
    : socket_(std::move(socket)), readiness_(std::move(readiness))
{
}

boost::system::result<udp_socket> udp_socket::bind(handle const& h, endpoint_type const& endpoint)
{
    socket_type socket(h.io_context());
    boost::system::error_code ec;
    socket.open(endpoint.protocol(), ec);
    if (!ec)
        socket.bind(endpoint, ec);
    if (ec)
        return ec;
    return from_socket(h, std::move(socket));
}

boost::system::result<udp_socket> udp_socket::from_socket([[maybe_unused]] handle const& h,
                                                          socket_type socket)
{
    BOOST_ASSERT_MSG(&socket.get_executor().context() == &h.io_context(),
                     "protokit: the socket belongs to another io_context");
    boost::system::error_code ec;
    socket.non_blocking(true, ec);
    if (ec)
        return ec;
    return udp_socket(std::move(socket), detail::make_readiness());
}

future::poll_result<std::size_t> udp_socket::poll_send_to(std::span<char const> buf,
                                                          endpoint_type const& to)
{
    if (detail::still_waiting(readiness_->write))
        return future::not_ready;
    boost::system::error_code ec;
    std::size_t const n = socket_.send_to(boost::asio::buffer(buf.data(), buf.size()), to, 0, ec);
    if (!ec)
        return future::ready(n);
    if (detail::is_would_block(ec)) {
        detail::await_writable(socket_, readiness_);
        return future::not_ready;
    }
    return future::fail(ec);
}

future::poll_result<std::pair<std::size_t, udp_socket::endpoint_type>>
udp_socket::poll_recv_from(std::span<char> buf)
{
    if (detail::still_waiting(readiness_->read))
        return future::not_ready;
    boost::system::error_code ec;
    endpoint_type from;
    std::size_t const n =
        socket_.receive_from(boost::asio::buffer(buf.data(), buf.size()), from, 0, ec);
    if (!ec)
        return future::ready(std::pair<std::size_t, endpoint_type>(n, from));
    if (detail::is_would_block(ec)) {
        detail::await_readable(socket_, readiness_);
        return future::not_ready;
    }
    return future::fail(ec);
}

boost::system::error_code udp_socket::connect(endpoint_type const& peer)
{
    boost::system::error_code ec;
    socket_.connect(peer, ec);
    return ec;
}

future::poll_result<std::size_t> udp_socket::poll_send(std::span<char const> buf)
{
    if (detail::still_waiting(readiness_->write))
        return future::not_ready;
    boost::system::error_code ec;
    std::size_t const n = socket_.send(boost::asio::buffer(buf.data(), buf.size()), 0, ec);
    if (!ec)
        return future::ready(n);
    if (detail::is_would_block(ec)) {
        detail::await_writable(socket_, readiness_);
        return future::not_ready;
    }
    return future::fail(ec);
}

future::poll_result<std::size_t> udp_socket::poll_recv(std::span<char> buf)
{
    if (detail::still_waiting(readiness_->read))
        return future::not_ready;
    boost::system::error_code ec;
    std::size_t const n = socket_.receive(boost::asio::buffer(buf.data(), buf.size()), 0, ec);
    if (!ec)
        return future::ready(n);
    if (detail::is_would_block(ec)) {
        detail::await_readable(socket_, readiness_);
        return future::not_ready;
    }
    return future::fail(ec);
}

boost::system::result<udp_socket::endpoint_type> udp_socket::peer_endpoint() const
{
    boost::system::error_code ec;
    endpoint_type ep = socket_.remote_endpoint(ec);
    if (ec)
        return ec;
    return ep;
}

boost::system::error_code udp_socket::set_ttl(std::uint32_t ttl)
{
    boost::system::error_code ec;
    socket_.set_option(boost::asio::ip::unicast::hops(static_cast<int>(ttl)), ec);
    return ec;
}

boost::system::result<std::uint32_t> udp_socket::ttl() const
{
    boost::system::error_code ec;
    boost::asio::ip::unicast::hops option;
    socket_.get_option(option, ec);
    if (ec)
        return ec;
    return static_cast<std::uint32_t>(option.value());
}

boost::system::result<udp_socket::endpoint_type> udp_socket::local_endpoint() const
{
    boost::system::error_code ec;
    endpoint_type ep = socket_.local_endpoint(ec);
    if (ec)
        return ec;
    return ep;
}

boost::system::error_code udp_socket::close()
{
    boost::system::error_code ec;
    socket_.close(ec);
    return ec;
}

} // namespace protokit::reactor

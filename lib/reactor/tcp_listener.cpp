// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/tcp_listener.hpp>

#include <utility>

#include <sys/socket.h>

namespace protokit::reactor {

namespace {

/// SO_REUSEPORT as an asio socket option.
class reuse_port_option {
public:
    explicit reuse_port_option(bool on) noexcept : value_(on ? 1 : 0) {}

    template <class Protocol>
    int level(Protocol const&) const noexcept
    {
        return SOL_SOCKET;
    }

    template <class Protocol>
    int name(Protocol const&) const noexcept
    {
        return SO_REUSEPORT;
    }

    template <class Protocol>
    void const* data(Protocol const&) const noexcept
    {
        return &value_;
    }

    template <class Protocol>
    std::size_t size(Protocol const&) const noexcept
    {
        return sizeof(value_);
    }

private:
    int value_;
};

} // namespace

tcp_listener::tcp_listener(handle const& h, acceptor_type acceptor) noexcept
    : handle_(h), acceptor_(std::move(acceptor)), readiness_(detail::make_readiness())
{
}

boost::system::result<tcp_listener>
tcp_listener::bind(handle const& h, endpoint_type const& endpoint, listen_options const& options)
{
    acceptor_type acceptor(h.io_context());
    boost::system::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(acceptor_type::reuse_address(options.reuse_address), ec);
    if (!ec && options.reuse_port)
        acceptor.set_option(reuse_port_option(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(options.backlog, ec);
    if (ec)
        return ec;
    return from_acceptor(h, std::move(acceptor));
}

boost::system::result<tcp_listener> tcp_listener::from_acceptor(handle const& h,
                                                                acceptor_type acceptor)
{
    BOOST_ASSERT_MSG(&acceptor.get_executor().context() == &h.io_context(),
                     "protokit: the acceptor belongs to another io_context");
    boost::system::error_code ec;
    acceptor.non_blocking(true, ec);
    if (ec)
        return ec;
    return tcp_listener(h, std::move(acceptor));
}

boost::system::result<tcp_listener::endpoint_type> tcp_listener::local_endpoint() const
{
    boost::system::error_code ec;
    endpoint_type ep = acceptor_.local_endpoint(ec);
    if (ec)
        return ec;
    return ep;
}

future::poll_result<tcp_listener::accepted_type> tcp_listener::poll_accept()
{
    if (detail::still_waiting(readiness_->read))
        return future::not_ready;
    boost::system::error_code ec;
    endpoint_type peer;
    tcp_stream::socket_type socket = acceptor_.accept(peer, ec);
    if (ec) {
        if (detail::is_would_block(ec)) {
            detail::await_readable(acceptor_, readiness_);
            return future::not_ready;
        }
        return future::fail(ec);
    }
    auto stream = tcp_stream::from_socket(handle_, std::move(socket));
    if (!stream)
        return future::fail(stream.error());
    return future::ready(accepted_type(std::move(*stream), peer));
}

incoming_stream tcp_listener::incoming() &&
{
    return incoming_stream(std::move(*this));
}

boost::system::error_code tcp_listener::close()
{
    boost::system::error_code ec;
    acceptor_.close(ec);
    return ec;
}

future::poll_result<std::optional<tcp_listener::accepted_type>> incoming_stream::poll_next()
{
    auto r = listener_.poll_accept();
    if (r.is_ready())
        return future::ready(std::optional<item_type>(std::move(r).value()));
    return std::move(r).propagate<std::optional<item_type>>();
}

} // namespace protokit::reactor

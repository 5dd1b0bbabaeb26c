// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_IMPL_POLL_EVENTED_HPP
#define PROTOKIT_REACTOR_IMPL_POLL_EVENTED_HPP

namespace protokit::reactor {

template <Waitable T>
boost::system::result<poll_evented<T>> poll_evented<T>::create([[maybe_unused]] handle const& h,
                                                               T object)
{
    BOOST_ASSERT_MSG(&object.get_executor().context() == &h.io_context(),
                     "protokit: the object belongs to another io_context");
    boost::system::error_code ec;
    object.non_blocking(true, ec);
    if (ec)
        return ec;
    return poll_evented(std::move(object));
}

template <Waitable T>
future::poll_result<std::size_t> poll_evented<T>::poll_read(std::span<char> buf) requires
    requires(T& t, boost::system::error_code& ec)
{
    t.read_some(boost::asio::mutable_buffer(), ec);
}
{
    if (buf.empty())
        return future::ready(std::size_t{0});
    if (poll_read_ready().is_not_ready())
        return future::not_ready;
    boost::system::error_code ec;
    std::size_t const n = object_.read_some(boost::asio::buffer(buf.data(), buf.size()), ec);
    if (!ec)
        return future::ready(n);
    if (ec == boost::asio::error::eof)
        return future::ready(std::size_t{0});
    if (detail::is_would_block(ec)) {
        need_read();
        return future::not_ready;
    }
    return future::fail(ec);
}

template <Waitable T>
future::poll_result<std::size_t> poll_evented<T>::poll_write(std::span<char const> buf) requires
    requires(T& t, boost::system::error_code& ec)
{
    t.write_some(boost::asio::const_buffer(), ec);
}
{
    if (buf.empty())
        return future::ready(std::size_t{0});
    if (poll_write_ready().is_not_ready())
        return future::not_ready;
    boost::system::error_code ec;
    std::size_t const n = object_.write_some(boost::asio::buffer(buf.data(), buf.size()), ec);
    if (!ec)
        return future::ready(n);
    if (detail::is_would_block(ec)) {
        need_write();
        return future::not_ready;
    }
    return future::fail(ec);
}

template <Waitable T>
future::poll_result<future::unit> poll_evented<T>::shutdown()
{
    if constexpr (requires(T & t, boost::system::error_code & ec) {
                      t.shutdown(boost::asio::socket_base::shutdown_send, ec);
                  }) {
        boost::system::error_code ec;
        object_.shutdown(boost::asio::socket_base::shutdown_send, ec);
        if (ec)
            return future::fail(ec);
    }
    return future::ready();
}

} // namespace protokit::reactor

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/tcp_stream.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ip/unicast.hpp>
#include <boost/system/errc.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <utility>

#include <boost/asio/detail/reactor.hpp>

#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>

namespace protokit::reactor {

namespace {

boost::system::error_code errno_code(int value) noexcept
{
    return {value, boost::asio::error::get_system_category()};
}

} // namespace

namespace detail {

#if PROTOKIT_DIRECT_SOCKET_WAITS

namespace {

using asio_reactor = boost::asio::detail::reactor;

/// Reaches the reactor's view of an asio socket (protected in `basic_socket`).
struct socket_access : boost::asio::ip::tcp::socket {
    static auto& implementation(boost::asio::ip::tcp::socket& s) noexcept
    {
        return (s.*(&socket_access::impl_)).get_implementation();
    }
};

/** Names the member of asio's operations that holds, for a descriptor, the events its reactor is
    performing (protected in asio): an explicit instantiation may name any member.
*/
struct events_member {
    using type = unsigned int boost::asio::detail::scheduler_operation::*;
    friend type member(events_member) noexcept;
};

template <class Tag, typename Tag::type Member>
struct expose_member {
    friend typename Tag::type member(Tag) noexcept { return Member; }
};

template struct expose_member<events_member,
                              &boost::asio::detail::scheduler_operation::task_result_>;

/// Names the reactor's epoll descriptor (private in asio).
struct epoll_fd_member {
    using type = int asio_reactor::*;
    friend type member(epoll_fd_member) noexcept;
};

template struct expose_member<epoll_fd_member, &asio_reactor::epoll_fd_>;

/// Names the events a descriptor is registered for (private in asio).
struct registered_events_member {
    using type = std::uint32_t asio_reactor::descriptor_state::*;
    friend type member(registered_events_member) noexcept;
};

template struct expose_member<registered_events_member,
                              &asio_reactor::descriptor_state::registered_events_>;

/// The events the reactor last performed for the descriptor `state`.
unsigned int& events_of(void* state) noexcept
{
    auto* const s = static_cast<asio_reactor::descriptor_state*>(state);
    // A C-style cast: the descriptor's state derives privately from asio's operation.
    auto* const op = (boost::asio::detail::scheduler_operation*)(s);
    return op->*member(events_member{});
}

} // namespace

#endif

socket_waits::socket_waits([[maybe_unused]] boost::asio::ip::tcp::socket& socket)
{
#if PROTOKIT_DIRECT_SOCKET_WAITS
    auto& reactor = boost::asio::use_service<asio_reactor>(socket.get_executor().context());
    reactor_ = &reactor;
    auto& impl = socket_access::implementation(socket);
    auto* const state = impl.reactor_data_;
    if (state == nullptr)
        return;
    // asio keeps a closed socket's state for the next one: the events it
    // last saw are that socket's.
    events_of(state) = 0;
    // The reactor is told when the peer has shut its side too, so that a
    // short read can say the socket is empty (see `tcp_stream::poll_read`).
    std::uint32_t& registered = state->*member(registered_events_member{});
    if (registered == 0)
        return;
    ::epoll_event ev{};
    ev.events = registered | EPOLLRDHUP;
    ev.data.ptr = state;
    if (::epoll_ctl(reactor.*member(epoll_fd_member{}), EPOLL_CTL_MOD, impl.socket_, &ev) == 0) {
        registered = ev.events;
        tells_shutdown_ = true;
    }
#endif
}

void socket_waits::await(boost::asio::ip::tcp::socket& socket, socket_wait& which)
{
    which.waiter_.register_current();
    if (which.armed_)
        return;
    which.armed_ = true;
#if PROTOKIT_DIRECT_SOCKET_WAITS
    auto& impl = socket_access::implementation(socket);
    descriptor_ = impl.reactor_data_;
    which.ec_ = boost::system::error_code();
    intrusive_ptr_add_ref(this); // the queued wait's, given back by `complete`
    static_cast<asio_reactor*>(reactor_)->start_op(
        &which == &read ? asio_reactor::read_op : asio_reactor::write_op, impl.socket_,
        impl.reactor_data_, &which, false, true);
#else
    socket.async_wait(&which == &read ? socket.wait_read : socket.wait_write,
                      [self = socket_waits_ptr(this), &which](boost::system::error_code) {
                          which.armed_ = false;
                          which.waiter_.notify();
                      });
#endif
}

void socket_waits::note_events() noexcept
{
#if PROTOKIT_DIRECT_SOCKET_WAITS
    if (descriptor_ == nullptr)
        return;
    if ((events_of(descriptor_) & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) != 0)
        ended_ = true;
#endif
}

boost::asio::detail::reactor_op::status socket_wait::perform(reactor_op* base) noexcept
{
    static_cast<socket_wait*>(base)->owner_->note_events();
    return done_and_exhausted;
}

void socket_wait::complete(void* owner, boost::asio::detail::operation* base,
                           boost::system::error_code const&, std::size_t) noexcept
{
    auto* const self = static_cast<socket_wait*>(base);
    // Adopts the reference the queued wait held: the state may go with it, after the wake.
    boost::intrusive_ptr<socket_waits> const keep(self->owner_, false);
    self->armed_ = false;
    if (owner != nullptr)
        self->waiter_.notify();
}

} // namespace detail

tcp_stream::tcp_stream(socket_type socket)
    : socket_(std::move(socket)), waits_(new detail::socket_waits(socket_))
{
}

connect_future tcp_stream::connect(handle const& h, endpoint_type const& endpoint)
{
    return connect_future(h, endpoint);
}

connect_future tcp_stream::connect_stream([[maybe_unused]] handle const& h, socket_type socket,
                                          endpoint_type const& endpoint)
{
    BOOST_ASSERT_MSG(&socket.get_executor().context() == &h.io_context(),
                     "protokit: the socket belongs to another io_context");
    return connect_future(std::move(socket), endpoint);
}

boost::system::result<tcp_stream> tcp_stream::from_socket([[maybe_unused]] handle const& h,
                                                          socket_type socket)
{
    BOOST_ASSERT_MSG(&socket.get_executor().context() == &h.io_context(),
                     "protokit: the socket belongs to another io_context");
    boost::system::error_code ec;
    socket.non_blocking(true, ec);
    if (ec)
        return ec;
    return tcp_stream(std::move(socket));
}

future::poll_result<std::size_t> tcp_stream::poll_read(std::span<char> buf)
{
    if (buf.empty())
        return future::ready(std::size_t{0});
    detail::socket_waits& w = *waits_;
    if (w.unread_begin != w.unread_end) {
        std::size_t const n = std::min(buf.size(), w.unread_end - w.unread_begin);
        std::memcpy(buf.data(), w.unread.get() + w.unread_begin, n);
        w.unread_begin += n;
        if (w.unread_begin == w.unread_end) {
            w.unread.reset();
            w.unread_begin = w.unread_end = 0;
        }
        return future::ready(n);
    }
    if (w.read.still_waiting())
        return future::not_ready;
    if (drained_) {
        // Reading again would only fail with would-block: wait at once.
        drained_ = false;
        w.await(socket_, w.read);
        return future::not_ready;
    }
    bool const exact = w.knows_emptiness();
    return transfer(w.read, [&] {
        ::ssize_t const n = ::recv(socket_.native_handle(), buf.data(), buf.size(), 0);
        // A read that took less than it could left the socket empty, unless
        // the end of the stream (or an error) waits behind the data.
        if (n > 0 && exact)
            drained_ = static_cast<std::size_t>(n) < buf.size() && !w.ended();
        return n;
    });
}

template <class Call>
future::poll_result<std::size_t> tcp_stream::transfer(detail::socket_wait& direction, Call call)
{
    for (;;) {
        ::ssize_t const n = call();
        if (n >= 0)
            return future::ready(static_cast<std::size_t>(n));
        int const error = errno;
        if (error == EINTR)
            continue;
        if (error == EAGAIN || error == EWOULDBLOCK) {
            waits_->await(socket_, direction);
            return future::not_ready;
        }
        return future::fail(errno_code(error));
    }
}

bool tcp_stream::unread(std::span<char const> bytes) noexcept
{
    if (bytes.empty())
        return true;
    detail::socket_waits& w = *waits_;
    std::size_t const held = w.unread_end - w.unread_begin;
    if (w.read.armed() || bytes.size() + held > max_unread)
        return false;
    std::unique_ptr<char[]> both(new (std::nothrow) char[bytes.size() + held]);
    if (!both)
        return false;
    std::memcpy(both.get(), bytes.data(), bytes.size());
    if (held != 0)
        std::memcpy(both.get() + bytes.size(), w.unread.get() + w.unread_begin, held);
    w.unread = std::move(both);
    w.unread_begin = 0;
    w.unread_end = bytes.size() + held;
    return true;
}

future::poll_result<std::size_t> tcp_stream::poll_write(std::span<char const> buf)
{
    if (buf.empty())
        return future::ready(std::size_t{0});
    detail::socket_waits& w = *waits_;
    if (w.write.still_waiting())
        return future::not_ready;
    return transfer(w.write, [&] {
        return ::send(socket_.native_handle(), buf.data(), buf.size(), MSG_NOSIGNAL);
    });
}

future::poll_result<future::unit> tcp_stream::poll_flush()
{
    return future::ready();
}

future::poll_result<future::unit> tcp_stream::shutdown()
{
    boost::system::error_code ec;
    socket_.shutdown(socket_type::shutdown_send, ec);
    // Not connected: the peer reset the connection, which is closed both ways already.
    if (ec && ec != boost::asio::error::not_connected)
        return future::fail(ec);
    return future::ready();
}

boost::system::error_code tcp_stream::set_nodelay(bool on)
{
    boost::system::error_code ec;
    socket_.set_option(boost::asio::ip::tcp::no_delay(on), ec);
    return ec;
}

boost::system::result<bool> tcp_stream::nodelay() const
{
    boost::system::error_code ec;
    boost::asio::ip::tcp::no_delay option;
    socket_.get_option(option, ec);
    if (ec)
        return {boost::system::in_place_error, ec};
    return {boost::system::in_place_value, option.value()};
}

boost::system::error_code tcp_stream::set_keepalive(bool on)
{
    boost::system::error_code ec;
    socket_.set_option(boost::asio::socket_base::keep_alive(on), ec);
    return ec;
}

boost::system::error_code tcp_stream::set_ttl(std::uint32_t ttl)
{
    boost::system::error_code ec;
    socket_.set_option(boost::asio::ip::unicast::hops(static_cast<int>(ttl)), ec);
    return ec;
}

boost::system::result<std::uint32_t> tcp_stream::ttl() const
{
    boost::system::error_code ec;
    boost::asio::ip::unicast::hops option;
    socket_.get_option(option, ec);
    if (ec)
        return ec;
    return static_cast<std::uint32_t>(option.value());
}

boost::system::error_code tcp_stream::set_linger(std::optional<std::chrono::seconds> linger)
{
    boost::system::error_code ec;
    boost::asio::socket_base::linger option(linger.has_value(),
                                            linger ? static_cast<int>(linger->count()) : 0);
    socket_.set_option(option, ec);
    return ec;
}

boost::system::result<std::optional<std::chrono::seconds>> tcp_stream::linger() const
{
    boost::system::error_code ec;
    boost::asio::socket_base::linger option;
    socket_.get_option(option, ec);
    if (ec)
        return ec;
    if (!option.enabled())
        return std::optional<std::chrono::seconds>();
    return std::optional<std::chrono::seconds>(std::chrono::seconds(option.timeout()));
}

boost::system::result<tcp_stream::endpoint_type> tcp_stream::peer_endpoint() const
{
    boost::system::error_code ec;
    endpoint_type ep = socket_.remote_endpoint(ec);
    if (ec)
        return ec;
    return ep;
}

boost::system::result<tcp_stream::endpoint_type> tcp_stream::local_endpoint() const
{
    boost::system::error_code ec;
    endpoint_type ep = socket_.local_endpoint(ec);
    if (ec)
        return ec;
    return ep;
}

boost::system::error_code tcp_stream::close()
{
    boost::system::error_code ec;
    socket_.close(ec);
    return ec;
}

connect_future::connect_future(handle const& h, tcp_stream::endpoint_type const& endpoint)
    : socket_(h.io_context()), endpoint_(endpoint), readiness_(detail::make_readiness())
{
}

connect_future::connect_future(tcp_stream::socket_type socket,
                               tcp_stream::endpoint_type const& endpoint)
    : socket_(std::move(socket)), endpoint_(endpoint), readiness_(detail::make_readiness())
{
}

future::poll_result<tcp_stream> connect_future::poll()
{
    if (!started_) {
        started_ = true;
        boost::system::error_code ec;
        if (!socket_.is_open())
            socket_.open(endpoint_.protocol(), ec);
        if (!ec)
            socket_.non_blocking(true, ec);
        if (ec)
            return future::fail(ec);
        if (::connect(socket_.native_handle(), endpoint_.data(),
                      static_cast<socklen_t>(endpoint_.size())) == 0)
            return future::ready(tcp_stream(std::move(socket_)));
        int const error = errno;
        // EINTR leaves the connect going on, as EINPROGRESS does.
        if (error != EINPROGRESS && error != EINTR)
            return future::fail(errno_code(error));
        detail::await_writable(socket_, readiness_);
        return future::not_ready;
    }
    if (readiness_->write.armed) {
        detail::await_writable(socket_, readiness_);
        return future::not_ready;
    }
    // Woken: the connect has finished unless the wake-up was spurious.
    ::pollfd p{socket_.native_handle(), POLLOUT, 0};
    int const n = ::poll(&p, 1, 0);
    if (n < 0)
        return future::fail(errno_code(errno));
    if (n == 0) {
        detail::await_writable(socket_, readiness_);
        return future::not_ready;
    }
    int error = 0;
    ::socklen_t length = sizeof(error);
    if (::getsockopt(socket_.native_handle(), SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        return future::fail(errno_code(errno));
    if (error != 0)
        return future::fail(errno_code(error));
    return future::ready(tcp_stream(std::move(socket_)));
}

} // namespace protokit::reactor

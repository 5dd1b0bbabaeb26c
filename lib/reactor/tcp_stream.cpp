// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/tcp_stream.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ip/unicast.hpp>
#include <boost/system/errc.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <poll.h>
#include <sys/socket.h>

namespace protokit::reactor {

namespace {

boost::system::error_code errno_code(int value) noexcept
{
    return {value, boost::asio::error::get_system_category()};
}

/// Set once this thread's stock is gone, for the buffers given back after it.
thread_local bool t_stock_gone = false;

/// This thread's stock of large receive buffers: a free list threaded through the buffers.
struct receive_stock {
    static constexpr std::size_t max_count = 64;

    receive_stock() = default;
    receive_stock(receive_stock const&) = delete;
    receive_stock& operator=(receive_stock const&) = delete;

    ~receive_stock()
    {
        while (head != nullptr)
            delete[] std::exchange(head, next(head));
        t_stock_gone = true;
    }

    static char* next(char* buffer) noexcept
    {
        char* n;
        std::memcpy(&n, buffer, sizeof n);
        return n;
    }

    char* head = nullptr;
    std::size_t count = 0;
};

thread_local receive_stock t_stock;

} // namespace

namespace detail {

char* take_receive_buffer()
{
    if (t_stock_gone || t_stock.head == nullptr)
        return new char[receive_buffer_size];
    --t_stock.count;
    return std::exchange(t_stock.head, receive_stock::next(t_stock.head));
}

void give_back_receive_buffer(char* buffer) noexcept
{
    if (buffer == nullptr)
        return;
    if (t_stock_gone || t_stock.count == receive_stock::max_count) {
        delete[] buffer;
        return;
    }
    std::memcpy(buffer, &t_stock.head, sizeof t_stock.head);
    t_stock.head = buffer;
    ++t_stock.count;
}

} // namespace detail

tcp_stream::tcp_stream(socket_type socket, detail::readiness_ptr readiness) noexcept
    : socket_(std::move(socket)), readiness_(std::move(readiness))
{
}

tcp_stream::tcp_stream(tcp_stream&& other) noexcept
    : socket_(std::move(other.socket_)), readiness_(std::move(other.readiness_)),
      drained_(other.drained_)
{
    if (readiness_ && readiness_->deferred_socket != nullptr)
        readiness_->deferred_socket = &socket_;
}

tcp_stream& tcp_stream::operator=(tcp_stream&& other) noexcept
{
    if (this != &other) {
        drop_deferred();
        socket_ = std::move(other.socket_);
        readiness_ = std::move(other.readiness_);
        drained_ = other.drained_;
        if (readiness_ && readiness_->deferred_socket != nullptr)
            readiness_->deferred_socket = &socket_;
    }
    return *this;
}

tcp_stream::~tcp_stream()
{
    drop_deferred();
}

void tcp_stream::drop_deferred() noexcept
{
    if (!readiness_ || readiness_->deferred_socket == nullptr)
        return;
    // As a pending receive would be aborted: the task is woken to find out.
    readiness_->deferred_socket = nullptr;
    readiness_->read.armed = false;
    readiness_->read.waiter.notify();
}

namespace {

/// Arms the receive `tcp_stream::await_data` put off, if its stream still exists.
void arm_deferred_receive(detail::readiness& r)
{
    auto* const socket = static_cast<tcp_stream::socket_type*>(r.deferred_socket);
    if (socket == nullptr)
        return;
    r.deferred_socket = nullptr;
    detail::readiness_ptr const state(&r);
    try {
        detail::arm_receive(*socket, state);
    } catch (...) {
        // No memory for the operation: the reader is told so on its next poll.
        r.read.armed = false;
        r.inbox.error = make_error_code(boost::system::errc::not_enough_memory);
        r.read.waiter.notify();
    }
}

} // namespace

void tcp_stream::await_data()
{
    detail::readiness& r = *readiness_;
    r.read.waiter.register_current();
    if (r.read.armed)
        return;
    detail::core_state* const core = detail::running_core();
    if (core != nullptr && core->defer_until_polled(readiness_, &arm_deferred_receive)) {
        // Armed as far as the next poll can tell: it waits without a system call.
        r.read.armed = true;
        r.deferred_socket = &socket_;
        return;
    }
    detail::arm_receive(socket_, readiness_);
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
    return tcp_stream(std::move(socket), detail::make_readiness());
}

future::poll_result<std::size_t> tcp_stream::poll_read(std::span<char> buf)
{
    if (buf.empty())
        return future::ready(std::size_t{0});
    auto& inbox = readiness_->inbox;
    if (inbox.begin != inbox.end) {
        // What the armed receive brought; less than it asked for means the socket had no more.
        std::size_t const n = std::min(buf.size(), inbox.end - inbox.begin);
        std::memcpy(buf.data(), inbox.bytes() + inbox.begin, n);
        inbox.begin += n;
        if (inbox.begin == inbox.end) {
            drained_ = inbox.end < inbox.capacity();
            inbox.begin = inbox.end = 0;
        }
        return future::ready(n);
    }
    if (inbox.error) {
        auto const ec = std::exchange(inbox.error, {});
        if (ec == boost::asio::error::eof)
            return future::ready(std::size_t{0});
        return future::fail(ec);
    }
    if (detail::still_waiting(readiness_->read))
        return future::not_ready;
    if (drained_) {
        // Reading again would only fail with would-block: wait (and read) at once.
        drained_ = false;
        await_data();
        return future::not_ready;
    }
    boost::system::error_code ec;
    std::size_t const n = socket_.read_some(boost::asio::buffer(buf.data(), buf.size()), ec);
    if (!ec) {
        drained_ = n < buf.size();
        return future::ready(n);
    }
    if (ec == boost::asio::error::eof)
        return future::ready(std::size_t{0});
    if (detail::is_would_block(ec)) {
        await_data();
        return future::not_ready;
    }
    return future::fail(ec);
}

bool tcp_stream::unread(std::span<char const> bytes) noexcept
{
    if (bytes.empty())
        return true;
    auto& inbox = readiness_->inbox;
    if (readiness_->read.armed || inbox.error)
        return false;
    std::size_t const held = inbox.end - inbox.begin;
    if (bytes.size() + held > inbox.capacity())
        return false;
    if (inbox.begin >= bytes.size() &&
        std::memcmp(inbox.bytes() + inbox.begin - bytes.size(), bytes.data(), bytes.size()) == 0) {
        inbox.begin -= bytes.size(); // they came from the inbox and are still there
        return true;
    }
    std::memmove(inbox.bytes() + bytes.size(), inbox.bytes() + inbox.begin, held);
    std::memcpy(inbox.bytes(), bytes.data(), bytes.size());
    inbox.begin = 0;
    inbox.end = bytes.size() + held;
    return true;
}

future::poll_result<std::size_t> tcp_stream::poll_write(std::span<char const> buf)
{
    if (buf.empty())
        return future::ready(std::size_t{0});
    if (detail::still_waiting(readiness_->write))
        return future::not_ready;
    boost::system::error_code ec;
    std::size_t const n = socket_.write_some(boost::asio::buffer(buf.data(), buf.size()), ec);
    if (!ec)
        return future::ready(n);
    if (detail::is_would_block(ec)) {
        detail::await_writable(socket_, readiness_);
        return future::not_ready;
    }
    return future::fail(ec);
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
            return future::ready(tcp_stream(std::move(socket_), std::move(readiness_)));
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
    return future::ready(tcp_stream(std::move(socket_), std::move(readiness_)));
}

} // namespace protokit::reactor

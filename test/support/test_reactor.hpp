// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_TEST_REACTOR_HPP
#define PROTOKIT_TEST_SUPPORT_TEST_REACTOR_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/poll.hpp>
#include <protokit/future/task.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/tcp_listener.hpp>
#include <protokit/reactor/tcp_stream.hpp>
#include <protokit/reactor/timeout.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

namespace protokit::test {

/// A future whose `poll` is a function: tests write their small state machines as lambdas.
template <class P>
class poll_fn_future : public future::future_facade<poll_fn_future<P>> {
    using result_type = std::invoke_result_t<P&>;

public:
    using item_type = typename result_type::value_type;
    using error_type = typename result_type::error_type;

    explicit poll_fn_future(P p) : p_(std::move(p)) {}

    future::poll_result<item_type, error_type> poll() { return p_(); }

private:
    P p_;
};

/// Makes a `poll_fn_future`.
template <class P>
poll_fn_future<P> poll_fn(P p)
{
    return poll_fn_future<P>(std::move(p));
}

/// What a `probe_future` saw, shared with the test.
struct probe {
    /// How many times the future was polled.
    int polls = 0;
    /// How many polls are running right now (more than one would be re-entrance).
    int depth = 0;
    /// The deepest nesting of polls seen.
    int max_depth = 0;
    /// The task that polled it last.
    std::optional<future::task> task;
    /// Whether the next poll completes.
    bool done = false;
    /// Runs during each poll, after `polls` and `task` are updated.
    std::function<void()> on_poll;
};

/// A future that records its polls and completes when the test sets `done`.
class probe_future : public future::future_facade<probe_future> {
public:
    using item_type = future::unit;
    using error_type = future::error_code;

    explicit probe_future(std::shared_ptr<probe> p) noexcept : p_(std::move(p)) {}

    future::poll_result<future::unit> poll()
    {
        probe& p = *p_;
        ++p.polls;
        ++p.depth;
        p.max_depth = std::max(p.max_depth, p.depth);
        struct leave {
            probe& p;
            ~leave() { --p.depth; }
        } guard{p};
        p.task.emplace(future::current_task());
        if (p.on_poll)
            p.on_poll();
        if (p.done)
            return future::ready();
        return future::not_ready;
    }

private:
    std::shared_ptr<probe> p_;
};

/// The outcome of `f`, or `error::timed_out` once `limit` has passed (polled first).
template <class F>
class bounded_future : public future::future_facade<bounded_future<F>> {
public:
    using item_type = typename F::item_type;
    using error_type = future::error_code;

    bounded_future(reactor::handle const& h, F f, reactor::duration limit)
        : f_(std::move(f)), limit_(h, limit)
    {
    }

    future::poll_result<item_type> poll()
    {
        if (limit_.poll().is_ready())
            return future::fail(make_error_code(error::timed_out));
        return f_.poll();
    }

private:
    F f_;
    reactor::timeout limit_;
};

/// Bounds a test's wait on a real-clock core (10 s unless told).
template <class F>
bounded_future<F> bounded(reactor::handle const& h, F f,
                          reactor::duration limit = std::chrono::seconds(10))
{
    return bounded_future<F>(h, std::move(f), limit);
}

/// A future that writes all of `data` to `io` (which must outlive it).
template <class Io>
auto write_all(Io& io, std::string data)
{
    return poll_fn([&io, data = std::move(data),
                    written = std::size_t{0}]() mutable -> future::poll_result<future::unit> {
        while (written < data.size()) {
            PROTOKIT_TRY_READY(n, io.poll_write(std::span<char const>(data).subspan(written)));
            written += n;
        }
        return future::ready();
    });
}

/// A future that reads from `io` until it has `n` bytes or the stream ends.
template <class Io>
auto read_up_to(Io& io, std::size_t n)
{
    return poll_fn([&io, n, got = std::string()]() mutable -> future::poll_result<std::string> {
        char buf[4096];
        while (got.size() < n) {
            std::size_t const want = std::min(sizeof buf, n - got.size());
            PROTOKIT_TRY_READY(k, io.poll_read(std::span<char>(buf, want)));
            if (k == 0)
                break;
            got.append(buf, k);
        }
        return future::ready(std::move(got));
    });
}

/// The loopback address on port 0 (the system picks a free port).
inline boost::asio::ip::tcp::endpoint loopback_any()
{
    return {boost::asio::ip::address_v4::loopback(), 0};
}

/** A loopback port bound and never listened on: a connection to it is refused.

    Unlike a port just freed, no other program can take it (and listen)
    while this object holds it: the socket does not set SO_REUSEADDR or
    SO_REUSEPORT, so no other socket may bind the port.
*/
class held_closed_port {
public:
    held_closed_port() : socket_(io_)
    {
        socket_.open(boost::asio::ip::tcp::v4());
        socket_.bind(loopback_any());
    }

    /// The address to connect to.
    boost::asio::ip::tcp::endpoint endpoint() const { return socket_.local_endpoint(); }

private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
};

/// A connected pair of loopback TCP streams (client, server), made by running `c`.
inline std::pair<reactor::tcp_stream, reactor::tcp_stream> connected_pair(reactor::core& c)
{
    reactor::handle h = c.get_handle();
    auto listener = reactor::tcp_listener::bind(h, loopback_any()).value();
    auto client =
        c.run(bounded(h, reactor::tcp_stream::connect(h, listener.local_endpoint().value())))
            .value();
    auto server = c.run(bounded(h, poll_fn([&]() -> future::poll_result<reactor::tcp_stream> {
                                    PROTOKIT_TRY_READY(accepted, listener.poll_accept());
                                    return future::ready(std::move(accepted.first));
                                })))
                      .value();
    return {std::move(client), std::move(server)};
}

} // namespace protokit::test

#endif

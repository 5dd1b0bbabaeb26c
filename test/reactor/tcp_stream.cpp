// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/tcp_stream.hpp>

#include <protokit/future/map.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/tcp_listener.hpp>

#include "../support/test_reactor.hpp"

#include <boost/asio/error.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(reactor_tcp_stream)

namespace {

/// `n` bytes of a pattern that shows where each byte belongs.
std::string pattern(std::size_t n)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>('a' + i % 26);
    return s;
}

/// Sends `data` from `from` to `to` with the reader polled first, so that it waits.
std::string exchange(pr::core& c, pr::tcp_stream& from, pr::tcp_stream& to, std::string data)
{
    std::size_t const size = data.size();
    auto writer = pt::write_all(from, std::move(data));
    auto reader = pt::read_up_to(to, size);
    std::optional<std::string> got;
    bool written = false;
    auto r = c.run(pt::bounded(c.get_handle(), pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   if (!got) {
                                       auto g = reader.poll();
                                       if (g.is_error())
                                           return pf::fail(g.error());
                                       if (g.is_ready())
                                           got = std::move(g).value();
                                   }
                                   if (!written) {
                                       auto w = writer.poll();
                                       if (w.is_error())
                                           return pf::fail(w.error());
                                       written = w.is_ready();
                                   }
                                   if (got && written)
                                       return pf::ready();
                                   return pf::not_ready;
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    return *got;
}

} // namespace

BOOST_AUTO_TEST_CASE(bytes_are_echoed_both_ways)
{
    pr::core c;
    auto [client, server] = pt::connected_pair(c);
    BOOST_TEST(exchange(c, client, server, "hello, server") == "hello, server");
    BOOST_TEST(exchange(c, server, client, "hello, client") == "hello, client");
    // Large enough to need several reads and, likely, to fill the buffers.
    std::string const big = pattern(1 << 20);
    BOOST_TEST((exchange(c, client, server, big) == big));
    BOOST_TEST((exchange(c, server, client, big) == big));
}

BOOST_AUTO_TEST_CASE(shutdown_makes_the_peer_read_end_of_stream_as_ready_zero)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [client, server] = pt::connected_pair(c);
    BOOST_TEST(client.poll_flush().is_ready());
    auto shut = c.run(pt::bounded(h, pt::poll_fn([&] { return client.shutdown(); })));
    BOOST_TEST(shut.has_value());

    char buf[16];
    auto eof = c.run(pt::bounded(h, pt::poll_fn([&] { return server.poll_read(buf); })));
    BOOST_TEST(eof.value() == 0u);
    auto again = c.run(pt::bounded(h, pt::poll_fn([&] { return server.poll_read(buf); })));
    BOOST_TEST(again.value() == 0u);

    // Half-closed: the other direction still works.
    BOOST_TEST(exchange(c, server, client, "still open") == "still open");
}

BOOST_AUTO_TEST_CASE(closing_makes_the_peer_read_end_of_stream)
{
    pr::core c;
    auto [client, server] = pt::connected_pair(c);
    BOOST_TEST(!client.close());
    char buf[16];
    auto eof =
        c.run(pt::bounded(c.get_handle(), pt::poll_fn([&] { return server.poll_read(buf); })));
    BOOST_TEST(eof.value() == 0u);
}

BOOST_AUTO_TEST_CASE(after_a_short_read_the_wait_receives_and_reads_take_it_in_order)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [client, server] = pt::connected_pair(c);
    BOOST_TEST(exchange(c, client, server, "abc") == "abc");

    // The read that got "abc" was short: the next one arms the receive
    // without reading, then takes what it brought (at most 256 bytes) in
    // pieces, then reads the socket directly for the rest.
    std::string const sent = pattern(1500);
    std::string received;
    std::size_t written = 0;
    auto r = c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   for (;;) {
                                       char buf[100];
                                       auto n = server.poll_read(buf);
                                       if (n.is_error())
                                           return pf::fail(n.error());
                                       if (n.is_not_ready())
                                           break;
                                       BOOST_REQUIRE(n.value() > 0u);
                                       received.append(buf, n.value());
                                   }
                                   if (received.size() == sent.size())
                                       return pf::ready();
                                   if (written < sent.size()) {
                                       // The reader is waiting now: send it everything.
                                       auto w = client.poll_write(
                                           std::span<char const>(sent).subspan(written));
                                       if (w.is_error())
                                           return pf::fail(w.error());
                                       if (w.is_ready())
                                           written += w.value();
                                       pf::current_task().notify();
                                   }
                                   return pf::not_ready;
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    BOOST_TEST((received == sent));
}

BOOST_AUTO_TEST_CASE(batches_of_every_size_arrive_whole)
{
    // Each size below is sent while the reader waits: a read that the kernel
    // says left the socket empty makes the next one wait without reading,
    // which must still see what comes next, whatever its size.
    pr::core c;
    auto [client, server] = pt::connected_pair(c);
    for (std::size_t size :
         {3u, 256u, 1500u, 4096u, 6000u, 100u, 10u, 700u, 4097u, 1u, 257u, 2u, 512u, 513u}) {
        std::string const sent = pattern(size);
        BOOST_TEST((exchange(c, client, server, sent) == sent), "size " << size);
    }
    // Destroyed with its wait queued: the wait's reference goes when the
    // closed socket's wait completes (the sanitizer builds would see a leak).
    BOOST_TEST((exchange(c, client, server, pattern(2000)) == pattern(2000)));
    std::optional<pr::tcp_stream> waiting(std::move(server));
    char buf[16];
    auto r = c.run(pt::bounded(c.get_handle(), pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   BOOST_TEST(waiting->poll_read(buf).is_not_ready());
                                   return pf::ready();
                               })));
    BOOST_TEST_REQUIRE(r.has_value());
    waiting.reset();
    c.turn(std::chrono::milliseconds(0));
}

namespace {

/// Has `reader` read its socket empty and wait: what comes next finds a wait queued.
void read_until_waiting(pr::core& c, pr::tcp_stream& reader)
{
    char buf[64];
    auto waiting =
        c.run(pt::bounded(c.get_handle(), pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                              while (reader.poll_read(buf).is_ready()) {
                              }
                              return pf::ready();
                          })));
    BOOST_TEST_REQUIRE(waiting.has_value());
}

/// Reads `reader` to its end or its error: what it read, and the error.
std::pair<std::string, boost::system::error_code> read_to_end(pr::core& c, pr::tcp_stream& reader)
{
    std::string got;
    auto r = c.run(pt::bounded(c.get_handle(), pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   char buf[64];
                                   for (;;) {
                                       PROTOKIT_TRY_READY(n, reader.poll_read(buf));
                                       if (n == 0)
                                           return pf::ready();
                                       got.append(buf, n);
                                   }
                               })));
    return {got, r.has_error() ? r.error() : boost::system::error_code()};
}

} // namespace

BOOST_AUTO_TEST_CASE(data_and_the_end_of_the_stream_or_a_reset_that_arrive_together_are_all_read)
{
    // The last data and the end of the stream (or a reset) come in one
    // event: the read that takes the data must not conclude that the socket
    // is empty and wait for an event that already came.
    pr::core c;
    for (bool reset : {false, true}) {
        for (bool waiting_first : {true, false}) {
            auto [client, server] = pt::connected_pair(c);
            if (waiting_first)
                read_until_waiting(c, server);
            BOOST_TEST_REQUIRE(client.poll_write(std::span<char const>("21\n", 3)).is_ready());
            if (reset) {
                client.socket().set_option(boost::asio::socket_base::linger(true, 0));
                BOOST_TEST(!client.close());
            } else {
                BOOST_TEST_REQUIRE(client.shutdown().is_ready());
            }
            auto [got, error] = read_to_end(c, server);
            if (reset) {
                BOOST_TEST(error == boost::asio::error::connection_reset, error.message());
                BOOST_TEST((got.empty() || got == "21\n"));
            } else {
                BOOST_TEST(!error, error.message());
                BOOST_TEST(got == "21\n");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_reset_that_arrives_while_a_reader_waits_is_its_error)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [client, server] = pt::connected_pair(c);
    BOOST_TEST(exchange(c, client, server, "x") == "x");
    char buf[16];
    // Arm the wait, then have the peer reset the connection (SO_LINGER 0).
    auto waiting = c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                         BOOST_TEST(server.poll_read(buf).is_not_ready());
                                         return pf::ready();
                                     })));
    BOOST_TEST(waiting.has_value());
    client.socket().set_option(boost::asio::socket_base::linger(true, 0));
    BOOST_TEST(!client.close());
    auto reset = c.run(pt::bounded(h, pt::poll_fn([&] { return server.poll_read(buf); })));
    BOOST_REQUIRE(reset.has_error());
    BOOST_TEST(reset.error() == boost::asio::error::connection_reset);
}

BOOST_AUTO_TEST_CASE(connecting_to_a_closed_port_is_refused)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pt::held_closed_port closed; // not a port just freed, which another program could take
    auto r = c.run(pt::bounded(h, pr::tcp_stream::connect(h, closed.endpoint())));
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == boost::asio::error::connection_refused, r.error().message());
}

BOOST_AUTO_TEST_CASE(socket_options_and_endpoints)
{
    pr::core c;
    auto [client, server] = pt::connected_pair(c);
    BOOST_TEST(!client.set_nodelay(true));
    BOOST_TEST(client.nodelay().value());
    BOOST_TEST(!client.set_nodelay(false));
    BOOST_TEST(!client.nodelay().value());
    BOOST_TEST(!server.set_keepalive(true));
    BOOST_TEST(client.peer_endpoint().value() == server.local_endpoint().value());
    BOOST_TEST(server.peer_endpoint().value() == client.local_endpoint().value());
    BOOST_TEST(client.native_handle() >= 0);
    BOOST_TEST(client.native_handle() == client.socket().native_handle());
}

BOOST_AUTO_TEST_CASE(ttl_and_linger)
{
    pr::core c;
    auto [client, server] = pt::connected_pair(c);
    BOOST_TEST(!client.set_ttl(17));
    BOOST_TEST(client.ttl().value() == 17u);
    BOOST_TEST(!client.linger().value().has_value());
    BOOST_TEST(!client.set_linger(std::chrono::seconds(3)));
    auto on = client.linger().value();
    BOOST_TEST_REQUIRE(on.has_value());
    BOOST_TEST(on->count() == 3);
    BOOST_TEST(!client.set_linger(std::nullopt));
    BOOST_TEST(!client.linger().value().has_value());
}

BOOST_AUTO_TEST_CASE(connect_stream_connects_a_socket_set_up_beforehand)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto listener = pr::tcp_listener::bind(h, pt::loopback_any()).value();
    // Bound to a chosen local address before it connects: what connect_stream is for.
    pr::tcp_stream::socket_type socket(h.io_context());
    socket.open(boost::asio::ip::tcp::v4());
    socket.bind(pt::loopback_any());
    auto const local = socket.local_endpoint();
    auto client =
        c.run(pt::bounded(h, pr::tcp_stream::connect_stream(h, std::move(socket),
                                                            listener.local_endpoint().value())));
    BOOST_TEST_REQUIRE(client.has_value(), client.error().message());
    BOOST_TEST(client->local_endpoint().value() == local);
    BOOST_TEST(client->peer_endpoint().value() == listener.local_endpoint().value());

    // A socket not yet open is opened for the endpoint's protocol.
    auto fresh = c.run(pt::bounded(
        h, pr::tcp_stream::connect_stream(h, pr::tcp_stream::socket_type(h.io_context()),
                                          listener.local_endpoint().value())));
    BOOST_TEST_REQUIRE(fresh.has_value(), fresh.error().message());
    BOOST_TEST(fresh->peer_endpoint().value() == listener.local_endpoint().value());
}

BOOST_AUTO_TEST_CASE(a_blocked_writer_is_woken_when_the_reader_drains)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [client, server] = pt::connected_pair(c);
    std::string const source = pattern(64 * 1024 + 26);
    constexpr std::size_t limit = std::size_t{64} << 20;
    constexpr std::size_t extra = std::size_t{512} << 10;
    std::size_t written = 0;
    std::optional<std::size_t> blocked_at;
    int writer_polls = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++writer_polls;
        while (written < limit && (!blocked_at || written < *blocked_at + extra)) {
            auto chunk = std::span<char const>(source).subspan(written % 26, 64 * 1024);
            auto w = client.poll_write(chunk);
            if (w.is_not_ready()) {
                if (!blocked_at)
                    blocked_at = written;
                return pf::not_ready;
            }
            if (w.is_error())
                return pf::fail(w.error());
            written += w.value();
        }
        return client.shutdown();
    }));
    // A reader on the writer's stream: woken by its own direction only.
    int client_reader_polls = 0;
    std::string client_got;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++client_reader_polls;
        char buf[16];
        PROTOKIT_TRY_READY(n, client.poll_read(buf));
        client_got.assign(buf, n);
        return pf::ready();
    }));

    c.turn(0s);
    BOOST_TEST_REQUIRE(blocked_at.has_value());
    BOOST_TEST(writer_polls == 1);
    BOOST_TEST(client_reader_polls == 1);
    for (int i = 0; i < 5; ++i)
        c.turn(0s);
    // A socket's first wait in each direction completes at once (the reactor
    // has seen no event for it yet, so it cannot tell that none came): the
    // writer looks once more, finds the buffers full, and then nobody wakes it.
    BOOST_TEST(writer_polls <= 2);
    int const blocked_polls = writer_polls;

    auto sent = c.run(pt::bounded(h, pt::write_all(server, "ping")));
    BOOST_TEST(sent.has_value());
    for (int i = 0; i < 100 && client_got.empty(); ++i)
        c.turn(1s);
    BOOST_TEST(client_got == "ping");
    BOOST_TEST(writer_polls == blocked_polls); // a read-side wake-up does not poll the writer

    // Drain: the writer is woken, finishes and shuts down; the reader sees all of it.
    std::size_t read = 0;
    bool in_order = true;
    auto drained =
        c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                              char buf[16 * 1024];
                              for (;;) {
                                  PROTOKIT_TRY_READY(n, server.poll_read(buf));
                                  if (n == 0)
                                      return pf::ready();
                                  for (std::size_t i = 0; i < n; ++i)
                                      in_order = in_order &&
                                                 buf[i] == static_cast<char>('a' + (read + i) % 26);
                                  read += n;
                              }
                          })));
    BOOST_TEST(drained.has_value());
    BOOST_TEST(writer_polls > 1);
    BOOST_TEST(written >= *blocked_at + extra);
    BOOST_TEST(read == written);
    BOOST_TEST(in_order);
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_stream_moved_while_a_wait_is_pending_still_wakes_its_task)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [client, server] = pt::connected_pair(c);
    std::optional<pr::tcp_stream> first(std::in_place, std::move(server));
    std::optional<pr::tcp_stream> second;
    pr::tcp_stream* current = &*first;
    std::string got;
    int polls = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++polls;
        char buf[16];
        PROTOKIT_TRY_READY(n, current->poll_read(buf));
        got.assign(buf, n);
        return pf::ready();
    }));
    c.turn(0s);
    BOOST_TEST(polls == 1);
    second.emplace(std::move(*first));
    first.reset();
    current = &*second;

    auto sent = c.run(pt::bounded(h, pt::write_all(client, "moved")));
    BOOST_TEST(sent.has_value());
    for (int i = 0; i < 100 && got.empty(); ++i)
        c.turn(1s);
    BOOST_TEST(got == "moved");
}

BOOST_AUTO_TEST_CASE(destroying_a_stream_with_a_pending_wait_wakes_its_task)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [client, server] = pt::connected_pair(c);
    std::optional<pr::tcp_stream> s(std::in_place, std::move(server));
    int polls = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++polls;
        if (!s)
            return pf::ready();
        char buf[16];
        return s->poll_read(buf).propagate<pf::unit>();
    }));
    c.turn(0s);
    BOOST_TEST(polls == 1);
    s.reset();
    for (int i = 0; i < 100 && c.task_count() != 0; ++i)
        c.turn(1s);
    BOOST_TEST(polls == 2);
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_stream_moved_in_the_poll_that_put_off_its_receive_is_woken_all_the_same)
{
    // Inside a task's poll the receive is armed only once the poll
    // returns: a move before then must arm it on the stream's new place.
    pr::core c;
    pr::handle h = c.get_handle();
    auto [client, server] = pt::connected_pair(c);
    std::optional<pr::tcp_stream> first(std::in_place, std::move(server));
    std::optional<pr::tcp_stream> second;
    std::string got;
    int polls = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++polls;
        char buf[16];
        if (first) {
            BOOST_TEST(first->poll_read(buf).is_not_ready());
            second.emplace(std::move(*first));
            first.reset();
            // Already waiting: no second receive, no system call.
            BOOST_TEST(second->poll_read(buf).is_not_ready());
            return pf::not_ready;
        }
        PROTOKIT_TRY_READY(n, second->poll_read(buf));
        got.assign(buf, n);
        return pf::ready();
    }));
    c.turn(0s);
    BOOST_TEST(polls == 1);
    auto sent = c.run(pt::bounded(h, pt::write_all(client, "moved")));
    BOOST_TEST(sent.has_value());
    for (int i = 0; i < 100 && got.empty(); ++i)
        c.turn(1s);
    BOOST_TEST(got == "moved");
    BOOST_TEST(polls == 2);
}

BOOST_AUTO_TEST_CASE(a_stream_destroyed_in_the_poll_that_put_off_its_receive_wakes_its_task)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [client, server] = pt::connected_pair(c);
    std::optional<pr::tcp_stream> s(std::in_place, std::move(server));
    int polls = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        if (++polls > 1)
            return pf::ready();
        char buf[16];
        BOOST_TEST(s->poll_read(buf).is_not_ready());
        s.reset();
        return pf::not_ready;
    }));
    for (int i = 0; i < 100 && c.task_count() != 0; ++i)
        c.turn(1s);
    BOOST_TEST(polls == 2);
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_stream_assigned_over_in_the_poll_that_put_off_its_receive_wakes_its_task)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [client1, server1] = pt::connected_pair(c);
    auto [client2, server2] = pt::connected_pair(c);
    pr::tcp_stream target = std::move(server1);
    pr::tcp_stream other = std::move(server2);
    std::string got;
    int polls = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++polls;
        char buf[16];
        if (polls == 1) {
            // Both put off their receives; then one replaces the other.
            BOOST_TEST(target.poll_read(buf).is_not_ready());
            BOOST_TEST(other.poll_read(buf).is_not_ready());
            target = std::move(other);
            return pf::not_ready;
        }
        auto n = target.poll_read(buf);
        if (n.is_ready() && n.value() > 0) {
            got.assign(buf, n.value());
            return pf::ready();
        }
        return pf::not_ready;
    }));
    c.turn(0s);
    auto sent = c.run(pt::bounded(h, pt::write_all(client2, "second")));
    BOOST_TEST(sent.has_value());
    for (int i = 0; i < 100 && got.empty(); ++i)
        c.turn(1s);
    BOOST_TEST(got == "second");
}

BOOST_AUTO_TEST_CASE(from_socket_adopts_a_connected_asio_socket)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto listener = pr::tcp_listener::bind(h, pt::loopback_any()).value();
    pr::tcp_stream::socket_type raw(h.io_context());
    raw.connect(listener.local_endpoint().value()); // loopback: completes through the backlog
    auto client = pr::tcp_stream::from_socket(h, std::move(raw)).value();
    auto server = c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<pr::tcp_stream> {
                                        PROTOKIT_TRY_READY(accepted, listener.poll_accept());
                                        return pf::ready(std::move(accepted.first));
                                    })))
                      .value();
    BOOST_TEST(exchange(c, client, server, "adopted") == "adopted");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/tcp_listener.hpp>

#include <protokit/reactor/core.hpp>
#include <protokit/reactor/tcp_stream.hpp>

#include "../support/test_reactor.hpp"

#include <boost/asio/error.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(reactor_tcp_listener)

static_assert(pf::Stream<pr::incoming_stream>);

BOOST_AUTO_TEST_CASE(incoming_yields_several_connections)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto listener = pr::tcp_listener::bind(h, pt::loopback_any()).value();
    auto const ep = listener.local_endpoint().value();
    BOOST_TEST(ep.port() != 0);
    auto incoming = std::move(listener).incoming();
    BOOST_TEST((incoming.get_ref().local_endpoint().value() == ep));

    constexpr int n = 5;
    std::vector<pr::connect_future> connecting;
    for (int i = 0; i < n; ++i)
        connecting.push_back(pr::tcp_stream::connect(h, ep));
    std::vector<std::optional<pr::tcp_stream>> clients(n);
    std::vector<pr::tcp_listener::accepted_type> accepted;
    int accept_polls = 0;
    auto r = c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   ++accept_polls;
                                   while (accepted.size() < n) {
                                       auto next = incoming.poll_next();
                                       if (next.is_not_ready())
                                           break;
                                       if (next.is_error())
                                           return pf::fail(next.error());
                                       BOOST_TEST_REQUIRE(next.value().has_value());
                                       accepted.push_back(std::move(*std::move(next).value()));
                                   }
                                   bool all_connected = true;
                                   for (int i = 0; i < n; ++i) {
                                       if (clients[i])
                                           continue;
                                       auto cr = connecting[i].poll();
                                       if (cr.is_error())
                                           return pf::fail(cr.error());
                                       if (cr.is_ready())
                                           clients[i].emplace(std::move(cr).value());
                                       else
                                           all_connected = false;
                                   }
                                   if (all_connected && accepted.size() == n)
                                       return pf::ready();
                                   return pf::not_ready;
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    std::vector<pr::tcp_stream::endpoint_type> peers;
    std::vector<pr::tcp_stream::endpoint_type> locals;
    for (auto& a : accepted) {
        peers.push_back(a.second);
        BOOST_TEST(a.first.peer_endpoint().value() == a.second);
    }
    for (auto& client : clients)
        locals.push_back(client->local_endpoint().value());
    std::sort(peers.begin(), peers.end());
    std::sort(locals.begin(), locals.end());
    BOOST_TEST((peers == locals));
}

BOOST_AUTO_TEST_CASE(a_waiting_accept_is_woken_by_a_connection)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto listener = pr::tcp_listener::bind(h, pt::loopback_any()).value();
    int polls = 0;
    std::optional<pr::tcp_stream> server;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++polls;
        PROTOKIT_TRY_READY(accepted, listener.poll_accept());
        server.emplace(std::move(accepted.first));
        return pf::ready();
    }));
    c.turn(0s);
    c.turn(0s);
    BOOST_TEST(polls == 1);
    auto client =
        c.run(pt::bounded(h, pr::tcp_stream::connect(h, listener.local_endpoint().value())));
    BOOST_TEST_REQUIRE(client.has_value());
    for (int i = 0; i < 100 && !server; ++i)
        c.turn(1s);
    BOOST_TEST(server.has_value());
    BOOST_TEST(polls == 2);
}

BOOST_AUTO_TEST_CASE(reuse_port_lets_two_listeners_share_a_port)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pr::listen_options shared;
    shared.reuse_port = true;
    auto first = pr::tcp_listener::bind(h, pt::loopback_any(), shared).value();
    auto const ep = first.local_endpoint().value();
    auto second = pr::tcp_listener::bind(h, ep, shared);
    BOOST_TEST(second.has_value());

    auto third = pr::tcp_listener::bind(h, ep);
    BOOST_TEST_REQUIRE(third.has_error());
    BOOST_TEST(third.error() == boost::asio::error::address_in_use);
}

BOOST_AUTO_TEST_CASE(from_acceptor_adopts_a_listening_asio_acceptor)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pr::tcp_listener::acceptor_type acceptor(h.io_context(), pt::loopback_any());
    auto listener = pr::tcp_listener::from_acceptor(h, std::move(acceptor)).value();
    auto const ep = listener.local_endpoint().value();
    auto client = c.run(pt::bounded(h, pr::tcp_stream::connect(h, ep)));
    BOOST_TEST_REQUIRE(client.has_value());
    auto accepted = c.run(pt::bounded(h, pt::poll_fn([&] { return listener.poll_accept(); })));
    BOOST_TEST_REQUIRE(accepted.has_value());
    BOOST_TEST(accepted->second == client->local_endpoint().value());
}

BOOST_AUTO_TEST_CASE(an_accept_error_is_yielded_and_the_stream_goes_on)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto listener = pr::tcp_listener::bind(h, pt::loopback_any()).value();
    auto const ep = listener.local_endpoint().value();
    auto client = c.run(pt::bounded(h, pr::tcp_stream::connect(h, ep)));
    BOOST_TEST_REQUIRE(client.has_value());
    auto incoming = std::move(listener).incoming();

    // Lower the descriptor limit to the lowest free descriptor: accept fails with EMFILE.
    ::rlimit saved{};
    BOOST_TEST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    int const lowest_free = ::open("/dev/null", O_RDONLY);
    BOOST_TEST_REQUIRE(lowest_free >= 0);
    ::close(lowest_free);
    struct restore_limit {
        ::rlimit saved;
        ~restore_limit() { ::setrlimit(RLIMIT_NOFILE, &saved); }
    } restore{saved};
    ::rlimit tight = saved;
    tight.rlim_cur = static_cast<rlim_t>(lowest_free);
    BOOST_TEST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &tight) == 0);

    auto failed = c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                        auto next = incoming.poll_next();
                                        if (next.is_ready())
                                            return pf::ready();
                                        return std::move(next).propagate<pf::unit>();
                                    })));
    ::setrlimit(RLIMIT_NOFILE, &saved);
    BOOST_TEST_REQUIRE(failed.has_error());
    BOOST_TEST(failed.error() == boost::asio::error::no_descriptors, failed.error().message());

    // The connection waited in the backlog; the stream yields it now.
    auto next =
        c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<pr::tcp_stream::endpoint_type> {
                              PROTOKIT_TRY_READY(item, incoming.poll_next());
                              BOOST_TEST_REQUIRE(item.has_value());
                              return pf::ready(item->second);
                          })));
    BOOST_TEST_REQUIRE(next.has_value(), next.error().message());
    BOOST_TEST(*next == client->local_endpoint().value());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/udp_socket.hpp>

#include <protokit/future/then.hpp>
#include <protokit/reactor/core.hpp>

#include "../support/test_reactor.hpp"

#include <boost/asio/ip/address_v4.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(reactor_udp_socket)

BOOST_AUTO_TEST_CASE(two_sockets_exchange_datagrams_on_loopback)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pr::udp_socket::endpoint_type const any(boost::asio::ip::address_v4::loopback(), 0);
    auto a = pr::udp_socket::bind(h, any).value();
    auto b = pr::udp_socket::bind(h, any).value();
    auto const a_ep = a.local_endpoint().value();
    auto const b_ep = b.local_endpoint().value();
    BOOST_TEST(b_ep.port() != 0);

    // b answers each datagram with its text reversed, twice.
    int b_polls = 0;
    int answered = 0;
    std::string pending;
    pr::udp_socket::endpoint_type reply_to;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++b_polls;
        while (answered < 2) {
            if (pending.empty()) {
                char buf[64];
                PROTOKIT_TRY_READY(got, b.poll_recv_from(buf));
                pending.assign(buf, got.first);
                pending.assign(pending.rbegin(), pending.rend());
                reply_to = got.second;
            }
            PROTOKIT_TRY_READY(sent, b.poll_send_to(pending, reply_to));
            BOOST_TEST(sent == pending.size());
            pending.clear();
            ++answered;
        }
        return pf::ready();
    }));
    c.turn(0s);
    BOOST_TEST(b_polls == 1); // waiting for a datagram

    std::vector<std::string> replies;
    auto r = c.run(pt::bounded(h, pt::poll_fn([&, step = 0]() mutable -> pf::poll_result<pf::unit> {
                                   std::string_view const messages[] = {"ping", "datagram"};
                                   while (step < 4) {
                                       if (step % 2 == 0) {
                                           PROTOKIT_TRY_READY(
                                               sent, a.poll_send_to(messages[step / 2], b_ep));
                                           BOOST_TEST(sent == messages[step / 2].size());
                                       } else {
                                           char buf[64];
                                           PROTOKIT_TRY_READY(got, a.poll_recv_from(buf));
                                           BOOST_TEST(got.second == b_ep);
                                           replies.emplace_back(buf, got.first);
                                       }
                                       ++step;
                                   }
                                   return pf::ready();
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    BOOST_TEST(reply_to == a_ep);
    BOOST_TEST(replies.size() == 2u);
    BOOST_TEST(replies.at(0) == "gnip");
    BOOST_TEST(replies.at(1) == "margatad");
    BOOST_TEST(b_polls >= 2);
}

BOOST_AUTO_TEST_CASE(a_connected_socket_sends_and_receives_without_addresses)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pr::udp_socket::endpoint_type const any(boost::asio::ip::address_v4::loopback(), 0);
    auto a = pr::udp_socket::bind(h, any).value();
    auto b = pr::udp_socket::bind(h, any).value();
    auto stranger = pr::udp_socket::bind(h, any).value();
    BOOST_TEST(!a.connect(b.local_endpoint().value()));
    BOOST_TEST(!b.connect(a.local_endpoint().value()));
    BOOST_TEST(a.peer_endpoint().value() == b.local_endpoint().value());
    BOOST_TEST(!a.set_ttl(9));
    BOOST_TEST(a.ttl().value() == 9u);

    std::string got;
    int b_polls = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++b_polls;
        char buf[64];
        PROTOKIT_TRY_READY(n, b.poll_recv(buf));
        got.assign(buf, n);
        return pf::ready();
    }));
    c.turn(0s);
    BOOST_TEST(b_polls == 1);
    // A datagram from another address does not reach a connected socket.
    char const noise[] = "noise";
    auto sent_noise =
        c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<std::size_t> {
                              return stranger.poll_send_to(std::span<char const>(noise, 5),
                                                           b.local_endpoint().value());
                          })));
    BOOST_TEST(sent_noise.value() == 5u);
    auto sent = c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<std::size_t> {
                                      return a.poll_send(std::span<char const>("hi", 2));
                                  })));
    BOOST_TEST(sent.value() == 2u);
    for (int i = 0; i < 100 && got.empty(); ++i)
        c.turn(100ms);
    BOOST_TEST(got == "hi");
}

BOOST_AUTO_TEST_CASE(send_dgram_and_recv_dgram_hand_the_socket_back)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pr::udp_socket::endpoint_type const any(boost::asio::ip::address_v4::loopback(), 0);
    auto a = pr::udp_socket::bind(h, any).value();
    auto b = pr::udp_socket::bind(h, any).value();
    auto const a_ep = a.local_endpoint().value();
    auto const b_ep = b.local_endpoint().value();

    auto received = pr::recv_dgram(std::move(b), std::vector<char>(16));
    auto r =
        c.run(pt::bounded(h, pr::send_dgram(std::move(a), std::string("datagram"), b_ep)
                                 .and_then([&received](pr::udp_socket a_back, std::string sent) {
                                     BOOST_TEST(sent == "datagram");
                                     BOOST_TEST(a_back.local_endpoint().value().port() != 0);
                                     return std::move(received);
                                 })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    auto& [b_back, buf, size, from] = *r;
    BOOST_TEST(size == 8u);
    BOOST_TEST(std::string(buf.data(), size) == "datagram");
    BOOST_TEST(buf.size() == 16u);
    BOOST_TEST(from == a_ep);
    BOOST_TEST(b_back.local_endpoint().value() == b_ep);
}

BOOST_AUTO_TEST_SUITE_END()

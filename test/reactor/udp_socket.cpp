#include <protokit/reactor/udp_socket.hpp>

#include <protokit/reactor/core.hpp>

#include "../support/test_reactor.hpp"

#include <boost/asio/ip/address_v4.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <string_view>

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

BOOST_AUTO_TEST_SUITE_END()

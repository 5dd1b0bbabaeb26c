// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/tcp_client.hpp>

#include <protokit/future/future.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/lines_codec.hpp>
#include <protokit/reactor/clock.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/tcp_listener.hpp>

#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

// tcp_client on loopback: when connecting starts, and its timeout.

namespace pf = protokit::future;
namespace pt = protokit::test;
using namespace std::chrono_literals;
using boost::asio::ip::tcp;

BOOST_AUTO_TEST_SUITE(proto_tcp_client)

namespace {

struct lines : protokit::pipeline::client_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    auto bind_transport(Io io) const
    {
        return protokit::io::framed<Io, protokit::io::lines_codec>(std::move(io),
                                                                   protokit::io::lines_codec(64));
    }
};

tcp::endpoint loopback()
{
    return tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0);
}

} // namespace

BOOST_AUTO_TEST_CASE(the_connect_timeout_starts_at_the_first_poll_not_when_the_future_is_made)
{
    protokit::reactor::manual_clock clock;
    protokit::reactor::core core(clock);
    auto listener = protokit::reactor::tcp_listener::bind(core.get_handle(), loopback());
    BOOST_REQUIRE(listener);
    auto ep = listener->local_endpoint();
    BOOST_REQUIRE(ep);
    auto connecting =
        protokit::tcp_client(lines{}).connect_timeout(1s).connect(*ep, core.get_handle());
    clock.advance(5s); // the future waited, unpolled, longer than its timeout
    auto f = pf::spawn(std::move(connecting));
    auto n = pt::make_counting_notify();
    auto r = f.poll_future_notify(n, 0);
    for (int turns = 0; r.is_not_ready() && turns < 500; ++turns) {
        core.turn(10ms);
        r = f.poll_future_notify(n, 0);
    }
    BOOST_TEST(r.is_ready()); // connected: today's code had timed out at its first poll
}

BOOST_AUTO_TEST_SUITE_END()

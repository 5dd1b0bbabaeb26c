// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/udp_framed.hpp>

#include <protokit/error.hpp>
#include <protokit/future/future.hpp>
#include <protokit/future/sink.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/timeout.hpp>

#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

namespace pf = protokit::future;
namespace pio = protokit::io;
namespace pr = protokit::reactor;
using boost::asio::ip::udp;

BOOST_AUTO_TEST_SUITE(io_udp_framed)

namespace {

/// Datagrams of text to a fixed peer; "bad" does not decode.
struct text_codec {
    using in_type = std::pair<udp::endpoint, std::string>;
    using out_type = std::pair<udp::endpoint, std::string>;

    boost::system::result<in_type> decode(udp::endpoint const& from, std::span<char const> datagram)
    {
        std::string text(datagram.data(), datagram.size());
        if (text == "bad")
            return make_error_code(protokit::error::invalid_frame);
        return in_type(from, std::move(text));
    }

    boost::system::result<udp::endpoint> encode(out_type message, pio::bytes_mut& dst)
    {
        dst.append(message.second);
        return message.first;
    }
};

static_assert(pio::DatagramCodec<text_codec>);

udp::endpoint loopback()
{
    return {boost::asio::ip::make_address("127.0.0.1"), 0};
}

} // namespace

BOOST_AUTO_TEST_CASE(datagrams_go_out_and_come_back_decoded)
{
    pr::core core;
    auto h = core.get_handle();
    auto a = pr::udp_socket::bind(h, loopback());
    auto b = pr::udp_socket::bind(h, loopback());
    BOOST_REQUIRE(a && b);
    auto a_at = *a->local_endpoint();
    auto b_at = *b->local_endpoint();
    pio::udp_framed<text_codec> from_a(std::move(*a));
    pio::udp_framed<text_codec> to_b(std::move(*b));

    // b reads until it has two messages: the datagram that does not decode is an
    // error item, which the stream yields before it goes on.
    int errors = 0;
    auto received_two = std::move(to_b)
                            .then([&errors](boost::system::result<text_codec::in_type> r) {
                                errors += r ? 0 : 1;
                                return pf::ok(r ? std::optional(*r) : std::nullopt);
                            })
                            .filter_map([](std::optional<text_codec::in_type> m) { return m; })
                            .take(2);
    auto sent = std::move(from_a).send(text_codec::out_type(b_at, "one"));
    auto first = core.run(std::move(sent));
    BOOST_REQUIRE(first.has_value());
    auto second = core.run(std::move(*first).send(text_codec::out_type(b_at, "bad")));
    BOOST_REQUIRE(second.has_value());
    auto third = core.run(std::move(*second).send(text_codec::out_type(b_at, "three")));
    BOOST_REQUIRE(third.has_value());

    auto received = core.run(
        std::move(received_two).collect().select2(pr::timeout(h, std::chrono::seconds(10))));
    BOOST_REQUIRE(received.has_value());
    BOOST_REQUIRE(received->index() == 0);
    auto& messages = std::get<0>(*received).first;
    BOOST_REQUIRE(messages.size() == 2u);
    BOOST_TEST(messages[0].second == "one");
    BOOST_TEST(messages[1].second == "three");
    BOOST_TEST(messages[0].first == a_at);
    BOOST_TEST(errors == 1);
}

BOOST_AUTO_TEST_CASE(a_datagram_the_socket_refuses_is_dropped_and_the_next_goes_out)
{
    pr::core core;
    auto h = core.get_handle();
    auto a = pr::udp_socket::bind(h, loopback());
    auto b = pr::udp_socket::bind(h, loopback());
    BOOST_REQUIRE(a && b);
    auto b_at = *b->local_endpoint();
    pio::udp_framed<text_codec> from_a(std::move(*a));
    pio::udp_framed<text_codec> to_b(std::move(*b));

    // Port 0 is no destination: the kernel refuses the send (EINVAL).
    auto refused = core.run(std::move(from_a).send(text_codec::out_type(loopback(), "nowhere")));
    BOOST_REQUIRE(refused.has_error());
    BOOST_TEST(refused.error() == boost::system::errc::invalid_argument, refused.error().message());

    // The same sink goes on after a refusal: a datagram to a real peer leaves next.
    auto c = pr::udp_socket::bind(h, loopback());
    BOOST_REQUIRE(c);
    pio::udp_framed<text_codec> from_c(std::move(*c));
    auto n = protokit::test::make_counting_notify();
    pf::task t(n, 1);
    {
        pf::task_scope scope(t);
        BOOST_TEST(from_c.start_send(text_codec::out_type(loopback(), "nowhere")).is_accepted());
        BOOST_TEST(from_c.poll_complete().is_error());
        BOOST_TEST(from_c.start_send(text_codec::out_type(b_at, "after")).is_accepted());
        BOOST_TEST(from_c.poll_complete().is_ready()); // before the fix: the refused datagram again
    }
    auto got =
        core.run(std::move(to_b).into_future().select2(pr::timeout(h, std::chrono::seconds(10))));
    BOOST_REQUIRE(got.has_value());
    BOOST_REQUIRE(got->index() == 0);
    auto& first = std::get<0>(*got).first.first;
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(first->second == "after");
}

BOOST_AUTO_TEST_SUITE_END()

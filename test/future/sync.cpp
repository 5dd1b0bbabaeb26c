// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sync.hpp>

#include <protokit/future/sink.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sync)

BOOST_AUTO_TEST_CASE(a_channel_carries_oneshot_replies)
{
    auto n = pt::make_counting_notify();
    using request = std::pair<int, pf::unsync::oneshot::sender<int>>;
    auto [requests, incoming] = pf::unsync::mpsc::unbounded<request>();
    auto [reply_tx, reply_rx] = pf::unsync::oneshot::channel<int>();
    BOOST_TEST(requests.unbounded_send(request(20, std::move(reply_tx))).is_sent());

    auto got = pt::in_task(n, 1, [&] { return incoming.poll_next(); });
    BOOST_TEST_REQUIRE(got.is_ready());
    BOOST_TEST_REQUIRE(got.value().has_value());
    auto& [value, reply] = *got.value();
    BOOST_TEST(std::move(reply).send(value * 2 + 2).is_sent());

    auto f = pf::spawn(std::move(reply_rx));
    auto r = f.poll_future_notify(n, 2);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 42);
}

BOOST_AUTO_TEST_CASE(thread_safe_and_single_thread_channels_share_the_api)
{
    auto n = pt::make_counting_notify();
    auto [stx, srx] = pf::sync::mpsc::channel<int>(1);
    auto [utx, urx] = pf::unsync::mpsc::channel<int>(1);
    pf::sync::send_result<int> a = stx.try_send(1);
    pf::unsync::send_result<int> b = utx.try_send(1);
    BOOST_TEST(a.is_sent());
    BOOST_TEST(b.is_sent());
    auto x = pt::in_task(n, 0, [&] { return srx.poll_next(); });
    auto y = pt::in_task(n, 0, [&] { return urx.poll_next(); });
    BOOST_TEST_REQUIRE((x.is_ready() && y.is_ready()));
    BOOST_TEST(*x.value() == *y.value());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/collect.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_collect)

BOOST_AUTO_TEST_CASE(collects_every_item_in_order)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::iter_ok({3, 1, 2}).collect());
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready [3,1,2]");
    auto e = pf::spawn(pf::iter_ok(std::vector<std::string>{}).collect());
    BOOST_TEST(pt::outcome(e.poll_future_notify(n, 0)) == "ready []");
}

BOOST_AUTO_TEST_CASE(waits_for_the_end_and_is_woken_by_the_stream)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<std::string>();
    auto f = pf::spawn(std::move(src).collect());
    h.send("a");
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 5)) == "not ready");
    BOOST_TEST(h.is_registered());
    h.send("b");
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 5u);
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 5)) == "not ready");
    h.end();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 5)) == "ready [a,b]");
}

BOOST_AUTO_TEST_CASE(an_error_fails_it)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto f = pf::spawn(std::move(src).collect());
    h.send(1);
    h.send_error(pt::test_error(2));
    h.send(3);
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "error 2");
}

BOOST_AUTO_TEST_SUITE_END()

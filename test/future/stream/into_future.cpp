// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/into_future.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_into_future)

BOOST_AUTO_TEST_CASE(yields_the_next_item_and_the_rest_of_the_stream)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::iter_ok({1, 2}).into_future());
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    auto [item, rest] = std::move(r).value();
    BOOST_TEST(pt::describe(item) == "1");
    auto g = pf::spawn(std::move(rest).into_future());
    auto r2 = g.poll_future_notify(n, 0);
    BOOST_TEST(pt::describe(r2.value().first) == "2");
    auto h = pf::spawn(std::move(r2.value().second).into_future());
    auto r3 = h.poll_future_notify(n, 0);
    BOOST_TEST(!r3.value().first.has_value());
}

BOOST_AUTO_TEST_CASE(waits_while_the_stream_is_not_ready)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto f = pf::spawn(std::move(src).into_future());
    BOOST_TEST(f.poll_future_notify(n, 2).is_not_ready());
    BOOST_TEST(h.is_registered());
    BOOST_TEST((f.get_ref().get_ref() != nullptr));
    h.send(5);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 2);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(pt::describe(r.value().first) == "5");
    BOOST_TEST((f.get_ref().get_ref() == nullptr));
}

BOOST_AUTO_TEST_CASE(an_error_comes_with_the_stream_which_goes_on)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    h.send_error(pt::test_error(4));
    h.send(6);
    auto f = pf::spawn(std::move(src).into_future());
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().first.value() == 4);
    auto g = pf::spawn(std::move(r.error().second).into_future());
    auto r2 = g.poll_future_notify(n, 0);
    BOOST_TEST(pt::describe(r2.value().first) == "6");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/boxed.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <numeric>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_boxed)

BOOST_AUTO_TEST_CASE(a_small_future_stays_inline)
{
    auto n = pt::make_counting_notify();
    pf::boxed_future<int> b = pf::ok(1).map([](int v) { return v + 1; }).boxed();
    BOOST_TEST(b.is_inline());
    auto moved = std::move(b);
    BOOST_TEST(moved.is_inline());
    auto f = pf::spawn(std::move(moved));
    BOOST_TEST(f.get_ref().is_inline());
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 2);
}

BOOST_AUTO_TEST_CASE(a_large_future_goes_to_the_heap_and_works)
{
    auto n = pt::make_counting_notify();
    std::array<int, 64> big{};
    std::iota(big.begin(), big.end(), 0);
    auto [inner, c] = pt::make_test_future<int>();
    pf::boxed_future<int> b = std::move(inner).map([big](int v) { return v + big[63]; }).boxed();
    BOOST_TEST(!b.is_inline());
    auto f = pf::spawn(std::move(b));
    BOOST_TEST(!f.get_ref().is_inline());
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(c.is_registered());
    c.set_ready(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 64);
}

BOOST_AUTO_TEST_CASE(a_waiting_inline_future_moves_with_the_box)
{
    auto n = pt::make_counting_notify();
    auto [inner, c] = pt::make_test_future<int>();
    pf::boxed_future<int> b = std::move(inner);
    BOOST_TEST(b.is_inline());
    auto f = pf::spawn(std::move(b));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    auto g = pf::spawn(std::move(f).into_inner());
    c.set_error(pt::test_error(2));
    BOOST_TEST(n->take() == 1);
    auto r = g.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(2));
}

BOOST_AUTO_TEST_CASE(different_futures_share_one_type)
{
    auto n = pt::make_counting_notify();
    std::vector<pf::boxed_future<int>> futures;
    futures.push_back(pf::ok(1));
    futures.push_back(pf::ok(2).map([](int v) { return v * 10; }));
    futures.push_back(pf::lazy([] { return pf::ok(300); }));
    auto f = pf::spawn(pf::join_all(std::move(futures)).map([](std::vector<int> v) {
        return std::accumulate(v.begin(), v.end(), 0);
    }));
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 321);
}

BOOST_AUTO_TEST_CASE(combinators_apply_to_a_boxed_future)
{
    auto n = pt::make_counting_notify();
    pf::boxed_future<int> b = pf::ok(5);
    b = pf::ok(6);
    auto f = pf::spawn(std::move(b).and_then([](int v) { return pf::ok(v + 1); }).boxed());
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 7);
}

BOOST_AUTO_TEST_CASE(a_boxed_future_may_be_wrapped_and_boxed_again)
{
    auto n = pt::make_counting_notify();
    pf::boxed_future<int> inner = pf::ok(8);
    pf::boxed_future<int> outer = std::move(inner).fuse();
    auto f = pf::spawn(std::move(outer).shared());
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 8);
}

BOOST_AUTO_TEST_SUITE_END()

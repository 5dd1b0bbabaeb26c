// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/lazy.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_lazy)

BOOST_AUTO_TEST_CASE(calls_the_function_on_the_first_poll_only)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    auto f = pf::spawn(pf::lazy([&] {
        ++calls;
        return pf::ok(calls * 10);
    }));
    BOOST_TEST(calls == 0);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(calls == 1);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 10);
}

BOOST_AUTO_TEST_CASE(a_result_is_taken_as_ready)
{
    auto n = pt::make_counting_notify();
    auto good = pf::spawn(pf::lazy([] { return boost::system::result<int>(4); }));
    auto r = good.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 4);

    auto bad = pf::spawn(pf::lazy([] { return boost::system::result<int>(pt::test_error(2)); }));
    auto e = bad.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(e.is_error());
    BOOST_TEST(e.error() == pt::test_error(2));
}

BOOST_AUTO_TEST_CASE(waits_for_a_future_made_not_ready)
{
    auto n = pt::make_counting_notify();
    auto [inner, control] = pt::make_test_future<int>();
    int calls = 0;
    auto f = pf::spawn(pf::lazy([&, inner = std::move(inner)]() mutable {
        ++calls;
        return std::move(inner);
    }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control.is_registered());
    BOOST_TEST(n->count() == 0);

    control.set_ready(8);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 8);
    BOOST_TEST(calls == 1);
    BOOST_TEST(control.polls() == 2);
}

BOOST_AUTO_TEST_CASE(poll_fn_polls_the_function)
{
    auto n = pt::make_counting_notify();
    int polls = 0;
    auto f = pf::spawn(pf::poll_fn([&]() -> pf::poll_result<int> {
        if (++polls < 3) {
            pf::current_task().notify();
            return pf::not_ready;
        }
        return pf::ready(polls);
    }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 3);
}

BOOST_AUTO_TEST_CASE(poll_fn_passes_an_error)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(
        pf::poll_fn([]() -> pf::poll_result<int> { return pf::fail(pt::test_error(6)); }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().value() == 6);
}

BOOST_AUTO_TEST_SUITE_END()

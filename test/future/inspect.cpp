// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/inspect.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_inspect)

BOOST_AUTO_TEST_CASE(shows_the_value_without_taking_it)
{
    auto n = pt::make_counting_notify();
    int seen = 0;
    auto f = pf::spawn(pf::ok(std::make_unique<int>(4)).inspect([&](std::unique_ptr<int> const& p) {
        seen = *p;
    }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(*r.value() == 4);
    BOOST_TEST(seen == 4);
}

BOOST_AUTO_TEST_CASE(is_not_called_on_error_or_not_ready)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    auto [inner, c] = pt::make_test_future<int>();
    auto f = pf::spawn(std::move(inner).inspect([&](int const&) { ++calls; }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(c.is_registered());
    BOOST_TEST(calls == 0);
    c.set_error(pt::test_error(3));
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_error());
    BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(a_unit_value_may_be_seen_by_a_function_of_nothing)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    auto f = pf::spawn(pf::ok().inspect([&] { ++calls; }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_SUITE_END()

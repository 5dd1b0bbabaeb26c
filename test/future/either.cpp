// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/either.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <utility>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_either)

namespace {

using ready_int = pf::ready_future<int, pf::error_code>;
using waiting_int = pt::test_future<int>;

// The two branches return different future types.
pf::either<ready_int, waiting_int> pick(bool now, waiting_int later)
{
    if (now)
        return pf::ok(1);
    return later;
}

} // namespace

BOOST_AUTO_TEST_CASE(polls_the_first_side)
{
    auto n = pt::make_counting_notify();
    auto [later, control] = pt::make_test_future<int>();
    auto f = pf::spawn(pick(true, std::move(later)));
    BOOST_TEST(f.get_ref().index() == 0u);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 1);
    BOOST_TEST(control.polls() == 0);
}

BOOST_AUTO_TEST_CASE(polls_the_second_side)
{
    auto n = pt::make_counting_notify();
    auto [later, control] = pt::make_test_future<int>();
    auto f = pf::spawn(pick(false, std::move(later)));
    BOOST_TEST(f.get_ref().index() == 1u);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control.is_registered());
    control.set_error(pt::test_error(3));
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(3));
}

BOOST_AUTO_TEST_CASE(picks_a_side_of_one_type_by_index)
{
    auto n = pt::make_counting_notify();
    pf::either<ready_int, ready_int> e(std::in_place_index<1>, pf::ok(2));
    BOOST_TEST(e.index() == 1u);
    auto f = pf::spawn(std::move(e).map([](int v) { return v * 3; }));
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 6);
}

BOOST_AUTO_TEST_SUITE_END()

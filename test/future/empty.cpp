// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/empty.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_empty)

BOOST_AUTO_TEST_CASE(never_completes_and_never_notifies)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::empty<int>());
    static_assert(std::is_same_v<decltype(f.poll_future_notify(n, 0)), pf::poll_result<int>>);
    for (int i = 0; i != 3; ++i)
        BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(loses_every_select)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::empty<int>().select2(pf::ok(5)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST_REQUIRE(r.value().index() == 1u);
    BOOST_TEST(std::get<1>(r.value()).first == 5);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/fuse.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_fuse)

BOOST_AUTO_TEST_CASE(is_not_ready_forever_after_the_value)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok(3).fuse());
    BOOST_TEST(!f.get_ref().is_done());
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 3);
    BOOST_TEST(f.get_ref().is_done());
    for (int i = 0; i != 3; ++i)
        BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(is_not_ready_forever_after_an_error)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::err<int>(pt::test_error(1)).fuse());
    BOOST_TEST(f.poll_future_notify(n, 0).is_error());
    BOOST_TEST(f.get_ref().is_done());
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
}

BOOST_AUTO_TEST_CASE(passes_not_ready_through_and_drops_the_inner_when_done)
{
    auto n = pt::make_counting_notify();
    auto [inner, c] = pt::make_test_future<int>();
    auto f = pf::spawn(std::move(inner).fuse());
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(c.is_registered());
    BOOST_TEST(!f.get_ref().is_done());
    c.set_ready(2);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 2);
    BOOST_TEST(c.is_dropped());
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(c.polls() == 2);
}

BOOST_AUTO_TEST_SUITE_END()

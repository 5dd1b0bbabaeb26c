// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/into_stream.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_into_stream)

BOOST_AUTO_TEST_CASE(yields_the_value_then_ends)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::ok(1).into_stream());
    static_assert(pf::Stream<pf::future_stream<pf::ready_future<int, pf::error_code>>>);
    auto r = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value().value_or(-1) == 1);
    auto end = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(end.is_ready());
    BOOST_TEST(!end.value().has_value());
}

BOOST_AUTO_TEST_CASE(yields_the_error_then_ends)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::err<int>(pt::test_error(2)).into_stream());
    auto r = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(2));
    BOOST_TEST(!s.poll_stream_notify(n, 0).value().has_value());
}

BOOST_AUTO_TEST_CASE(waits_for_the_future)
{
    auto n = pt::make_counting_notify();
    auto [f, c] = pt::make_test_future<int>();
    auto s = pf::spawn(std::move(f).into_stream());
    BOOST_TEST(s.poll_stream_notify(n, 0).is_not_ready());
    BOOST_TEST(c.is_registered());
    c.set_ready(4);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.poll_stream_notify(n, 0).value().value_or(-1) == 4);
    BOOST_TEST(c.is_dropped());
    BOOST_TEST(!s.poll_stream_notify(n, 0).value().has_value());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/flatten.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <type_traits>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_flatten)

BOOST_AUTO_TEST_CASE(flattens_a_ready_future_of_a_future)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok(pf::ok(std::string("in"))).flatten());
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == "in");
}

BOOST_AUTO_TEST_CASE(waits_for_the_outer_then_the_inner)
{
    auto n = pt::make_counting_notify();
    auto [outer, co] = pt::make_test_future<pt::test_future<int>>();
    auto [inner, ci] = pt::make_test_future<int>();
    auto f = pf::spawn(std::move(outer).flatten());
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(co.is_registered());

    co.set_ready(std::move(inner));
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ci.is_registered());
    BOOST_TEST(n->count() == 0);

    ci.set_ready(3);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 3);
}

BOOST_AUTO_TEST_CASE(passes_an_error_of_either)
{
    auto n = pt::make_counting_notify();
    auto outer =
        pf::spawn(pf::err<pf::ready_future<int, pf::error_code>>(pt::test_error(1)).flatten());
    auto r = outer.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(1));

    auto inner = pf::spawn(pf::ok(pf::err<int>(pt::test_error(2))).flatten());
    auto e = inner.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(e.is_error());
    BOOST_TEST(e.error() == pt::test_error(2));
}

BOOST_AUTO_TEST_CASE(flattens_a_result)
{
    auto n = pt::make_counting_notify();
    auto f =
        pf::spawn(pf::ok(7).map([](int v) { return boost::system::result<int>(v + 1); }).flatten());
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 8);
}

BOOST_AUTO_TEST_CASE(flatten_stream_yields_the_stream_items)
{
    auto n = pt::make_counting_notify();
    auto [outer, co] =
        pt::make_test_future<pf::future_stream<pf::ready_future<int, pf::error_code>>>();
    auto s = pf::spawn(std::move(outer).flatten_stream());
    static_assert(pf::Stream<std::remove_cvref_t<decltype(s.get_ref())>>);
    BOOST_TEST(s.poll_stream_notify(n, 0).is_not_ready());
    BOOST_TEST(co.is_registered());

    co.set_ready(pf::ok(5).into_stream());
    BOOST_TEST(n->take() == 1);
    auto first = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(first.is_ready());
    BOOST_TEST(first.value().value_or(-1) == 5);
    auto end = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(end.is_ready());
    BOOST_TEST(!end.value().has_value());
}

BOOST_AUTO_TEST_CASE(flatten_stream_yields_the_future_error_then_ends)
{
    auto n = pt::make_counting_notify();
    using stream = pf::future_stream<pf::ready_future<int, pf::error_code>>;
    auto s = pf::spawn(pf::err<stream>(pt::test_error(4)).flatten_stream());
    auto r = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(4));
    auto end = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(end.is_ready());
    BOOST_TEST(!end.value().has_value());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream.hpp>

#include <protokit/future/ok.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream)

BOOST_AUTO_TEST_CASE(combinators_compose_into_one_pipeline)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(
        pf::iter_ok({1, 2, 3, 4, 5, 6, 7})
            .map([](int v) { return v * 3; })
            .filter([](int v) { return v % 2 == 1; })
            .and_then([](int v) { return pf::ok(std::to_string(v)); })
            .chain(pf::once(boost::system::result<std::string, pf::error_code>("!")))
            .chunks(2)
            .map([](std::vector<std::string> c) { return c.front() + c.back(); })
            .fold(std::string(), [](std::string acc, std::string s) { return acc + s + ";"; }));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready 39;1521;!!;");
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(a_stream_of_futures_through_buffered_into_a_sink)
{
    auto n = pt::make_counting_notify();
    auto [sink, sh] = pt::make_gated_sink<int>(16);
    auto f = pf::spawn(pf::iter_ok({1, 2, 3})
                           .map([](int v) { return pf::ok(v * v); })
                           .buffered(2)
                           .forward(std::move(sink)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    sh.release();
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(sh.received() == (std::vector<int>{1, 4, 9}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_stream_types_model_the_concept)
{
    static_assert(pf::Stream<pf::iter_ok_stream<std::vector<int>>>);
    static_assert(pf::Stream<pf::boxed_stream<int>>);
    static_assert(pf::Stream<pf::futures_unordered<pf::ready_future<int, pf::error_code>>>);
    static_assert(pf::Stream<pf::futures_ordered<pf::ready_future<int, pf::error_code>>>);
    static_assert(pf::Future<pf::collect_future<pf::empty_stream<int>>>);
    static_assert(pf::Future<pf::stream_future<pf::empty_stream<int>>>);
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::empty_stream<int>().boxed());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_SUITE_END()

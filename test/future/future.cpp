// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <tuple>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_future)

BOOST_AUTO_TEST_CASE(every_combinator_is_a_future)
{
    using ready_int = pf::ready_future<int, pf::error_code>;
    static_assert(pf::Future<ready_int>);
    static_assert(pf::Future<pf::empty_future<int, pf::error_code>>);
    static_assert(
        pf::Future<decltype(pf::ok(1).then([](boost::system::result<int>) { return pf::ok(1); }))>);
    static_assert(pf::Future<decltype(pf::ok(1).join(pf::ok(2)))>);
    static_assert(pf::Future<decltype(pf::ok(1).select(pf::ok(2)))>);
    static_assert(pf::Future<decltype(pf::ok(1).shared())>);
    static_assert(pf::Future<pf::boxed_future<int>>);
    static_assert(pf::Stream<decltype(pf::ok(1).into_stream())>);
}

BOOST_AUTO_TEST_CASE(a_pipeline_of_combinators)
{
    auto n = pt::make_counting_notify();
    auto [input, control] = pt::make_test_future<int>();
    auto pipeline = pf::lazy([in = std::move(input)]() mutable { return std::move(in); })
                        .and_then([](int v) { return pf::ok(v * 2); })
                        .join(pf::ok(std::string("x")))
                        .map([](std::tuple<int, std::string> t) {
                            return std::get<1>(t) + std::to_string(std::get<0>(t));
                        })
                        .select(pf::empty<std::string>())
                        .map([](auto pair) { return pair.first; })
                        .map_err([](auto pair) { return pair.first; })
                        .boxed()
                        .shared();
    auto copy = pipeline;
    auto f = pf::spawn(std::move(pipeline));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control.is_registered());
    control.set_ready(21);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).value() == "x42");
    auto r = pf::wait(std::move(copy));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(*r == "x42");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/builder.hpp>

#include <protokit/reactor/core.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_service.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <type_traits>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace ps = protokit::service;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(service_builder)

BOOST_AUTO_TEST_CASE(the_first_layer_named_is_the_outermost)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto h = c.get_handle();
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::builder()
                 .timeout(h, 1s)
                 .retry(ps::retry_connection_errors{}, h)
                 .concurrency_limit(1)
                 .rate_limit(h, 10, 1s)
                 .service(inner);
    static_assert(
        std::is_same_v<decltype(s),
                       ps::timeout_service<ps::retry_service<
                           ps::concurrency_limit_service<ps::rate_limit_service<pt::mock_service>>,
                           ps::retry_connection_errors>>>);
    auto n = pt::make_counting_notify();
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    auto f = pf::spawn(s.call(1));
    // The limit of one is inside the retry: its retry waits for the slot its first attempt frees.
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    state->calls[0].set_error(make_error_code(protokit::error::connection_closed));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(state->requests == (std::vector<int>{1, 1}));
    // And the timeout is outside both: it bounds the call with its retries.
    clock.advance(1s);
    c.turn(0s);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::timed_out);
}

BOOST_AUTO_TEST_CASE(an_empty_builder_is_the_service_itself_and_any_layer_joins)
{
    auto [inner, state] = pt::make_mock_service();
    auto same = ps::builder().service(inner);
    static_assert(std::is_same_v<decltype(same), pt::mock_service>);
    auto limited = ps::builder().layer(ps::in_flight_limit(2)).service(inner);
    static_assert(ps::Layer<ps::concurrency_limit_layer, pt::mock_service>);
    auto n = pt::make_counting_notify();
    auto a = pf::spawn(limited.call(1));
    auto b = pf::spawn(limited.call(2));
    BOOST_TEST(pt::poll_ready_as(limited, n).is_not_ready());
    BOOST_TEST(state->requests.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

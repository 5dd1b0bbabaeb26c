// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/rate_limit.hpp>

#include <protokit/reactor/core.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_service.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace ps = protokit::service;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(service_rate_limit)

BOOST_AUTO_TEST_CASE(n_calls_per_period_then_not_ready_until_the_timer_rolls_it_over)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::rate_limit(c.get_handle(), 2, 1s).layer(inner);
    auto n = pt::make_counting_notify();
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    auto a = pf::spawn(s.call(1));
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    auto b = pf::spawn(s.call(2));
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    BOOST_TEST(c.timer_count() == 1u);

    // A call made anyway is refused, and never reaches the service.
    auto refused = pf::spawn(s.call(3));
    auto r = refused.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::rate_limited);
    BOOST_TEST(state->requests == (std::vector<int>{1, 2}));

    n->take();
    clock.advance(999ms);
    c.turn(0s);
    BOOST_TEST(n->take() == 0);
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    clock.advance(1ms);
    c.turn(0s);
    BOOST_TEST(n->take() == 1); // the period rolled over: the waiting task is woken
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    auto d = pf::spawn(s.call(4));
    BOOST_TEST(state->requests == (std::vector<int>{1, 2, 4}));
    c.turn(0s);
    BOOST_TEST(c.timer_count() == 0u);
}

BOOST_AUTO_TEST_CASE(calls_in_flight_do_not_count_against_the_next_period)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::rate_limit(c.get_handle(), 1, 100ms).layer(inner);
    auto n = pt::make_counting_notify();
    auto a = pf::spawn(s.call(1));
    clock.advance(100ms);
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    auto b = pf::spawn(s.call(2));
    BOOST_TEST(state->requests == (std::vector<int>{1, 2}));
    state->calls[0].set_ready(10);
    BOOST_TEST(a.poll_future_notify(n, 0).value() == 10);
}

BOOST_AUTO_TEST_SUITE_END()

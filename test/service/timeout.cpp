// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/timeout.hpp>

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

BOOST_AUTO_TEST_SUITE(service_timeout)

BOOST_AUTO_TEST_CASE(a_call_within_the_limit_answers)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::timeout(c.get_handle(), 1s).layer(inner);
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(s.call(21));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(state->requests == std::vector<int>{21});
    clock.advance(999ms);
    c.turn(0s);
    state->calls[0].set_ready(42);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 42);
    BOOST_TEST(c.timer_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_call_past_the_limit_fails_with_timed_out)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::timeout(c.get_handle(), 1s).layer(inner);
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(s.call(1));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    n->take();
    clock.advance(1s);
    c.turn(0s);
    BOOST_TEST(n->take() >= 1); // the timer woke the call's task
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::timed_out);
}

BOOST_AUTO_TEST_CASE(dropping_the_call_drops_the_inner_future_and_its_timer)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::timeout(c.get_handle(), 1s).layer(inner);
    auto n = pt::make_counting_notify();
    {
        auto f = pf::spawn(s.call(1));
        BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
        BOOST_TEST(c.timer_count() == 1u);
        BOOST_TEST(!state->calls[0].is_dropped());
    }
    BOOST_TEST(state->calls[0].is_dropped());
    c.turn(0s);
    BOOST_TEST(c.timer_count() == 0u);
}

BOOST_AUTO_TEST_CASE(poll_ready_is_the_inner_service_s)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::timeout(c.get_handle(), 1s).layer(inner);
    static_assert(ps::ReadyService<decltype(s)>);
    auto n = pt::make_counting_notify();
    state->ready = false;
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    state->open();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    state->ready_error = make_error_code(protokit::error::connection_closed);
    auto r = pt::poll_ready_as(s, n);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::connection_closed);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/retry.hpp>

#include <protokit/reactor/core.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_service.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace ps = protokit::service;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(service_retry)

namespace {

pf::error_code const closed = make_error_code(protokit::error::connection_closed);

} // namespace

BOOST_AUTO_TEST_CASE(the_budget_allows_a_ratio_of_the_calls_and_forgets_after_the_window)
{
    pr::manual_clock clock;
    pr::core c(clock);
    ps::retry_budget b(c.get_handle(), 10s, 0, 0.5);
    BOOST_TEST(!b.withdraw()); // no reserve, no calls: nothing to retry with
    for (int i = 0; i < 4; ++i)
        b.deposit();
    BOOST_TEST(b.withdraw());
    BOOST_TEST(b.withdraw());
    BOOST_TEST(!b.withdraw());
    BOOST_TEST(b.balance() == 0.0);
    // Once the window has passed, the calls and retries are forgotten.
    b.deposit();
    b.deposit();
    clock.advance(5s);
    b.deposit();
    b.deposit();
    clock.advance(5s);
    BOOST_TEST(b.balance() == 1.0); // the two calls of 5 s ago are left
    clock.advance(5s);
    BOOST_TEST(!b.withdraw());
}

BOOST_AUTO_TEST_CASE(the_reserve_allows_min_per_sec_over_the_window)
{
    pr::manual_clock clock;
    pr::core c(clock);
    ps::retry_budget b(c.get_handle(), 2s, 3, 0.0);
    int allowed = 0;
    while (allowed < 100 && b.withdraw())
        ++allowed;
    BOOST_TEST(allowed == 6);
    clock.advance(2s);
    BOOST_TEST(b.withdraw());
}

BOOST_AUTO_TEST_CASE(a_connection_error_is_retried_with_the_same_request)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::retry(ps::retry_connection_errors{2}, c.get_handle()).layer(inner);
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(s.call(21));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    state->calls[0].set_error(closed);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(state->requests == (std::vector<int>{21, 21}));
    state->calls[1].set_ready(42);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 42);
}

BOOST_AUTO_TEST_CASE(the_policy_s_attempts_and_its_choice_of_errors_bound_the_retries)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::retry(ps::retry_connection_errors{1}, c.get_handle()).layer(inner);
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(s.call(1));
    state->calls[0].set_error(closed);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    state->calls[1].set_error(closed);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error()); // one retry only
    BOOST_TEST(r.error() == protokit::error::connection_closed);
    BOOST_TEST(state->requests.size() == 2u);

    // A call's own failure is not the connection's: not retried.
    auto g = pf::spawn(s.call(2));
    state->calls[2].set_error(make_error_code(protokit::error::invalid_frame));
    auto rg = g.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(rg.is_error());
    BOOST_TEST(rg.error() == protokit::error::invalid_frame);
    BOOST_TEST(state->requests.size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_spent_budget_stops_the_retries)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    // No reserve, one retry per two calls.
    auto s = ps::retry(ps::retry_connection_errors{5}, c.get_handle(), 10s, 0, 0.5).layer(inner);
    auto n = pt::make_counting_notify();
    auto a = pf::spawn(s.call(1));
    auto b = pf::spawn(s.call(2));
    state->calls[0].set_error(closed);
    BOOST_TEST(a.poll_future_notify(n, 0).is_not_ready()); // retried: the budget had one token
    BOOST_TEST(state->requests.size() == 3u);
    state->calls[1].set_error(closed);
    auto rb = b.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(rb.is_error()); // the budget is spent: no retry
    BOOST_TEST(rb.error() == protokit::error::connection_closed);
    BOOST_TEST(state->requests.size() == 3u);
    BOOST_TEST(s.budget().balance() < 1.0);
}

BOOST_AUTO_TEST_CASE(a_retry_waits_for_the_service_to_be_ready)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::retry(ps::retry_connection_errors{}, c.get_handle()).layer(inner);
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(s.call(5));
    state->ready = false;
    state->calls[0].set_error(closed);
    n->take();
    BOOST_TEST(f.poll_future_notify(n, 3).is_not_ready());
    BOOST_TEST(state->requests.size() == 1u); // not called while not ready
    state->open();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 3u);
    BOOST_TEST(f.poll_future_notify(n, 3).is_not_ready());
    BOOST_TEST(state->requests.size() == 2u);

    // poll_ready's own failure ends the call.
    state->ready_error = make_error_code(protokit::error::no_endpoints);
    state->calls[1].set_error(closed);
    auto r = f.poll_future_notify(n, 3);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::no_endpoints);
}

BOOST_AUTO_TEST_CASE(dropping_the_call_drops_its_attempt)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::retry(ps::retry_connection_errors{}, c.get_handle()).layer(inner);
    auto n = pt::make_counting_notify();
    std::optional<pf::spawned<decltype(s)::future_type>> f;
    f.emplace(s.call(1));
    state->calls[0].set_error(closed);
    BOOST_TEST(f->poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(!state->calls[1].is_dropped());
    f.reset();
    BOOST_TEST(state->calls[1].is_dropped());
}

BOOST_AUTO_TEST_SUITE_END()

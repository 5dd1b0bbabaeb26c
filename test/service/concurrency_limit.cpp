// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/concurrency_limit.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_service.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>

namespace pf = protokit::future;
namespace ps = protokit::service;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(service_concurrency_limit)

BOOST_AUTO_TEST_CASE(at_most_n_calls_in_flight_and_a_freed_slot_wakes_the_waiter)
{
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::concurrency_limit(2).layer(inner);
    auto n = pt::make_counting_notify();
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    auto a = pf::spawn(s.call(1));
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    auto b = pf::spawn(s.call(2));
    BOOST_TEST(s.in_flight() == 2u);
    // Full: not ready, and the task is registered (a dispatcher stops reading here).
    BOOST_TEST(pt::poll_ready_as(s, n, 7).is_not_ready());
    BOOST_TEST(a.poll_future_notify(n, 1).is_not_ready());
    BOOST_TEST(n->take() == 0);
    state->calls[0].set_ready(10);
    BOOST_TEST(n->take() == 1); // the call's own task
    BOOST_TEST(a.poll_future_notify(n, 1).value() == 10);
    BOOST_TEST(n->take() == 1); // the slot freed: the waiter was woken
    BOOST_TEST(n->last_id() == 7u);
    BOOST_TEST(s.in_flight() == 1u);
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
}

BOOST_AUTO_TEST_CASE(dropping_a_call_frees_its_slot)
{
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::in_flight_limit(1).layer(inner);
    auto n = pt::make_counting_notify();
    std::optional<pf::spawned<decltype(s)::future_type>> a;
    a.emplace(s.call(1));
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    n->take();
    a.reset();
    BOOST_TEST(state->calls[0].is_dropped());
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.in_flight() == 0u);
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
}

BOOST_AUTO_TEST_CASE(a_call_past_the_limit_fails_without_reaching_the_service)
{
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::concurrency_limit(1).layer(inner);
    auto n = pt::make_counting_notify();
    auto a = pf::spawn(s.call(1));
    auto b = pf::spawn(s.call(2));
    auto r = b.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::limit_reached);
    BOOST_TEST(state->requests == std::vector<int>{1});
    // The inner call's error comes through, and frees the slot too.
    state->calls[0].set_error(make_error_code(protokit::error::connection_closed));
    auto ra = a.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(ra.is_error());
    BOOST_TEST(ra.error() == protokit::error::connection_closed);
    BOOST_TEST(s.in_flight() == 0u);
}

BOOST_AUTO_TEST_CASE(the_inner_service_s_backpressure_passes_through)
{
    auto [inner, state] = pt::make_mock_service();
    auto s = ps::concurrency_limit(4).layer(inner);
    auto n = pt::make_counting_notify();
    state->ready = false;
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    state->open();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
}

BOOST_AUTO_TEST_SUITE_END()

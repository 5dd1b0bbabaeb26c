// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/balance.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/reactor/core.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_service.hpp"

#include <boost/asio/error.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace ps = protokit::service;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(service_balance)

namespace {

using mock_balance = ps::balance<std::string, pt::mock_service>;
using call_type = pf::spawned<mock_balance::future_type>;

/// `poll_ready` then `call`, as a dispatcher does.
call_type ready_call(mock_balance& b, int request,
                     boost::intrusive_ptr<pt::counting_notify> const& n)
{
    BOOST_TEST_REQUIRE(pt::poll_ready_as(b, n).is_ready());
    return call_type(b.call(std::move(request)));
}

} // namespace

BOOST_AUTO_TEST_CASE(an_empty_set_has_no_endpoints)
{
    pr::manual_clock clock;
    pr::core c(clock);
    mock_balance b(c.get_handle());
    auto n = pt::make_counting_notify();
    auto r = pt::poll_ready_as(b, n);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::no_endpoints);
    auto f = pf::spawn(b.call(1));
    BOOST_TEST(f.poll_future_notify(n, 0).error() == protokit::error::no_endpoints);
}

BOOST_AUTO_TEST_CASE(calls_go_to_the_endpoint_with_fewer_pending)
{
    pr::manual_clock clock;
    pr::core c(clock);
    mock_balance b(c.get_handle());
    auto [a, a_state] = pt::make_mock_service();
    auto [d, d_state] = pt::make_mock_service();
    b.insert("a", a);
    b.insert("d", d);
    auto n = pt::make_counting_notify();
    std::vector<call_type> calls;
    for (int i = 0; i < 6; ++i)
        calls.push_back(ready_call(b, i, n));
    // With two endpoints both are the two choices: each call goes to the less loaded.
    BOOST_TEST(a_state->requests.size() == 3u);
    BOOST_TEST(d_state->requests.size() == 3u);
    BOOST_TEST(b.pending("a") == 3u);
    // Answers on "a" make it the less loaded one.
    for (auto& control : a_state->calls)
        control.set_ready(0);
    for (auto& call : calls)
        (void)call.poll_future_notify(n, 0);
    BOOST_TEST(b.pending("a") == 0u);
    calls.push_back(ready_call(b, 10, n));
    calls.push_back(ready_call(b, 11, n));
    BOOST_TEST((a_state->requests.back() == 11 && a_state->requests.size() == 5u));
}

BOOST_AUTO_TEST_CASE(p2c_spreads_over_many_endpoints)
{
    pr::manual_clock clock;
    pr::core c(clock);
    mock_balance b(c.get_handle());
    std::vector<std::shared_ptr<pt::mock_service_state>> states;
    for (int i = 0; i < 5; ++i) {
        auto [s, state] = pt::make_mock_service();
        b.insert("e" + std::to_string(i), s);
        states.push_back(state);
    }
    auto n = pt::make_counting_notify();
    std::vector<call_type> calls;
    for (int i = 0; i < 100; ++i)
        calls.push_back(ready_call(b, i, n));
    // Nothing completes: p2c keeps the pending counts close (never two apart from the least).
    for (auto const& s : states) {
        BOOST_TEST(s->requests.size() >= 16u);
        BOOST_TEST(s->requests.size() <= 24u);
    }
}

BOOST_AUTO_TEST_CASE(a_failing_endpoint_is_ejected_and_asked_again_after_the_backoff)
{
    pr::manual_clock clock;
    pr::core c(clock);
    ps::balance_options options;
    options.ejection = ps::backoff{100ms, 1s};
    mock_balance b(c.get_handle(), options);
    auto [a, a_state] = pt::make_mock_service();
    auto [d, d_state] = pt::make_mock_service();
    b.insert("a", a);
    b.insert("d", d);
    auto n = pt::make_counting_notify();

    a_state->ready_error = boost::asio::error::connection_refused;
    std::vector<call_type> calls;
    for (int i = 0; i < 4; ++i)
        calls.push_back(ready_call(b, i, n));
    BOOST_TEST(b.is_ejected("a"));
    BOOST_TEST(b.ejections() == 1u);
    BOOST_TEST(a_state->requests.empty());
    BOOST_TEST(d_state->requests.size() == 4u);
    int const asked = a_state->ready_polls;
    calls.push_back(ready_call(b, 4, n));
    BOOST_TEST(a_state->ready_polls == asked); // not asked while ejected

    // After the backoff it is asked again; recovered, it takes calls again.
    a_state->ready_error = {};
    clock.advance(100ms);
    BOOST_TEST(!b.is_ejected("a"));
    calls.push_back(ready_call(b, 5, n));
    BOOST_TEST(a_state->requests == std::vector<int>{5});
    a_state->calls[0].set_ready(10);
    BOOST_TEST(calls.back().poll_future_notify(n, 0).value() == 10);
}

BOOST_AUTO_TEST_CASE(a_call_failing_on_its_connection_ejects_the_endpoint)
{
    pr::manual_clock clock;
    pr::core c(clock);
    mock_balance b(c.get_handle());
    auto [a, a_state] = pt::make_mock_service();
    auto [d, d_state] = pt::make_mock_service();
    b.insert("a", a);
    b.insert("d", d);
    auto n = pt::make_counting_notify();
    auto first = ready_call(b, 1, n);
    auto second = ready_call(b, 2, n);
    auto& failing_state = a_state->requests.size() == 1 ? a_state : d_state;
    auto& failing_call = failing_state->requests.front() == 1 ? first : second;
    std::string const failing = failing_state == a_state ? "a" : "d";
    failing_state->calls[0].set_error(boost::asio::error::connection_reset);
    BOOST_TEST(failing_call.poll_future_notify(n, 0).is_error());
    BOOST_TEST(!b.is_ejected(failing)); // noticed at the next poll_ready
    auto third = ready_call(b, 3, n);
    BOOST_TEST(b.is_ejected(failing));
    BOOST_TEST(failing_state->requests.size() == 1u);

    // A call's own error (not the connection's) ejects nothing.
    auto& other_state = failing_state == a_state ? d_state : a_state;
    other_state->calls.back().set_error(make_error_code(protokit::error::invalid_frame));
    BOOST_TEST(third.poll_future_notify(n, 0).is_error());
    (void)ready_call(b, 4, n);
    BOOST_TEST(b.ejections() == 1u);
}

BOOST_AUTO_TEST_CASE(calls_failing_together_eject_their_endpoint_once)
{
    pr::manual_clock clock;
    pr::core c(clock);
    mock_balance b(c.get_handle());
    auto [a, a_state] = pt::make_mock_service();
    b.insert("a", a);
    auto n = pt::make_counting_notify();
    std::vector<call_type> calls;
    for (int i = 0; i < 3; ++i)
        calls.push_back(ready_call(b, i, n));
    // The connection drops: every call on it fails, one after the other.
    for (std::size_t i = 0; i < 3; ++i) {
        a_state->calls[i].set_error(make_error_code(protokit::error::connection_closed));
        BOOST_TEST(calls[i].poll_future_notify(n, 0).is_error());
        (void)pt::poll_ready_as(b, n);
    }
    BOOST_TEST(b.is_ejected("a"));
    BOOST_TEST(b.ejections() == 1u);
    BOOST_TEST(b.pending("a") == 0u);
}

BOOST_AUTO_TEST_CASE(with_every_endpoint_ejected_the_timer_wakes_the_task)
{
    pr::manual_clock clock;
    pr::core c(clock);
    ps::balance_options options;
    options.ejection = ps::backoff{100ms, 1s};
    mock_balance b(c.get_handle(), options);
    auto [a, a_state] = pt::make_mock_service();
    b.insert("a", a);
    auto n = pt::make_counting_notify();
    a_state->ready_error = boost::asio::error::connection_refused;
    BOOST_TEST(pt::poll_ready_as(b, n).is_not_ready());
    BOOST_TEST(c.timer_count() == 1u);
    n->take();
    clock.advance(100ms);
    c.turn(0s);
    BOOST_TEST(n->take() == 1);
    // Failing again: ejected for twice as long.
    BOOST_TEST(pt::poll_ready_as(b, n).is_not_ready());
    BOOST_TEST(b.ejections() == 2u);
    a_state->ready_error = {};
    clock.advance(100ms);
    c.turn(0s);
    BOOST_TEST(n->take() == 0);
    clock.advance(100ms);
    c.turn(0s);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::poll_ready_as(b, n).is_ready());
}

BOOST_AUTO_TEST_CASE(a_busy_endpoint_wakes_the_balancer_when_it_is_ready)
{
    pr::manual_clock clock;
    pr::core c(clock);
    mock_balance b(c.get_handle());
    auto [a, a_state] = pt::make_mock_service();
    b.insert("a", a);
    auto n = pt::make_counting_notify();
    a_state->ready = false;
    BOOST_TEST(pt::poll_ready_as(b, n).is_not_ready());
    BOOST_TEST(n->take() == 0);
    a_state->open();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::poll_ready_as(b, n).is_ready());
}

BOOST_AUTO_TEST_CASE(endpoints_come_and_go_while_calls_are_in_flight)
{
    pr::manual_clock clock;
    pr::core c(clock);
    mock_balance b(c.get_handle());
    auto [a, a_state] = pt::make_mock_service();
    b.insert("a", a);
    auto n = pt::make_counting_notify();
    auto first = ready_call(b, 1, n);
    BOOST_TEST(b.remove("a"));
    BOOST_TEST(!b.remove("a"));
    BOOST_TEST(b.size() == 0u);
    BOOST_TEST(pt::poll_ready_as(b, n).is_error());
    // The call on the removed endpoint goes on.
    a_state->calls[0].set_ready(2);
    BOOST_TEST(first.poll_future_notify(n, 0).value() == 2);

    auto [d, d_state] = pt::make_mock_service();
    b.insert("d", d);
    auto second = ready_call(b, 3, n);
    BOOST_TEST(d_state->requests == std::vector<int>{3});
}

BOOST_AUTO_TEST_CASE(a_call_without_poll_ready_chooses_for_itself)
{
    pr::manual_clock clock;
    pr::core c(clock);
    mock_balance b(c.get_handle());
    auto [a, a_state] = pt::make_mock_service();
    b.insert("a", a);
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(b.call(7));
    BOOST_TEST(a_state->requests == std::vector<int>{7});
    a_state->ready = false;
    auto g = pf::spawn(b.call(8));
    BOOST_TEST(g.poll_future_notify(n, 0).error() == protokit::error::no_endpoints);
}

BOOST_AUTO_TEST_CASE(a_pool_sends_each_call_to_the_least_loaded_connection)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto states = std::make_shared<std::vector<std::shared_ptr<pt::mock_service_state>>>();
    auto connector = [states] {
        auto [s, state] = pt::make_mock_service();
        states->push_back(state);
        return pf::ok(s);
    };
    auto p = ps::pool(3, connector, c.get_handle());
    auto n = pt::make_counting_notify();
    std::vector<pf::spawned<decltype(p)::future_type>> calls;
    for (int i = 0; i < 9; ++i) {
        BOOST_TEST_REQUIRE(pt::poll_ready_as(p, n).is_ready());
        calls.emplace_back(p.call(std::move(i)));
    }
    BOOST_TEST_REQUIRE(states->size() == 3u);
    for (auto const& s : *states)
        BOOST_TEST(s->requests.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()

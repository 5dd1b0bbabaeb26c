// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/timeout.hpp>

#include <protokit/future/map.hpp>
#include <protokit/future/ok.hpp>
#include <protokit/reactor/core.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"
#include "../support/test_reactor.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(reactor_timeout)

BOOST_AUTO_TEST_CASE(fires_when_the_clock_reaches_the_deadline_and_not_before)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    bool fired = false;
    h.spawn(pr::timeout(h, 10ms).map([&] { fired = true; }));
    c.turn(0s);
    BOOST_TEST(!fired);
    BOOST_TEST(c.timer_count() == 1u);

    clock.advance(10ms - 1ns);
    c.turn(0s);
    BOOST_TEST(!fired);

    clock.advance(1ns);
    c.turn(0s);
    BOOST_TEST(fired);
    BOOST_TEST(c.timer_count() == 0u);
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(at_takes_an_absolute_deadline)
{
    pr::manual_clock clock(pr::time_point(1h));
    pr::core c(clock);
    pr::handle h = c.get_handle();
    pr::timeout t = pr::timeout::at(h, pr::time_point(1h + 5s));
    BOOST_TEST((t.deadline() == pr::time_point(1h + 5s)));
    bool fired = false;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        PROTOKIT_TRY_READY(u, t.poll());
        fired = true;
        return pf::ready(u);
    }));
    clock.advance(4s);
    c.turn(0s);
    BOOST_TEST(!fired);
    clock.advance(1s);
    c.turn(0s);
    BOOST_TEST(fired);
}

BOOST_AUTO_TEST_CASE(advancing_from_another_thread_wakes_a_blocked_core)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    bool fired = false;
    h.spawn(pr::timeout(h, 1s).map([&] { fired = true; }));
    c.turn(0s);
    std::thread other([&] { clock.advance(1s); });
    auto const start = std::chrono::steady_clock::now();
    for (int i = 0; i < 10 && !fired; ++i)
        c.turn(10s);
    other.join();
    BOOST_TEST(fired);
    BOOST_TEST((std::chrono::steady_clock::now() - start < 10s));
}

BOOST_AUTO_TEST_CASE(reset_moves_the_deadline_later_or_earlier)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    pr::timeout later(h, 10ms);
    pr::timeout earlier(h, 100ms);
    int later_polls = 0;
    bool later_fired = false;
    bool earlier_fired = false;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++later_polls;
        PROTOKIT_TRY_READY(u, later.poll());
        later_fired = true;
        return pf::ready(u);
    }));
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        PROTOKIT_TRY_READY(u, earlier.poll());
        earlier_fired = true;
        return pf::ready(u);
    }));
    c.turn(0s);
    later.reset(h.now() + 30ms);
    earlier.reset(h.now() + 5ms);

    clock.advance(5ms);
    c.turn(0s);
    BOOST_TEST(earlier_fired);
    BOOST_TEST(!later_fired);

    clock.advance(5ms); // the old deadline of `later`: nothing happens
    c.turn(0s);
    BOOST_TEST(!later_fired);
    BOOST_TEST(later_polls == 1);

    clock.advance(20ms);
    c.turn(0s);
    BOOST_TEST(later_fired);
    BOOST_TEST(later_polls == 2);
}

BOOST_AUTO_TEST_CASE(reset_after_firing_waits_again)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    pr::timeout t(h, 1s);
    int fired = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        while (t.poll().is_ready()) {
            ++fired;
            if (fired == 2)
                return pf::ready();
            t.reset(t.deadline() + 1s);
        }
        return pf::not_ready;
    }));
    c.turn(0s);
    clock.advance(1s);
    c.turn(0s);
    BOOST_TEST(fired == 1);
    BOOST_TEST(c.timer_count() == 1u);
    clock.advance(999ms);
    c.turn(0s);
    BOOST_TEST(fired == 1);
    clock.advance(1ms);
    c.turn(0s);
    BOOST_TEST(fired == 2);
}

BOOST_AUTO_TEST_CASE(dropping_a_timeout_cancels_its_timer)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    std::optional<pr::timeout> t(std::in_place, h, 10ms);
    int polls = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++polls;
        return t->poll();
    }));
    c.turn(0s);
    BOOST_TEST(polls == 1);
    BOOST_TEST(c.timer_count() == 1u);
    t.reset();
    BOOST_TEST(c.timer_count() == 0u);
    clock.advance(1s);
    c.turn(0s);
    c.turn(0s);
    BOOST_TEST(polls == 1); // nobody was woken
}

BOOST_AUTO_TEST_CASE(many_timers_fire_in_deadline_order_with_resets_and_cancels)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    constexpr int n = 200;
    std::vector<std::optional<pr::timeout>> timers(n);
    std::vector<int> expected(n, -1);
    std::vector<int> fired_at(n, -1);
    int now_ms = 0;
    for (int i = 0; i < n; ++i) {
        int const deadline = (i * 73) % n + 1; // a permutation of 1..n
        timers[i].emplace(h, std::chrono::milliseconds(deadline));
        expected[i] = deadline;
        h.spawn(pt::poll_fn([&, i]() -> pf::poll_result<pf::unit> {
            PROTOKIT_TRY_READY(u, timers[i]->poll());
            fired_at[i] = now_ms;
            return pf::ready(u);
        }));
    }
    c.turn(0s);
    for (int i = 0; i < n; ++i) {
        if (i % 5 == 0) {
            timers[i].reset();
            expected[i] = -1;
        } else if (i % 3 == 0) {
            expected[i] = (expected[i] * 7) % (n + 20) + 1;
            timers[i]->reset(pr::time_point(std::chrono::milliseconds(expected[i])));
        }
    }
    for (now_ms = 1; now_ms <= n + 20; ++now_ms) {
        clock.advance(1ms);
        c.turn(0s);
    }
    for (int i = 0; i < n; ++i)
        BOOST_TEST(fired_at[i] == expected[i], "timer " << i);
    BOOST_TEST(c.timer_count() == 0u);
}

/// A user's error type, made from an `error_code`.
struct call_error {
    explicit call_error(pf::error_code e) : code(e) {}
    pf::error_code code;
};

BOOST_AUTO_TEST_CASE(a_future_done_before_its_deadline_keeps_its_value)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    auto n = pt::make_counting_notify();
    auto [f, ctl] = pt::make_test_future<std::string>();
    auto timed = pf::spawn(std::move(f).timeout(h, 10ms));
    BOOST_TEST((timed.get_ref().deadline() == clock.now() + 10ms));
    BOOST_TEST(timed.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(c.timer_count() == 1u);
    ctl.set_ready("in time");
    BOOST_TEST(n->take() == 1);
    auto r = timed.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == "in time");
    // The timer went with the outcome: the deadline passing later does nothing.
    BOOST_TEST(c.timer_count() == 0u);
    clock.advance(20ms);
    c.turn(0s);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(a_future_not_done_by_its_deadline_fails_with_timed_out)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    auto n = pt::make_counting_notify();
    auto [f, ctl] = pt::make_test_future<int, call_error>();
    auto timed = pf::spawn(std::move(f).timeout(h, 10ms).map([](int v) { return v + 1; }));
    BOOST_TEST(timed.poll_future_notify(n, 0).is_not_ready());
    clock.advance(9ms);
    c.turn(0s);
    BOOST_TEST(n->count() == 0);
    clock.advance(1ms);
    c.turn(0s);
    BOOST_TEST(n->take() == 1);
    auto r = timed.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().code == protokit::error::timed_out);
    BOOST_TEST(ctl.polls() == 2);
}

BOOST_AUTO_TEST_CASE(timeout_runs_on_a_core_and_a_completion_at_the_deadline_wins)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    // Ready at its first poll, which comes after the deadline: the value wins.
    clock.advance(1s);
    auto r = c.run(pr::timeout_after(pf::ok(5), h, 0ms));
    BOOST_TEST(r.value() == 5);
    BOOST_TEST(c.timer_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_real_clock_timeout_completes_after_its_duration)
{
    pr::core c;
    pr::handle h = c.get_handle();
    // A later timer armed first: the core must re-arm for the earlier one.
    // The margin is a minute against 20 ms: no stall of a busy machine can
    // pass for the later timer.
    h.spawn(pr::timeout(h, 120s));
    c.turn(0s);
    auto const start = std::chrono::steady_clock::now();
    auto r = c.run(pr::timeout(h, 20ms));
    auto const elapsed = std::chrono::steady_clock::now() - start;
    BOOST_TEST(r.has_value());
    BOOST_TEST((elapsed >= 20ms));
    BOOST_TEST((elapsed < 60s));
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/interval.hpp>

#include <protokit/reactor/core.hpp>

#include "../support/test_reactor.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(reactor_interval)

namespace {

/// Counts the ticks of `iv` in a task.
template <class Stream>
auto count_ticks(Stream& iv, int& ticks)
{
    return pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        for (int i = 0; i < 1000; ++i) {
            PROTOKIT_TRY_READY(tick, iv.poll_next());
            if (!tick)
                return pf::ready();
            ++ticks;
        }
        return pf::ready();
    });
}

} // namespace

static_assert(pf::Stream<pr::interval>);

BOOST_AUTO_TEST_CASE(ticks_once_per_period)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    pr::interval iv(h, 10ms);
    BOOST_TEST((iv.period() == 10ms));
    int ticks = 0;
    h.spawn(count_ticks(iv, ticks));
    c.turn(0s);
    BOOST_TEST(ticks == 0);
    clock.advance(9ms);
    c.turn(0s);
    BOOST_TEST(ticks == 0);
    clock.advance(1ms);
    c.turn(0s);
    BOOST_TEST(ticks == 1);
    clock.advance(10ms);
    c.turn(0s);
    BOOST_TEST(ticks == 2);
    c.turn(0s);
    BOOST_TEST(ticks == 2);
}

BOOST_AUTO_TEST_CASE(a_late_tick_does_not_burst_and_the_grid_is_kept)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    pr::interval iv(h, 10ms); // ticks due at 10, 20, 30, ...
    int ticks = 0;
    h.spawn(count_ticks(iv, ticks));
    c.turn(0s);
    clock.advance(55ms); // 10..50 passed: five periods, one tick
    c.turn(0s);
    BOOST_TEST(ticks == 1);
    clock.advance(4ms); // 59
    c.turn(0s);
    BOOST_TEST(ticks == 1);
    clock.advance(1ms); // 60: back on the grid
    c.turn(0s);
    BOOST_TEST(ticks == 2);
}

BOOST_AUTO_TEST_CASE(at_starts_at_a_given_time)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    pr::interval iv = pr::interval::at(h, pr::time_point(0s), 1s);
    int ticks = 0;
    h.spawn(count_ticks(iv, ticks));
    c.turn(0s);
    BOOST_TEST(ticks == 1); // due at once
    clock.advance(1s);
    c.turn(0s);
    BOOST_TEST(ticks == 2);
}

BOOST_AUTO_TEST_CASE(dropping_an_interval_cancels_its_timer)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    std::optional<pr::interval> iv(std::in_place, h, 10ms);
    int polls = 0;
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        ++polls;
        return iv->poll_next().propagate<pf::unit>();
    }));
    c.turn(0s);
    BOOST_TEST(c.timer_count() == 1u);
    iv.reset();
    BOOST_TEST(c.timer_count() == 0u);
    clock.advance(1s);
    c.turn(0s);
    BOOST_TEST(polls == 1);
}

BOOST_AUTO_TEST_SUITE_END()

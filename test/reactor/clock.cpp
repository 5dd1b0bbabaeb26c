// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/clock.hpp>

#include <protokit/reactor/core.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>

namespace pr = protokit::reactor;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(reactor_clock)

BOOST_AUTO_TEST_CASE(a_manual_clock_moves_only_when_advanced)
{
    pr::manual_clock clock(pr::time_point(5s));
    BOOST_TEST((clock.now() == pr::time_point(5s)));
    clock.advance(250ms);
    BOOST_TEST((clock.now() == pr::time_point(5250ms)));
    BOOST_TEST((clock.now() == clock.now()));
}

BOOST_AUTO_TEST_CASE(a_core_reads_its_time_from_its_clock)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    BOOST_TEST((h.now() == pr::time_point{}));
    clock.advance(3s);
    BOOST_TEST((h.now() == pr::time_point(3s)));
    BOOST_TEST((c.now() == h.now()));
}

BOOST_AUTO_TEST_CASE(a_default_core_reads_the_steady_clock)
{
    pr::core c;
    auto const before = pr::clock_type::now();
    auto const now = c.get_handle().now();
    BOOST_TEST((before <= now));
    BOOST_TEST((now <= pr::clock_type::now()));
}

BOOST_AUTO_TEST_CASE(advancing_wakes_the_core)
{
    pr::manual_clock clock;
    pr::core c(clock);
    clock.advance(1ms);
    // Without the wake-up this turn would wait the whole 10 s.
    auto const start = std::chrono::steady_clock::now();
    c.turn(10s);
    BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
}

BOOST_AUTO_TEST_SUITE_END()

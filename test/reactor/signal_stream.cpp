// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/signal_stream.hpp>

#include <protokit/reactor/core.hpp>

#include "../support/test_reactor.hpp"

#include <boost/asio/error.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>

#include <signal.h>
#include <unistd.h>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(reactor_signal_stream)

namespace {

/// A future of the next signal of `signals`; `on_wait` runs after each not-ready poll.
template <class OnWait>
auto next_signal(pr::signal_stream& signals, int& polls, OnWait on_wait)
{
    return pt::poll_fn([&signals, &polls, on_wait]() -> pf::poll_result<int> {
        ++polls;
        auto s = signals.poll_next();
        if (s.is_error())
            return pf::fail(s.error());
        if (s.is_not_ready()) {
            on_wait(polls);
            return pf::not_ready;
        }
        BOOST_TEST_REQUIRE(s.value().has_value());
        return pf::ready(*s.value());
    });
}

} // namespace

static_assert(pf::Stream<pr::signal_stream>);

BOOST_AUTO_TEST_CASE(a_signal_raised_while_waiting_is_yielded)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pr::signal_stream signals(h, {SIGUSR1, SIGUSR2});
    int polls = 0;
    auto r = c.run(pt::bounded(h, next_signal(signals, polls, [](int n) {
                                   if (n == 1)
                                       ::raise(SIGUSR2);
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    BOOST_TEST(*r == SIGUSR2);
    BOOST_TEST(polls == 2);
}

BOOST_AUTO_TEST_CASE(a_signal_that_arrives_before_the_poll_is_kept_and_the_stream_goes_on)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pr::signal_stream signals(h, {SIGUSR1});
    BOOST_TEST_REQUIRE(::kill(::getpid(), SIGUSR1) == 0);
    int polls = 0;
    auto first = c.run(pt::bounded(h, next_signal(signals, polls, [](int) {})));
    BOOST_TEST_REQUIRE(first.has_value(), first.error().message());
    BOOST_TEST(*first == SIGUSR1);

    polls = 0;
    auto second = c.run(pt::bounded(h, next_signal(signals, polls, [](int n) {
                                        if (n == 1)
                                            ::kill(::getpid(), SIGUSR1);
                                    })));
    BOOST_TEST_REQUIRE(second.has_value(), second.error().message());
    BOOST_TEST(*second == SIGUSR1);
}

BOOST_AUTO_TEST_CASE(a_signal_that_cannot_be_caught_is_an_error_on_the_first_poll)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pr::signal_stream signals(h, {-3});
    int polls = 0;
    auto r = c.run(pt::bounded(h, next_signal(signals, polls, [](int) {})));
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == boost::asio::error::invalid_argument, r.error().message());
    BOOST_TEST(polls == 1);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/reconnect.hpp>

#include <protokit/reactor/core.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_service.hpp"

#include <boost/asio/error.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <vector>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace ps = protokit::service;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(service_reconnect)

namespace {

/// The dials a connector made: each a test future of a mock service the test completes.
struct dials {
    std::vector<pt::test_future_control<pt::mock_service>> controls;
};

auto connector(std::shared_ptr<dials> d)
{
    return [d] {
        auto [f, control] = pt::make_test_future<pt::mock_service>();
        d->controls.push_back(control);
        return std::move(f);
    };
}

} // namespace

BOOST_AUTO_TEST_CASE(calls_fail_fast_until_connected_then_reach_the_connection)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto d = std::make_shared<dials>();
    auto s = ps::reconnect(connector(d), c.get_handle());
    auto n = pt::make_counting_notify();
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    BOOST_TEST(d->controls.size() == 1u);
    auto early = pf::spawn(s.call(1));
    auto r = early.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::not_connected);

    auto [inner, state] = pt::make_mock_service();
    n->take();
    d->controls[0].set_ready(inner);
    BOOST_TEST(n->take() == 1); // the dial completing wakes the task that asked
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    BOOST_TEST(s.is_connected());
    auto f = pf::spawn(s.call(21));
    state->calls[0].set_ready(42);
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 42);
}

BOOST_AUTO_TEST_CASE(a_connection_that_is_over_is_dialed_again_at_once)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto d = std::make_shared<dials>();
    auto s = ps::reconnect(connector(d), c.get_handle());
    auto n = pt::make_counting_notify();
    (void)pt::poll_ready_as(s, n);
    auto [first, first_state] = pt::make_mock_service();
    d->controls[0].set_ready(first);
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());

    first_state->ready_error = make_error_code(protokit::error::connection_closed);
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    BOOST_TEST(!s.is_connected());
    BOOST_TEST(s.dials() == 2u);
    auto [second, second_state] = pt::make_mock_service();
    d->controls[1].set_ready(second);
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
    auto f = pf::spawn(s.call(3));
    BOOST_TEST(second_state->requests == std::vector<int>{3});
    BOOST_TEST(first_state->requests.empty());
}

BOOST_AUTO_TEST_CASE(a_failed_dial_is_reported_once_then_retried_after_the_backoff)
{
    pr::manual_clock clock;
    pr::core c(clock);
    auto d = std::make_shared<dials>();
    auto s = ps::reconnect(connector(d), c.get_handle(), ps::backoff{100ms, 1s});
    auto n = pt::make_counting_notify();
    (void)pt::poll_ready_as(s, n);
    d->controls[0].set_error(boost::asio::error::connection_refused);
    auto r = pt::poll_ready_as(s, n);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == boost::asio::error::connection_refused);

    // Waiting out the backoff: no dial meanwhile.
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    BOOST_TEST(s.dials() == 1u);
    n->take();
    clock.advance(100ms);
    c.turn(0s);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    BOOST_TEST(s.dials() == 2u);

    // A second failure in a row waits twice as long.
    d->controls[1].set_error(boost::asio::error::connection_refused);
    BOOST_TEST(pt::poll_ready_as(s, n).is_error());
    clock.advance(100ms);
    c.turn(0s);
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    BOOST_TEST(s.dials() == 2u);
    clock.advance(100ms);
    c.turn(0s);
    BOOST_TEST(pt::poll_ready_as(s, n).is_not_ready());
    BOOST_TEST(s.dials() == 3u);
    auto [inner, state] = pt::make_mock_service();
    d->controls[2].set_ready(inner);
    BOOST_TEST(pt::poll_ready_as(s, n).is_ready());
}

BOOST_AUTO_TEST_CASE(connection_errors_are_told_from_call_errors)
{
    BOOST_TEST(ps::is_connection_error(make_error_code(protokit::error::connection_closed)));
    BOOST_TEST(ps::is_connection_error(make_error_code(protokit::error::not_connected)));
    BOOST_TEST(ps::is_connection_error(boost::asio::error::connection_reset));
    BOOST_TEST(ps::is_connection_error(boost::asio::error::eof));
    BOOST_TEST(!ps::is_connection_error(make_error_code(protokit::error::timed_out)));
    BOOST_TEST(!ps::is_connection_error(make_error_code(protokit::error::invalid_frame)));
    BOOST_TEST(!ps::is_connection_error(pf::error_code()));
    BOOST_TEST((ps::backoff{100ms, 1s}.after(1) == 100ms));
    BOOST_TEST((ps::backoff{100ms, 1s}.after(3) == 400ms));
    BOOST_TEST((ps::backoff{100ms, 1s}.after(40) == 1s));
}

BOOST_AUTO_TEST_SUITE_END()

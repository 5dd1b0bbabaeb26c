// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/loop_fn.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_loop_fn)

BOOST_AUTO_TEST_CASE(a_million_immediate_iterations_stay_in_one_poll)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::loop_fn(0, [](int i) {
        using step = pf::loop_step<int, int>;
        if (i == 1'000'000)
            return pf::ok(step(pf::loop_break(-i)));
        return pf::ok(step(pf::loop_continue(i + 1)));
    }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == -1'000'000);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(an_iteration_may_return_a_result)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    auto f =
        pf::spawn(pf::loop_fn(1, [&](int acc) -> boost::system::result<pf::loop_step<int, int>> {
            ++calls;
            if (acc >= 100)
                return pf::loop_break(acc);
            return pf::loop_continue(acc * 2);
        }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 128);
    BOOST_TEST(calls == 8);
}

BOOST_AUTO_TEST_CASE(an_error_ends_the_loop)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    auto f = pf::spawn(pf::loop_fn(0, [&](int i) -> boost::system::result<pf::loop_step<int, int>> {
        ++calls;
        if (i == 3)
            return pt::test_error(3);
        return pf::loop_continue(i + 1);
    }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(3));
    BOOST_TEST(calls == 4);
}

BOOST_AUTO_TEST_CASE(a_not_ready_iteration_resumes_on_notify)
{
    auto n = pt::make_counting_notify();
    std::optional<pt::test_future_control<int>> control;
    int calls = 0;
    // Each iteration waits for a value from a test future; 0 ends the loop.
    auto f = pf::spawn(pf::loop_fn(0, [&](int sum) {
        ++calls;
        auto [inner, c] = pt::make_test_future<int>();
        control.emplace(c);
        return std::move(inner).map([sum](int v) -> pf::loop_step<int, int> {
            if (v == 0)
                return pf::loop_break(sum);
            return pf::loop_continue(sum + v);
        });
    }));
    BOOST_TEST(calls == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control->is_registered());
    BOOST_TEST(n->count() == 0);

    control->set_ready(5);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(calls == 2);
    BOOST_TEST(control->is_registered());

    control->set_ready(7);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());

    control->set_ready(0);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 12);
    BOOST_TEST(calls == 3);
}

BOOST_AUTO_TEST_CASE(loop_step_says_which_it_is)
{
    pf::loop_step<int, std::string> b = pf::loop_break(1);
    pf::loop_step<int, std::string> c = pf::loop_continue("s");
    BOOST_TEST(b.is_break());
    BOOST_TEST(!b.is_continue());
    BOOST_TEST(c.is_continue());
    BOOST_TEST(std::move(b).value() == 1);
    BOOST_TEST(std::move(c).state() == "s");
}

BOOST_AUTO_TEST_SUITE_END()

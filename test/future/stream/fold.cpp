// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/fold.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_fold)

BOOST_AUTO_TEST_CASE(folds_with_a_plain_accumulator)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::iter_ok({1, 2, 3, 4}).fold(std::string(">"), [](std::string acc, int v) {
        return acc + std::to_string(v);
    }));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready >1234");
}

BOOST_AUTO_TEST_CASE(folds_an_empty_stream_to_the_initial_value)
{
    auto n = pt::make_counting_notify();
    auto f =
        pf::spawn(pf::iter_ok(std::vector<int>{}).fold(42, [](int a, int b) { return a + b; }));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready 42");
}

BOOST_AUTO_TEST_CASE(waits_for_a_future_accumulator)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    std::vector<pt::held_future_handle<int>> handles;
    auto f = pf::spawn(std::move(src).fold(0, [&](int acc, int v) {
        auto [g, gh] = pt::make_held_future<int>();
        handles.push_back(gh);
        gh.set_value(acc + v);
        return std::move(g);
    }));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "not ready");
    BOOST_TEST(h.is_registered());
    h.send(5);
    h.send(6);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "not ready");
    BOOST_TEST(handles.size() == 2u);
    h.end();
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready 11");
}

BOOST_AUTO_TEST_CASE(a_pending_future_of_the_function_keeps_the_task)
{
    auto n = pt::make_counting_notify();
    auto [g, gh] = pt::make_held_future<int>();
    std::optional<pt::held_future<int>> next(std::move(g));
    auto f = pf::spawn(pf::iter_ok({1}).fold(0, [&](int, int) {
        pt::held_future<int> x = std::move(*next);
        next.reset();
        return x;
    }));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 1)) == "not ready");
    BOOST_TEST(gh.is_registered());
    gh.set_value(9);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 1)) == "ready 9");
}

BOOST_AUTO_TEST_CASE(an_error_fails_the_fold)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto f = pf::spawn(std::move(src).fold(0, [](int a, int b) { return a + b; }));
    h.send(1);
    h.send_error(pt::test_error(8));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "error 8");

    using r = boost::system::result<int, pf::error_code>;
    auto g = pf::spawn(pf::iter_ok({1, 2}).fold(
        0, [](int, int v) { return v == 2 ? r(pt::test_error(6)) : r(v); }));
    BOOST_TEST(pt::outcome(g.poll_future_notify(n, 0)) == "error 6");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/for_each.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_for_each)

BOOST_AUTO_TEST_CASE(calls_a_void_function_for_each_item_then_is_ready)
{
    auto n = pt::make_counting_notify();
    std::vector<int> seen;
    auto f = pf::spawn(pf::iter_ok({1, 2, 3}).for_each([&](int v) { seen.push_back(v); }));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready ()");
    BOOST_TEST(seen == (std::vector<int>{1, 2, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(waits_for_each_future_in_turn)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    std::vector<pt::held_future_handle<pf::unit>> handles;
    std::vector<int> seen;
    auto f = pf::spawn(std::move(src).for_each([&](int v) {
        seen.push_back(v);
        auto [g, gh] = pt::make_held_future<pf::unit>();
        handles.push_back(gh);
        return std::move(g);
    }));
    h.send(1);
    h.send(2);
    h.end();
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "not ready");
    BOOST_TEST(seen.size() == 1u);
    BOOST_TEST(h.polls() == 1);
    handles[0].set_value({});
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "not ready");
    BOOST_TEST(seen.size() == 2u);
    handles[1].set_value({});
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready ()");
}

BOOST_AUTO_TEST_CASE(not_ready_stream_keeps_the_task)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    int sum = 0;
    auto f = pf::spawn(std::move(src).for_each([&](int v) { sum += v; }));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 2)) == "not ready");
    h.send(4);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 2u);
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 2)) == "not ready");
    BOOST_TEST(sum == 4);
    h.end();
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 2)) == "ready ()");
}

BOOST_AUTO_TEST_CASE(an_error_of_the_stream_or_the_future_fails_it)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto f = pf::spawn(std::move(src).for_each([](int) {}));
    h.send_error(pt::test_error(3));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "error 3");

    auto g = pf::spawn(pf::iter_ok({1, 2}).for_each([](int v) {
        return v == 1 ? boost::system::result<void, pf::error_code>(pt::test_error(4))
                      : boost::system::result<void, pf::error_code>();
    }));
    BOOST_TEST(pt::outcome(g.poll_future_notify(n, 0)) == "error 4");
}

BOOST_AUTO_TEST_SUITE_END()

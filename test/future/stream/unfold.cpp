// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/unfold.hpp>

#include <protokit/future/ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_unfold)

BOOST_AUTO_TEST_CASE(makes_items_from_a_state_until_nullopt)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::unfold(1, [](int state) {
        return state <= 3 ? std::optional(pf::ok(std::pair(state * 10, state + 1))) : std::nullopt;
    }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 10", "item 20", "item 30", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_CASE(waits_for_each_future_and_is_woken_by_it)
{
    auto n = pt::make_counting_notify();
    std::deque<pt::held_future_handle<std::pair<int, int>>> handles;
    int calls = 0;
    auto s = pf::spawn(pf::unfold(0, [&](int state) {
        ++calls;
        auto [f, h] = pt::make_held_future<std::pair<int, int>>();
        handles.push_back(h);
        return state < 2 ? std::optional(std::move(f)) : std::nullopt;
    }));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 3)) == "not ready");
    BOOST_TEST(calls == 1);
    BOOST_TEST(handles.back().is_registered());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 3)) == "not ready");
    BOOST_TEST(calls == 1);
    handles.back().set_value({7, 1});
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 3u);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 3)) == "item 7");
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 3)) == "not ready");
    BOOST_TEST(calls == 2);
    handles.back().set_value({8, 2});
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 8", "end"}), boost::test_tools::per_element());
    BOOST_TEST(calls == 3);
}

BOOST_AUTO_TEST_CASE(an_error_of_the_future_is_yielded_and_ends_the_stream)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::unfold(0, [](int state) {
        return std::optional(state == 0 ? pf::ok(std::pair(1, 1))
                                        : pf::err<std::pair<int, int>>(pt::test_error(9)));
    }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "error 9", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

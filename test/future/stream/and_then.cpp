// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/and_then.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_and_then)

BOOST_AUTO_TEST_CASE(yields_the_value_of_each_future)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2}).and_then([](int v) { return pf::ok(v + 100); }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 101", "item 102", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_result_is_taken_as_a_ready_future)
{
    auto n = pt::make_counting_notify();
    using r = boost::system::result<std::string, pf::error_code>;
    auto s = pf::spawn(pf::iter_ok({1, 2, 3}).and_then(
        [](int v) { return v == 2 ? r(pt::test_error(2)) : r(std::to_string(v)); }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "error 2", "item 3", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(errors_of_the_stream_pass_through_without_a_call)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    int calls = 0;
    auto s = pf::spawn(std::move(src).and_then([&](int v) {
        ++calls;
        return pf::ok(v);
    }));
    h.send_error(pt::test_error(3));
    h.send(4);
    BOOST_TEST(pt::drain(s, n) == (strings{"error 3", "item 4", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(a_pending_future_keeps_the_task_and_its_wake_up_repolls_it)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto [f, fh] = pt::make_held_future<int>();
    std::optional<pt::held_future<int>> next(std::move(f));
    auto s = pf::spawn(std::move(src).and_then([&](int) {
        pt::held_future<int> g = std::move(*next);
        next.reset();
        return g;
    }));
    h.send(1);
    h.send(2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 9)) == "not ready");
    BOOST_TEST(fh.polls() == 1);
    BOOST_TEST(fh.is_registered());
    BOOST_TEST(h.polls() == 1);
    fh.set_value(55);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 9u);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 9)) == "item 55");
    BOOST_TEST(fh.polls() == 2);
}

BOOST_AUTO_TEST_SUITE_END()

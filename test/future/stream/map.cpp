// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/map.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_map)

BOOST_AUTO_TEST_CASE(maps_each_item_until_the_end)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2, 3}).map([](int v) { return std::to_string(v * 2); }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 2", "item 4", "item 6", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(passes_errors_through_and_goes_on_after_them)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    int calls = 0;
    auto s = pf::spawn(std::move(src).map([&](int v) {
        ++calls;
        return v + 1;
    }));
    h.send(1);
    h.send_error(pt::test_error(5));
    h.send(2);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 2", "error 5", "item 3", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(calls == 2);
}

BOOST_AUTO_TEST_CASE(not_ready_leaves_the_task_registered_and_a_notify_repolls)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).map([](int v) { return v * 10; }));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 4)) == "not ready");
    BOOST_TEST(h.is_registered());
    BOOST_TEST(n->count() == 0);
    h.send(7);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 4u);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 4)) == "item 70");
    BOOST_TEST(!h.is_registered());
    h.end();
    BOOST_TEST(n->take() == 0);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 4)) == "end");
}

BOOST_AUTO_TEST_CASE(a_function_of_no_argument_takes_a_unit_item)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    auto s = pf::spawn(pf::iter_ok({pf::unit{}, pf::unit{}}).map([&] { ++calls; }));
    static_assert(
        std::is_same_v<std::remove_reference_t<decltype(s.get_ref())>::item_type, pf::unit>);
    BOOST_TEST(pt::drain(s, n) == (strings{"item ()", "item ()", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(calls == 2);
}

BOOST_AUTO_TEST_CASE(map_err_transforms_errors_and_passes_items)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).map_err([](pf::error_code ec) { return ec.value() * 100; }));
    h.send(1);
    h.send_error(pt::test_error(3));
    h.send(2);
    h.end();
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "error 300", "item 2", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(pt::next(pf::spawn(pf::iter_ok({1}).map_err([](pf::error_code) {
                            return 0;
                        })).poll_stream_notify(n, 0)) == "item 1");
}

BOOST_AUTO_TEST_CASE(map_err_not_ready_passes_through)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).map_err([](pf::error_code ec) { return ec.value(); }));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    h.send_error(pt::test_error(8));
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "error 8");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/then.hpp>

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
using int_result = boost::system::result<int, pf::error_code>;

BOOST_AUTO_TEST_SUITE(future_stream_then)

BOOST_AUTO_TEST_CASE(sees_items_and_errors_and_can_turn_errors_into_items)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s =
        pf::spawn(std::move(src).then([](int_result r) -> boost::system::result<std::string, int> {
            if (r.has_value())
                return std::string(static_cast<std::size_t>(*r), 'v');
            if (r.error().value() == 1)
                return "recovered";
            return {boost::system::in_place_error, r.error().value()};
        }));
    h.send(1);
    h.send_error(pt::test_error(1));
    h.send_error(pt::test_error(2));
    h.send(3);
    h.end();
    BOOST_TEST(pt::drain(s, n) ==
                   (strings{"item v", "item recovered", "error 2", "item vvv", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(waits_for_the_future_before_taking_the_next_item)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    pt::held_future_handle<int> pending = pt::make_held_future<int>().second;
    int calls = 0;
    auto s = pf::spawn(std::move(src).then([&](int_result r) {
        ++calls;
        auto [f, fh] = pt::make_held_future<int>();
        fh.set_value(*r * 2);
        if (calls == 1) {
            auto [g, gh] = pt::make_held_future<int>();
            pending = gh;
            return std::move(g);
        }
        return std::move(f);
    }));
    h.send(1);
    h.send(2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(pending.is_registered());
    BOOST_TEST(h.polls() == 1);
    pending.set_value(10);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 10", "item 4", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(calls == 2);
}

BOOST_AUTO_TEST_CASE(an_error_of_the_future_is_an_error_of_the_stream)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2}).then(
        [](int_result r) { return *r == 1 ? int_result(pt::test_error(7)) : int_result(*r); }));
    BOOST_TEST(pt::drain(s, n) == (strings{"error 7", "item 2", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

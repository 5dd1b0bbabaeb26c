// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/take_while.hpp>

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

BOOST_AUTO_TEST_SUITE(future_stream_take_while)

BOOST_AUTO_TEST_CASE(takes_items_until_the_predicate_fails_then_ends_for_good)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    auto s = pf::spawn(pf::iter_ok({1, 2, 5, 1}).take_while([&](int const& v) {
        ++calls;
        return v < 3;
    }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "item 2", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    BOOST_TEST(calls == 3);
}

BOOST_AUTO_TEST_CASE(a_predicate_future_is_waited_for)
{
    auto n = pt::make_counting_notify();
    std::vector<pt::held_future_handle<bool>> handles;
    auto s = pf::spawn(pf::iter_ok({1, 2}).take_while([&](int) {
        auto [f, h] = pt::make_held_future<bool>();
        handles.push_back(h);
        return std::move(f);
    }));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(handles.at(0).is_registered());
    handles[0].set_value(true);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "not ready"}),
               boost::test_tools::per_element());
    handles.at(1).set_value(false);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_CASE(errors_of_the_stream_and_of_the_predicate_pass_through)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    using r = boost::system::result<bool, pf::error_code>;
    auto s = pf::spawn(std::move(src).take_while([](int v) {
        return v == 0 ? r(boost::system::in_place_error, pt::test_error(9)) : r(true);
    }));
    h.send_error(pt::test_error(1));
    h.send(0);
    h.send(4);
    BOOST_TEST(pt::drain(s, n) == (strings{"error 1", "error 9", "item 4", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(h.is_registered());
}

BOOST_AUTO_TEST_SUITE_END()

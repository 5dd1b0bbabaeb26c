// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/skip_while.hpp>

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

BOOST_AUTO_TEST_SUITE(future_stream_skip_while)

BOOST_AUTO_TEST_CASE(skips_until_the_predicate_fails_then_stops_asking)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    auto s = pf::spawn(pf::iter_ok({1, 2, 5, 1, 0}).skip_while([&](int const& v) {
        ++calls;
        return v < 3;
    }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 5", "item 1", "item 0", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(calls == 3);
}

BOOST_AUTO_TEST_CASE(a_predicate_future_is_waited_for)
{
    auto n = pt::make_counting_notify();
    std::vector<pt::held_future_handle<bool>> handles;
    auto s = pf::spawn(pf::iter_ok({1, 2}).skip_while([&](int) {
        auto [f, h] = pt::make_held_future<bool>();
        handles.push_back(h);
        return std::move(f);
    }));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    handles.at(0).set_value(true);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    handles.at(1).set_value(false);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 2", "end"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(errors_pass_through_while_skipping_and_after)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    using r = boost::system::result<bool, pf::error_code>;
    auto s = pf::spawn(std::move(src).skip_while([](int v) {
        return v == 0 ? r(boost::system::in_place_error, pt::test_error(9)) : r(v < 3);
    }));
    h.send(1);
    h.send_error(pt::test_error(1));
    h.send(0);
    h.send(4);
    h.send_error(pt::test_error(2));
    h.send(1);
    BOOST_TEST(pt::drain(s, n) ==
                   (strings{"error 1", "error 9", "item 4", "error 2", "item 1", "not ready"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

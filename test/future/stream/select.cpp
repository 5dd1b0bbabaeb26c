// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/select.hpp>

#include <protokit/future/stream/iter_ok.hpp>
#include <protokit/future/stream/repeat.hpp>
#include <protokit/future/stream/take.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_select)

BOOST_AUTO_TEST_CASE(takes_each_stream_in_turn_and_ends_when_both_end)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2, 3}).select(pf::iter_ok({10, 20})));
    BOOST_TEST(pt::drain(s, n) ==
                   (strings{"item 1", "item 10", "item 2", "item 20", "item 3", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(neither_endless_stream_starves_the_other)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::repeat(1).select(pf::repeat(2)).take(6));
    BOOST_TEST(pt::drain(s, n) ==
                   (strings{"item 1", "item 2", "item 1", "item 2", "item 1", "item 2", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(not_ready_only_when_both_are_and_errors_pass_through)
{
    auto n = pt::make_counting_notify();
    auto [a, ha] = pt::make_test_stream<int>();
    auto [b, hb] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(a).select(std::move(b)));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(ha.is_registered());
    BOOST_TEST(hb.is_registered());
    hb.send(5);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item 5");
    ha.send_error(pt::test_error(3));
    ha.end();
    BOOST_TEST(pt::drain(s, n) == (strings{"error 3", "not ready"}),
               boost::test_tools::per_element());
    hb.send(6);
    hb.end();
    BOOST_TEST(pt::drain(s, n) == (strings{"item 6", "end"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

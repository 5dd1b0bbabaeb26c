// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/chain.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_chain)

BOOST_AUTO_TEST_CASE(yields_the_first_stream_then_the_second)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2}).chain(pf::iter_ok({3})));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "item 2", "item 3", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(does_not_touch_the_second_before_the_first_ends)
{
    auto n = pt::make_counting_notify();
    auto [a, ha] = pt::make_test_stream<int>();
    auto [b, hb] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(a).chain(std::move(b)));
    hb.send(9);
    ha.send_error(pt::test_error(4));
    BOOST_TEST(pt::drain(s, n) == (strings{"error 4", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(ha.is_registered());
    BOOST_TEST(hb.polls() == 0);
    ha.end();
    BOOST_TEST(n->take() == 1);
    hb.send_error(pt::test_error(5));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 9", "error 5", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(hb.is_registered());
    hb.end();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_SUITE_END()

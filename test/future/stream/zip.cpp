// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/zip.hpp>

#include <protokit/future/stream/iter_ok.hpp>
#include <protokit/future/stream/repeat.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_zip)

BOOST_AUTO_TEST_CASE(pairs_items_and_ends_with_the_shorter_stream)
{
    auto n = pt::make_counting_notify();
    auto s =
        pf::spawn(pf::iter_ok({1, 2, 3}).zip(pf::iter_ok({std::string("a"), std::string("b")})));
    BOOST_TEST(pt::drain(s, n) == (strings{"item (1,a)", "item (2,b)", "end"}),
               boost::test_tools::per_element());
    auto endless = pf::spawn(pf::repeat(0).zip(pf::iter_ok({9})));
    BOOST_TEST(pt::drain(endless, n) == (strings{"item (0,9)", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_early_item_waits_for_its_partner)
{
    auto n = pt::make_counting_notify();
    auto [a, ha] = pt::make_test_stream<int>();
    auto [b, hb] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(a).zip(std::move(b)));
    ha.send(1);
    ha.send(2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(hb.is_registered());
    BOOST_TEST(ha.polls() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(ha.polls() == 1);
    hb.send(10);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item (1,10)");
    hb.end();
    BOOST_TEST(pt::drain(s, n) == (strings{"end"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(errors_of_either_pass_through)
{
    auto n = pt::make_counting_notify();
    auto [a, ha] = pt::make_test_stream<int>();
    auto [b, hb] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(a).zip(std::move(b)));
    ha.send_error(pt::test_error(1));
    ha.send(1);
    hb.send_error(pt::test_error(2));
    hb.send(2);
    BOOST_TEST(pt::drain(s, n) == (strings{"error 1", "error 2", "item (1,2)", "not ready"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

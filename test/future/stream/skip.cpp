// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/skip.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_skip)

BOOST_AUTO_TEST_CASE(skips_the_first_n_items)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2, 3, 4}).skip(2));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 3", "item 4", "end"}),
               boost::test_tools::per_element());
    auto all = pf::spawn(pf::iter_ok({1, 2}).skip(5));
    BOOST_TEST(pt::drain(all, n) == (strings{"end"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(errors_pass_through_and_do_not_count_and_not_ready_keeps_the_task)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).skip(2));
    h.send(1);
    h.send_error(pt::test_error(5));
    BOOST_TEST(pt::drain(s, n) == (strings{"error 5", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(h.is_registered());
    h.send(2);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    h.send(3);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item 3");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/take.hpp>

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

BOOST_AUTO_TEST_SUITE(future_stream_take)

BOOST_AUTO_TEST_CASE(takes_the_first_n_items_of_an_endless_stream)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::repeat(7).take(3));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 7", "item 7", "item 7", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_CASE(ends_with_a_shorter_stream_and_take_zero_never_polls)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2}).take(5));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "item 2", "end"}),
               boost::test_tools::per_element());
    auto [src, h] = pt::make_test_stream<int>();
    auto z = pf::spawn(std::move(src).take(0));
    BOOST_TEST(pt::next(z.poll_stream_notify(n, 0)) == "end");
    BOOST_TEST(h.polls() == 0);
}

BOOST_AUTO_TEST_CASE(errors_pass_through_and_do_not_count)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).take(2));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h.is_registered());
    h.send(1);
    BOOST_TEST(n->take() == 1);
    h.send_error(pt::test_error(4));
    h.send(2);
    h.send(3);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "error 4", "item 2", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(h.polls() == 4);
}

BOOST_AUTO_TEST_SUITE_END()

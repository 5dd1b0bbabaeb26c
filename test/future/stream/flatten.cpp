// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/flatten.hpp>

#include <protokit/future/stream/iter_ok.hpp>
#include <protokit/future/stream/map.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_flatten)

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_CASE(yields_the_items_of_each_inner_stream_in_turn)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2, 3})
                           .map([](int k) {
                               return pf::iter_ok(std::vector<int>(static_cast<std::size_t>(k), k));
                           })
                           .flatten());
    BOOST_TEST(pt::drain(s, n) ==
                   (strings{"item 1", "item 2", "item 2", "item 3", "item 3", "item 3", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(waits_on_the_inner_stream_then_on_the_outer_one)
{
    auto n = pt::make_counting_notify();
    auto [outer, oh] = pt::make_test_stream<pt::test_stream<int>>();
    auto [inner, ih] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(outer).flatten());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(oh.is_registered());

    oh.send(std::move(inner));
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(ih.is_registered());
    ih.send(7);
    ih.send_error(pt::test_error(3));
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 7", "error 3", "not ready"}),
               boost::test_tools::per_element());

    // The inner stream ends: the outer one is polled for the next; its error passes too.
    ih.end();
    BOOST_TEST(n->take() == 1);
    oh.send_error(pt::test_error(4));
    oh.end();
    BOOST_TEST(pt::drain(s, n) == (strings{"error 4", "end"}), boost::test_tools::per_element());
    BOOST_TEST(ih.polls() == 5);
}

BOOST_AUTO_TEST_SUITE_END()

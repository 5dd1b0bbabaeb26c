// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/filter.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_filter)

BOOST_AUTO_TEST_CASE(keeps_the_items_the_predicate_accepts)
{
    auto n = pt::make_counting_notify();
    auto s =
        pf::spawn(pf::iter_ok({1, 2, 3, 4, 5, 6}).filter([](int const& v) { return v % 2 == 0; }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 2", "item 4", "item 6", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(passes_errors_and_not_ready_through)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).filter([](int v) { return v > 0; }));
    h.send(-1);
    h.send_error(pt::test_error(2));
    h.send(-2);
    h.send(5);
    BOOST_TEST(pt::drain(s, n) == (strings{"error 2", "item 5", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(h.is_registered());
    h.send(-3);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h.is_registered());
    h.end();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_SUITE_END()

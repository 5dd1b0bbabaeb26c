// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/futures_ordered.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <tuple>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_futures_ordered)

/// The set under test, for the shared typed cases.
struct ordered_kind {
    template <class F>
    using set = pf::futures_ordered<F>;
    static constexpr bool ordered = true;
};

using set_kinds = std::tuple<ordered_kind>;

#include "futures_set_cases.ipp"

using test_set = pf::futures_ordered<pt::held_future<int>>;

BOOST_AUTO_TEST_CASE(yields_values_in_push_order_whatever_order_they_finish_in)
{
    auto n = pt::make_counting_notify();
    test_set set;
    auto h = fill(set, 4);
    auto s = pf::spawn(std::move(set));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    h[2].set_value(2);
    h[3].set_value(3);
    BOOST_TEST(n->take() == 2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(s.get_ref().size() == 4u);
    h[0].set_value(0);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 0", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(h[2].polls() == 2);
    h[1].set_value(1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "item 2", "item 3", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(h[2].polls() == 2);
    BOOST_TEST(h[3].polls() == 2);
}

BOOST_AUTO_TEST_CASE(an_error_is_yielded_at_once_and_its_place_is_skipped)
{
    auto n = pt::make_counting_notify();
    test_set set;
    auto h = fill(set, 3);
    auto s = pf::spawn(std::move(set));
    h[1].set_error(pt::test_error(6));
    BOOST_TEST(pt::drain(s, n) == (strings{"error 6", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.get_ref().size() == 2u);
    h[2].set_value(2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    h[0].set_value(0);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 0", "item 2", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

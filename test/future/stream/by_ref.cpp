// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/by_ref.hpp>

#include <protokit/future/stream/collect.hpp>
#include <protokit/future/stream/iter_ok.hpp>
#include <protokit/future/stream/take.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_by_ref)

BOOST_AUTO_TEST_CASE(combinators_take_items_and_leave_the_stream_to_go_on)
{
    auto n = pt::make_counting_notify();
    auto s = pf::iter_ok({1, 2, 3, 4, 5});
    auto first = pf::spawn(s.by_ref().take(2).collect());
    BOOST_TEST(first.poll_future_notify(n, 0).value() == (std::vector<int>{1, 2}),
               boost::test_tools::per_element());
    auto rest = pf::spawn(std::move(s).collect());
    BOOST_TEST(rest.poll_future_notify(n, 0).value() == (std::vector<int>{3, 4, 5}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_not_ready_poll_registers_through_the_reference)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto r = pf::spawn(src.by_ref());
    BOOST_TEST(&r.get_ref().get_ref() == &src);
    BOOST_TEST(r.poll_stream_notify(n, 3).is_not_ready());
    h.send(8);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 3u);
    BOOST_TEST(*r.poll_stream_notify(n, 3).value() == 8);
    BOOST_TEST(h.polls() == 2);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/empty.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_empty)

BOOST_AUTO_TEST_CASE(ends_at_once_and_keeps_ending)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::empty_stream<int>());
    static_assert(pf::Stream<pf::empty_stream<int>>);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

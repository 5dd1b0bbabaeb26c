// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/repeat.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_repeat)

BOOST_AUTO_TEST_CASE(yields_copies_without_end)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::repeat(std::string("again")));
    for (int i = 0; i != 1000; ++i)
        BOOST_TEST_REQUIRE(pt::next(s.poll_stream_notify(n, 0)) == "item again");
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(takes_a_chosen_error_type)
{
    auto s = pf::repeat<std::string>(1);
    static_assert(std::is_same_v<decltype(s)::error_type, std::string>);
    static_assert(std::is_same_v<decltype(s)::item_type, int>);
    auto n = pt::make_counting_notify();
    auto sp = pf::spawn(std::move(s));
    BOOST_TEST(pt::next(sp.poll_stream_notify(n, 0)) == "item 1");
}

BOOST_AUTO_TEST_SUITE_END()

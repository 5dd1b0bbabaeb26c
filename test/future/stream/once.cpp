// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/once.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_once)

BOOST_AUTO_TEST_CASE(yields_one_value_then_the_end)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::once(boost::system::result<std::string, pf::error_code>("hi")));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item hi");
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(yields_one_error_then_the_end)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::once(boost::system::result<int, pf::error_code>(pt::test_error(4))));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "error 4");
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_SUITE_END()

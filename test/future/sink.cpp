// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink)

BOOST_AUTO_TEST_CASE(fanout_of_buffered_sinks_sends_everything_to_both)
{
    auto n = pt::make_counting_notify();
    auto both = pf::vector_sink<int>().fanout(pf::vector_sink<int>().buffer(1));
    auto f = pf::spawn(std::move(both).send_all(pt::range_stream(0, 3)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    auto& fan = r.value().first;
    BOOST_TEST(fan.first().items() == (std::vector<int>{0, 1, 2}));
    BOOST_TEST(fan.second().get_ref().items() == (std::vector<int>{0, 1, 2}));
}

BOOST_AUTO_TEST_SUITE_END()

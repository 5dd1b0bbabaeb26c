// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/wait.hpp>

#include <protokit/future/stream/iter_result.hpp>

#include "../../support/test_stream.hpp"

#include <boost/system/result.hpp>
#include <boost/test/unit_test.hpp>

#include <thread>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_wait)

BOOST_AUTO_TEST_CASE(next_yields_items_and_errors_then_nothing)
{
    using r = boost::system::result<int>;
    auto w = pf::iter_result(std::vector<r>{r(1), r(pt::test_error(2)), r(3)}).wait();
    auto a = w.next();
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST(**a == 1);
    auto b = w.next();
    BOOST_TEST_REQUIRE(b.has_value());
    BOOST_TEST(b->error() == pt::test_error(2));
    BOOST_TEST(**w.next() == 3);
    BOOST_TEST(!w.next().has_value());
    BOOST_TEST(!w.next().has_value());
}

BOOST_AUTO_TEST_CASE(a_range_for_blocks_until_another_thread_feeds_the_stream)
{
    auto [src, h] = pt::make_test_stream<int>();
    std::thread feeder([h = h]() mutable {
        for (int i = 0; i < 100; ++i)
            h.send(i);
        h.end();
    });
    std::vector<int> got;
    for (auto r : std::move(src).wait()) {
        BOOST_TEST_REQUIRE(r.has_value());
        got.push_back(*r);
    }
    feeder.join();
    BOOST_TEST_REQUIRE(got.size() == 100u);
    bool in_order = true;
    for (int i = 0; i < 100; ++i)
        in_order = in_order && got[static_cast<std::size_t>(i)] == i;
    BOOST_TEST(in_order);
}

BOOST_AUTO_TEST_SUITE_END()

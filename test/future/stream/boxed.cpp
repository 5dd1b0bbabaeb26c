// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/boxed.hpp>

#include <protokit/future/stream/iter_ok.hpp>
#include <protokit/future/stream/map.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_boxed)

BOOST_AUTO_TEST_CASE(streams_of_different_types_share_one_type)
{
    auto n = pt::make_counting_notify();
    std::vector<pf::boxed_stream<int>> streams;
    streams.push_back(pf::iter_ok({1, 2}).boxed());
    streams.push_back(pf::iter_ok({3}).map([](int v) { return v * 10; }).boxed());
    strings seen;
    for (auto& b : streams) {
        auto s = pf::spawn(std::move(b));
        for (auto& d : pt::drain(s, n))
            seen.push_back(d);
    }
    BOOST_TEST(seen == (strings{"item 1", "item 2", "end", "item 30", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_small_stream_lives_inline_and_a_big_one_on_the_heap_and_both_move)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    pf::boxed_stream<int> small = std::move(src).boxed();
    BOOST_TEST(small.is_inline());
    std::array<char, 256> ballast{};
    pf::boxed_stream<int> big =
        pf::iter_ok({5}).map([ballast](int v) { return v + ballast[0]; }).boxed();
    BOOST_TEST(!big.is_inline());

    pf::boxed_stream<int> moved(std::move(small));
    auto s = pf::spawn(std::move(moved));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h.is_registered());
    h.send_error(pt::test_error(2));
    h.send(8);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"error 2", "item 8", "not ready"}),
               boost::test_tools::per_element());

    auto b = pf::spawn(std::move(big));
    BOOST_TEST(pt::drain(b, n) == (strings{"item 5", "end"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

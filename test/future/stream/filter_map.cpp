// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/filter_map.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_filter_map)

BOOST_AUTO_TEST_CASE(yields_the_values_of_the_non_empty_optionals)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2, 3, 4}).filter_map([](int v) {
        return v % 2 == 0 ? std::optional<std::string>(std::string(v, 'x')) : std::nullopt;
    }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item xx", "item xxxx", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(passes_errors_and_not_ready_through)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(
        std::move(src).filter_map([](int v) { return v > 0 ? std::optional(v) : std::nullopt; }));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    h.send(0);
    h.send_error(pt::test_error(6));
    h.send(4);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"error 6", "item 4", "not ready"}),
               boost::test_tools::per_element());
    h.end();
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/inspect.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_inspect)

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_CASE(inspect_shows_each_item_and_passes_it_on)
{
    auto n = pt::make_counting_notify();
    std::vector<std::string> seen;
    auto s = pf::spawn(
        pf::iter_ok(std::vector<std::string>{"a", "b"}).inspect([&](std::string const& v) {
            seen.push_back(v);
        }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item a", "item b", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(seen == (strings{"a", "b"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(inspect_err_shows_each_error_and_passes_it_on)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    std::vector<int> items_seen;
    std::vector<int> errors_seen;
    auto s = pf::spawn(
        std::move(src)
            .inspect([&](int v) { items_seen.push_back(v); })
            .inspect_err([&](pf::error_code const& e) { errors_seen.push_back(e.value()); }));
    h.send(1);
    h.send_error(pt::test_error(5));
    h.send(2);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "error 5", "item 2", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(items_seen == (std::vector<int>{1, 2}), boost::test_tools::per_element());
    BOOST_TEST(errors_seen == std::vector<int>{5}, boost::test_tools::per_element());
    BOOST_TEST(h.is_registered());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

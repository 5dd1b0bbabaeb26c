// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/or_else.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_or_else)

BOOST_AUTO_TEST_CASE(turns_errors_into_items_or_other_errors)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    using r = boost::system::result<int, std::string>;
    auto s = pf::spawn(std::move(src).or_else([](pf::error_code ec) {
        return ec.value() == 1 ? r(-1)
                               : r(boost::system::in_place_error, std::string(ec.value(), 'e'));
    }));
    h.send(5);
    h.send_error(pt::test_error(1));
    h.send_error(pt::test_error(2));
    h.send(6);
    h.end();
    BOOST_TEST(pt::drain(s, n) == (strings{"item 5", "item -1", "error ee", "item 6", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(waits_for_the_recovery_future)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto [f, fh] = pt::make_held_future<int>();
    std::optional<pt::held_future<int>> recovery(std::move(f));
    auto s = pf::spawn(std::move(src).or_else([&](pf::error_code) {
        pt::held_future<int> g = std::move(*recovery);
        recovery.reset();
        return g;
    }));
    h.send_error(pt::test_error(1));
    h.send(2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(fh.is_registered());
    fh.set_value(0);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 0", "item 2", "not ready"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(items_pass_without_a_call)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    auto s = pf::spawn(pf::iter_ok({1, 2}).or_else([&](pf::error_code) {
        ++calls;
        return pf::ok(0);
    }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "item 2", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_SUITE_END()

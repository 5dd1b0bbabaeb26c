// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/buffer_unordered.hpp>

#include <protokit/future/ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_buffer_unordered)

BOOST_AUTO_TEST_CASE(yields_as_the_futures_finish_with_at_most_n_running)
{
    auto n = pt::make_counting_notify();
    auto [src, sh] = pt::make_test_stream<pt::held_future<int>>();
    std::vector<pt::held_future_handle<int>> h;
    for (int i = 0; i != 3; ++i) {
        auto [f, fh] = pt::make_held_future<int>();
        sh.send(std::move(f));
        h.push_back(fh);
    }
    auto s = pf::spawn(std::move(src).buffer_unordered(2));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h[2].polls() == 0);

    h[1].set_value(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item 1");
    BOOST_TEST(h[0].polls() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h[2].polls() == 1);

    h[2].set_value(2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item 2");
    h[0].set_error(pt::test_error(9));
    sh.end();
    BOOST_TEST(pt::drain(s, n) == (strings{"error 9", "end"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_error_of_the_stream_passes_through)
{
    auto n = pt::make_counting_notify();
    auto [src, sh] = pt::make_test_stream<pf::ready_future<int, pf::error_code>>();
    sh.send_error(pt::test_error(2));
    sh.send(pf::ok(5));
    sh.end();
    auto s = pf::spawn(std::move(src).buffer_unordered(2));
    BOOST_TEST(pt::drain(s, n) == (strings{"error 2", "item 5", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

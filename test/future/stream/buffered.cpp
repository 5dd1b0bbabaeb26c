// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/buffered.hpp>

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

BOOST_AUTO_TEST_SUITE(future_stream_buffered)

BOOST_AUTO_TEST_CASE(yields_in_order_with_at_most_n_running)
{
    auto n = pt::make_counting_notify();
    auto [src, sh] = pt::make_test_stream<pt::held_future<int>>();
    std::vector<pt::held_future_handle<int>> h;
    for (int i = 0; i != 4; ++i) {
        auto [f, fh] = pt::make_held_future<int>();
        sh.send(std::move(f));
        h.push_back(fh);
    }
    auto s = pf::spawn(std::move(src).buffered(2));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h[0].polls() == 1);
    BOOST_TEST(h[1].polls() == 1);
    BOOST_TEST(h[2].polls() == 0);
    BOOST_TEST(sh.polls() == 2);

    h[1].set_value(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h[2].polls() == 0);

    h[0].set_value(0);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item 0");
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item 1");
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h[2].polls() == 1);
    BOOST_TEST(h[3].polls() == 1);

    h[3].set_value(3);
    h[2].set_value(2);
    sh.end();
    BOOST_TEST(pt::drain(s, n) == (strings{"item 2", "item 3", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(errors_of_the_stream_and_of_the_futures_pass_through)
{
    auto n = pt::make_counting_notify();
    auto [src, sh] = pt::make_test_stream<pf::ready_future<int, pf::error_code>>();
    sh.send(pf::ok(1));
    sh.send_error(pt::test_error(2));
    sh.send(pf::err<int>(pt::test_error(3)));
    sh.send(pf::ok(4));
    sh.end();
    auto s = pf::spawn(std::move(src).buffered(4));
    BOOST_TEST(pt::drain(s, n) == (strings{"error 2", "item 1", "error 3", "item 4", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ends_at_once_for_an_empty_stream)
{
    auto n = pt::make_counting_notify();
    auto s =
        pf::spawn(pf::iter_ok(std::vector<pf::ready_future<int, pf::error_code>>{}).buffered(3));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_SUITE_END()

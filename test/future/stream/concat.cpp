// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/concat.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <deque>
#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_concat)

BOOST_AUTO_TEST_CASE(appends_strings)
{
    auto n = pt::make_counting_notify();
    auto f =
        pf::spawn(pf::iter_ok({std::string("ab"), std::string(""), std::string("cde")}).concat());
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready abcde");
}

BOOST_AUTO_TEST_CASE(appends_vectors_and_other_containers)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::iter_ok({std::vector<int>{1}, std::vector<int>{2, 3}}).concat());
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready [1,2,3]");
    auto g = pf::spawn(pf::iter_ok({std::deque<int>{4}, std::deque<int>{5}}).concat());
    BOOST_TEST(pt::outcome(g.poll_future_notify(n, 0)) == "ready [4,5]");
}

BOOST_AUTO_TEST_CASE(an_empty_stream_yields_an_empty_container)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::iter_ok(std::vector<std::string>{}).concat());
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready ");
}

BOOST_AUTO_TEST_CASE(waits_for_the_stream_and_fails_on_an_error)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<std::string>();
    auto f = pf::spawn(std::move(src).concat());
    h.send("x");
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "not ready");
    h.send("y");
    BOOST_TEST(n->take() == 1);
    h.end();
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "ready xy");

    auto [src2, h2] = pt::make_test_stream<std::string>();
    auto g = pf::spawn(std::move(src2).concat());
    h2.send("x");
    h2.send_error(pt::test_error(1));
    BOOST_TEST(pt::outcome(g.poll_future_notify(n, 0)) == "error 1");
}

BOOST_AUTO_TEST_SUITE_END()

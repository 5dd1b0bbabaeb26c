// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/forward.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_forward)

BOOST_AUTO_TEST_CASE(sends_everything_with_backpressure_then_closes_and_gives_both_back)
{
    auto n = pt::make_counting_notify();
    auto [sink, sh] = pt::make_gated_sink<int>(2);
    auto f = pf::spawn(pf::iter_ok({1, 2, 3, 4, 5}).forward(std::move(sink)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(sh.buffered() == 2u);
    BOOST_TEST(sh.not_ready_sends() == 1);
    BOOST_TEST(n->count() == 0);
    sh.release();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(sh.received() == (std::vector<int>{1, 2}), boost::test_tools::per_element());
    BOOST_TEST(sh.buffered() == 2u);
    sh.release();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(sh.buffered() == 1u);
    BOOST_TEST(!sh.closed());
    sh.release();
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(sh.closed());
    BOOST_TEST(sh.received() == (std::vector<int>{1, 2, 3, 4, 5}),
               boost::test_tools::per_element());
    auto [rest, back] = std::move(r).value();
    BOOST_TEST(pt::next(pf::spawn(std::move(rest)).poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_CASE(flushes_the_sink_while_the_stream_is_not_ready)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<std::string>();
    auto [sink, sh] = pt::make_gated_sink<std::string>(8);
    auto f = pf::spawn(std::move(src).forward(std::move(sink)));
    h.send("a");
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(h.is_registered());
    BOOST_TEST(sh.buffered() == 1u);
    sh.release();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    h.end();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(sh.received() == (std::vector<std::string>{"a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_error_of_the_stream_fails_it)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto [sink, sh] = pt::make_gated_sink<int>(8);
    auto f = pf::spawn(std::move(src).forward(std::move(sink)));
    h.send(1);
    h.send_error(pt::test_error(3));
    BOOST_TEST(pt::outcome(f.poll_future_notify(n, 0)) == "error 3");
    BOOST_TEST(sh.buffered() == 1u);
}

BOOST_AUTO_TEST_CASE(an_error_of_the_sink_is_converted_to_the_error_of_the_stream)
{
    struct stream_error {
        int code;
        stream_error(pf::error_code ec) : code(ec.value() + 1000) {}
    };
    auto n = pt::make_counting_notify();
    auto [sink, sh] = pt::make_gated_sink<int>(8);
    sh.set_error(pt::test_error(2));
    auto f = pf::spawn(pf::iter_ok<stream_error>({1}).forward(std::move(sink)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().code == 1002);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/chunks.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_chunks)

BOOST_AUTO_TEST_CASE(groups_items_and_the_last_chunk_may_be_shorter)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2, 3, 4, 5}).chunks(2));
    BOOST_TEST(pt::drain(s, n) == (strings{"item [1,2]", "item [3,4]", "item [5]", "end"}),
               boost::test_tools::per_element());
    auto exact = pf::spawn(pf::iter_ok({1, 2}).chunks(2));
    BOOST_TEST(pt::drain(exact, n) == (strings{"item [1,2]", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(never_polls_the_stream_after_the_last_chunk)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).chunks(2));
    h.send(1);
    h.end();
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item [1]");
    BOOST_TEST(h.polls() == 2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    BOOST_TEST(h.polls() == 2);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(a_partial_chunk_waits_while_the_stream_is_not_ready)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).chunks(3));
    h.send(1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h.is_registered());
    h.send(2);
    h.send(3);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item [1,2,3]");
}

BOOST_AUTO_TEST_CASE(an_error_yields_the_partial_chunk_first_then_the_error_then_goes_on)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).chunks(3));
    h.send(1);
    h.send_error(pt::test_error(7));
    h.send_error(pt::test_error(8));
    h.send(2);
    h.end();
    BOOST_TEST(pt::drain(s, n) == (strings{"item [1]", "error 7", "error 8", "item [2]", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

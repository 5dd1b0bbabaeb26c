// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/fuse.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_fuse)

BOOST_AUTO_TEST_CASE(keeps_ending_without_polling_the_inner_stream_again)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).fuse());
    h.send(1);
    h.send_error(pt::test_error(2));
    h.end();
    BOOST_TEST(!s.get_ref().is_done());
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "error 2", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.get_ref().is_done());
    int const polls = h.polls();
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    BOOST_TEST(h.polls() == polls);
}

BOOST_AUTO_TEST_CASE(not_ready_passes_through_and_keeps_the_task)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).fuse());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 1)) == "not ready");
    BOOST_TEST(h.is_registered());
    h.send(3);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 1)) == "item 3");
    BOOST_TEST(!s.get_ref().is_done());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/buffer.hpp>

#include <protokit/future/sink/send_all.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_buffer)

BOOST_AUTO_TEST_CASE(accepts_n_items_while_the_inner_sink_is_not_ready)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->credit = 0;
    auto s = pf::spawn(std::move(sink).buffer(2));

    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(2, n, 0).is_accepted());
    BOOST_TEST(s.get_ref().size() == 2u);
    auto r = s.start_send_notify(3, n, 0);
    BOOST_TEST_REQUIRE(r.is_not_ready());
    BOOST_TEST(r.item() == 3);
    BOOST_TEST(ctl->accepted.empty());
    BOOST_TEST(n->count() == 0);

    ctl->give(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.start_send_notify(3, n, 0).is_accepted());
    BOOST_TEST(ctl->accepted == std::vector<int>{1});
    BOOST_TEST(s.poll_complete_notify(n, 0).is_not_ready());

    ctl->give(5);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{1, 2, 3}));
    BOOST_TEST(s.get_ref().size() == 0u);
}

BOOST_AUTO_TEST_CASE(zero_passes_items_straight_through)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->credit = 0;
    auto s = pf::spawn(std::move(sink).buffer(0));
    BOOST_TEST(s.start_send_notify(1, n, 0).is_not_ready());
    ctl->give(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(ctl->accepted == std::vector<int>{1});
}

BOOST_AUTO_TEST_CASE(close_empties_the_queue_first)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->credit = 0;
    auto s = pf::spawn(std::move(sink).buffer(4));
    for (int i = 0; i < 4; ++i)
        BOOST_TEST(s.start_send_notify(i, n, 0).is_accepted());
    BOOST_TEST(s.close_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->closes == 0);
    ctl->give(4);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.close_notify(n, 0).is_ready());
    BOOST_TEST(ctl->closed);
    BOOST_TEST(ctl->flushed == (std::vector<int>{0, 1, 2, 3}));
}

BOOST_AUTO_TEST_CASE(reports_the_inner_error)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->credit = 0;
    auto s = pf::spawn(std::move(sink).buffer(1));
    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    ctl->send_error = pf::error_code(EPIPE, boost::system::generic_category());
    auto r = s.start_send_notify(2, n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().value() == EPIPE);
}

BOOST_AUTO_TEST_CASE(lets_send_all_run_ahead_of_a_slow_sink)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->credit = 0;
    auto f = pf::spawn(std::move(sink).buffer(3).send_all(pt::range_stream(0, 5)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->start_sends == 3);
    ctl->give(100);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{0, 1, 2, 3, 4}));
}

BOOST_AUTO_TEST_SUITE_END()

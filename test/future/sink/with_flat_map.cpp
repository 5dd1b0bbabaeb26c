// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/with_flat_map.hpp>

#include <protokit/future/sink/vector_sink.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_with_flat_map)

BOOST_AUTO_TEST_CASE(sends_every_item_of_each_stream)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(
        pf::vector_sink<int>().with_flat_map([](int count) { return pt::range_stream(0, count); }));
    BOOST_TEST(s.start_send_notify(2, n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(0, n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(3, n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(s.get_ref().get_ref().items() == (std::vector<int>{0, 1, 0, 1, 2}));
}

BOOST_AUTO_TEST_CASE(holds_new_items_while_the_inner_sink_pushes_back)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->credit = 1;
    auto s = pf::spawn(
        std::move(sink).with_flat_map([](int count) { return pt::range_stream(0, count); }));

    BOOST_TEST(s.start_send_notify(3, n, 0).is_accepted());
    BOOST_TEST(ctl->accepted == std::vector<int>{0});
    auto r = s.start_send_notify(1, n, 0);
    BOOST_TEST_REQUIRE(r.is_not_ready());
    BOOST_TEST(r.item() == 1);
    BOOST_TEST(n->count() == 0);

    ctl->give(10);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{0, 1, 2, 0}));
}

BOOST_AUTO_TEST_CASE(waits_for_a_stream_that_is_not_ready)
{
    auto n = pt::make_counting_notify();
    auto [stream, sctl] = pt::make_scripted_stream<int>();
    auto s = pf::spawn(pf::vector_sink<int>().with_flat_map(
        [stream = std::move(stream)](int) mutable { return std::move(stream); }));

    BOOST_TEST(s.start_send_notify(0, n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_not_ready());
    BOOST_TEST(n->count() == 0);

    sctl->push(7);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.poll_complete_notify(n, 0).is_not_ready());
    BOOST_TEST(s.get_ref().get_ref().items() == std::vector<int>{7});

    sctl->end();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
}

BOOST_AUTO_TEST_CASE(a_stream_error_fails_and_drops_that_stream)
{
    auto n = pt::make_counting_notify();
    auto [stream, sctl] = pt::make_scripted_stream<int>();
    sctl->push(1);
    sctl->push_error(pf::error_code(EBADMSG, boost::system::generic_category()));
    sctl->push(2);
    auto s = pf::spawn(pf::vector_sink<int>().with_flat_map(
        [stream = std::move(stream)](int) mutable { return std::move(stream); }));

    auto r = s.start_send_notify(0, n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().value() == EBADMSG);
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(s.get_ref().get_ref().items() == std::vector<int>{1});
}

BOOST_AUTO_TEST_SUITE_END()

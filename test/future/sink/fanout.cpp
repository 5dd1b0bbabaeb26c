// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/fanout.hpp>

#include <protokit/future/sink/vector_sink.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_fanout)

BOOST_AUTO_TEST_CASE(sends_each_item_to_both)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::vector_sink<std::string>().fanout(pf::vector_sink<std::string>()));
    BOOST_TEST(s.start_send_notify(std::string("a"), n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(std::string("b"), n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    auto [a, b] = std::move(s).into_inner().into_inner();
    BOOST_TEST(a.items() == (std::vector<std::string>{"a", "b"}));
    BOOST_TEST(b.items() == (std::vector<std::string>{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(backpressure_from_either_side_holds_the_next_item)
{
    auto n = pt::make_counting_notify();
    auto [left, lctl] = pt::make_test_sink<int>();
    auto [right, rctl] = pt::make_test_sink<int>();
    lctl->credit = 1;
    auto s = pf::spawn(std::move(left).fanout(std::move(right)));

    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(2, n, 0).is_accepted());
    BOOST_TEST(lctl->accepted == std::vector<int>{1});
    BOOST_TEST(rctl->accepted == (std::vector<int>{1, 2}));

    auto r = s.start_send_notify(3, n, 0);
    BOOST_TEST_REQUIRE(r.is_not_ready());
    BOOST_TEST(r.item() == 3);
    BOOST_TEST(rctl->accepted == (std::vector<int>{1, 2}));
    BOOST_TEST(n->count() == 0);

    lctl->give(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.start_send_notify(3, n, 0).is_accepted());
    BOOST_TEST(lctl->accepted == (std::vector<int>{1, 2}));
    BOOST_TEST(rctl->accepted == (std::vector<int>{1, 2, 3}));
    BOOST_TEST(s.start_send_notify(4, n, 0).is_not_ready());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_not_ready());
    BOOST_TEST(n->count() == 0);

    lctl->give(5);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(lctl->flushed == (std::vector<int>{1, 2, 3}));
    BOOST_TEST(rctl->flushed == (std::vector<int>{1, 2, 3}));
}

BOOST_AUTO_TEST_CASE(flush_and_close_wait_for_both)
{
    auto n = pt::make_counting_notify();
    auto [left, lctl] = pt::make_test_sink<int>();
    auto [right, rctl] = pt::make_test_sink<int>();
    rctl->flush_open = false;
    auto s = pf::spawn(std::move(left).fanout(std::move(right)));
    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());

    BOOST_TEST(s.close_notify(n, 0).is_not_ready());
    BOOST_TEST(lctl->closed);
    BOOST_TEST(!rctl->closed);
    rctl->open_flush();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.close_notify(n, 0).is_ready());
    BOOST_TEST(rctl->closed);
    BOOST_TEST(rctl->flushed == std::vector<int>{1});
}

BOOST_AUTO_TEST_CASE(reports_an_error_of_either_side)
{
    auto n = pt::make_counting_notify();
    auto [left, lctl] = pt::make_test_sink<int>();
    auto [right, rctl] = pt::make_test_sink<int>();
    auto s = pf::spawn(std::move(left).fanout(std::move(right)));
    rctl->flush_error = pf::error_code(EIO, boost::system::generic_category());
    auto r = s.poll_complete_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().value() == EIO);
    BOOST_TEST(lctl->flushes == 1);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/unsync/mpsc.hpp>

#include <protokit/future/sink/send.hpp>
#include <protokit/future/sink/send_all.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <numeric>
#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_unsync_mpsc)

namespace mpsc = pf::unsync::mpsc;

#include "../sync/mpsc_cases.ipp"

BOOST_AUTO_TEST_CASE(holds_exactly_its_buffer_whatever_the_number_of_senders)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(2);
    auto tx2 = tx;
    auto tx3 = tx;
    BOOST_TEST(tx.try_send(1).is_sent());
    BOOST_TEST(tx2.try_send(2).is_sent());
    auto full = tx.try_send(3);
    BOOST_TEST(full.is_full());
    BOOST_TEST(full.item() == 3);
    BOOST_TEST(tx2.try_send(3).is_full());
    BOOST_TEST(tx3.try_send(3).is_full());

    BOOST_TEST(is_item(next(rx, n), 1));
    BOOST_TEST(tx3.try_send(3).is_sent());
    BOOST_TEST(tx.try_send(4).is_full());
    BOOST_TEST(is_item(next(rx, n), 2));
    BOOST_TEST(is_item(next(rx, n), 3));
    BOOST_TEST(next(rx, n).is_not_ready());
}

BOOST_AUTO_TEST_CASE(a_sender_that_finds_it_full_is_woken_once_when_an_item_is_taken)
{
    auto sender_task = pt::make_counting_notify();
    auto receiver_task = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(1);
    auto send = [&](int v) {
        return pt::in_task(sender_task, 1, [&] { return tx.start_send(v); });
    };

    BOOST_TEST(send(1).is_accepted());
    auto r = send(2);
    BOOST_TEST_REQUIRE(r.is_not_ready());
    BOOST_TEST(r.item() == 2);
    BOOST_TEST(pt::in_task(sender_task, 1, [&] { return tx.poll_ready(); }).is_not_ready());
    // A refused item was handed back: nothing waits to be flushed.
    BOOST_TEST(pt::in_task(sender_task, 1, [&] { return tx.poll_complete(); }).is_ready());
    BOOST_TEST(sender_task->count() == 0);

    BOOST_TEST(is_item(next(rx, receiver_task), 1));
    BOOST_TEST(sender_task->take() == 1);
    BOOST_TEST(next(rx, receiver_task).is_not_ready());
    BOOST_TEST(sender_task->count() == 0);

    BOOST_TEST(pt::in_task(sender_task, 1, [&] { return tx.poll_ready(); }).is_ready());
    BOOST_TEST(send(2).is_accepted());
    BOOST_TEST(receiver_task->take() == 1);
    BOOST_TEST(sender_task->count() == 0);
}

BOOST_AUTO_TEST_CASE(each_item_taken_wakes_the_sender_that_waited_longest)
{
    auto n = pt::make_counting_notify();
    auto [a, rx] = mpsc::channel<int>(1);
    auto b = a;
    auto c = a;
    BOOST_TEST(a.try_send(1).is_sent());
    BOOST_TEST(pt::in_task(n, 3, [&] { return c.start_send(30); }).is_not_ready());
    BOOST_TEST(pt::in_task(n, 2, [&] { return b.start_send(20); }).is_not_ready());
    BOOST_TEST(pt::in_task(n, 1, [&] { return a.start_send(10); }).is_not_ready());
    BOOST_TEST(n->count() == 0);
    {
        // A sender that goes while it waits gives its turn to the next.
        auto gone = std::move(c);
    }
    BOOST_TEST(is_item(next(rx, n, 100), 1));
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 2u);
    BOOST_TEST(pt::in_task(n, 2, [&] { return b.start_send(20); }).is_accepted());
    BOOST_TEST(n->count() == 0);

    BOOST_TEST(is_item(next(rx, n, 100), 20));
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 1u);
    BOOST_TEST(pt::in_task(n, 1, [&] { return a.start_send(10); }).is_accepted());
    BOOST_TEST(is_item(next(rx, n, 100), 10));
}

BOOST_AUTO_TEST_CASE(dropping_the_receiver_fails_the_senders_and_wakes_the_waiting_one)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(1);
    BOOST_TEST(tx.try_send(1).is_sent());
    BOOST_TEST(pt::in_task(n, 2, [&] { return tx.poll_ready(); }).is_not_ready());
    {
        auto gone = std::move(rx);
    }
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(tx.is_closed());
    BOOST_TEST(tx.try_send(2).is_disconnected());
    auto ready = pt::in_task(n, 2, [&] { return tx.poll_ready(); });
    BOOST_TEST_REQUIRE(ready.is_error());
    BOOST_TEST(ready.error() == protokit::error::channel_closed);
    auto sent = pt::in_task(n, 2, [&] { return tx.start_send(3); });
    BOOST_TEST_REQUIRE(sent.is_error());
    BOOST_TEST(sent.error().code() == protokit::error::channel_closed);
    BOOST_TEST(sent.error().item() == 3);
}

BOOST_AUTO_TEST_CASE(send_completes_once_there_is_room)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(1);
    BOOST_TEST(tx.try_send(1).is_sent());
    auto f = pf::spawn(std::move(tx).send(2));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(n->count() == 0);
    BOOST_TEST(is_item(next(rx, n, 1), 1));
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(n->count() == 0);
    BOOST_TEST(is_item(next(rx, n, 1), 2));
    BOOST_TEST(r.value().try_send(3).is_sent());
}

BOOST_AUTO_TEST_SUITE_END()

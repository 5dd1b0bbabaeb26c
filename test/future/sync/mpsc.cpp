// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sync/mpsc.hpp>

#include <protokit/future/sink/send.hpp>
#include <protokit/future/sink/send_all.hpp>
#include <protokit/future/sink/with.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sync_mpsc)

namespace mpsc = pf::sync::mpsc;

#include "mpsc_cases.ipp"

BOOST_AUTO_TEST_CASE(holds_the_buffer_plus_one_item_per_sender)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(2);
    auto tx2 = tx;
    auto tx3 = tx;
    BOOST_TEST(tx.try_send(1).is_sent());
    BOOST_TEST(tx.try_send(2).is_sent());
    BOOST_TEST(tx.try_send(3).is_sent());
    auto full = tx.try_send(4);
    BOOST_TEST(full.is_full());
    BOOST_TEST(!full.is_disconnected());
    BOOST_TEST(full.item() == 4);
    BOOST_TEST(tx2.try_send(4).is_sent());
    BOOST_TEST(tx3.try_send(5).is_sent());

    BOOST_TEST(tx.try_send(6).is_full());
    BOOST_TEST(tx2.try_send(6).is_full());
    BOOST_TEST(tx3.try_send(6).is_full());

    BOOST_TEST(is_item(next(rx, n), 1));
    BOOST_TEST(tx2.try_send(6).is_full());
    BOOST_TEST(tx.try_send(6).is_sent());
    BOOST_TEST(tx.try_send(7).is_full());
    for (int i = 2; i <= 6; ++i)
        BOOST_TEST(is_item(next(rx, n), i));
    BOOST_TEST(next(rx, n).is_not_ready());
}

BOOST_AUTO_TEST_CASE(a_blocked_sender_is_woken_once_when_an_item_is_taken)
{
    auto sender_task = pt::make_counting_notify();
    auto receiver_task = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(1);
    auto send = [&](int v) {
        return pt::in_task(sender_task, 1, [&] { return tx.start_send(v); });
    };

    BOOST_TEST(send(1).is_accepted());
    BOOST_TEST(send(2).is_accepted());
    auto r = send(3);
    BOOST_TEST_REQUIRE(r.is_not_ready());
    BOOST_TEST(r.item() == 3);
    BOOST_TEST(pt::in_task(sender_task, 1, [&] { return tx.poll_ready(); }).is_not_ready());
    BOOST_TEST(pt::in_task(sender_task, 1, [&] { return tx.poll_complete(); }).is_not_ready());
    BOOST_TEST(sender_task->count() == 0);

    BOOST_TEST(is_item(next(rx, receiver_task), 1));
    BOOST_TEST(sender_task->take() == 1);
    BOOST_TEST(sender_task->last_id() == 1u);
    BOOST_TEST(is_item(next(rx, receiver_task), 2));
    BOOST_TEST(next(rx, receiver_task).is_not_ready());
    BOOST_TEST(sender_task->count() == 0);
    BOOST_TEST(receiver_task->count() == 0);

    BOOST_TEST(pt::in_task(sender_task, 1, [&] { return tx.poll_ready(); }).is_ready());
    BOOST_TEST(send(3).is_accepted());
    BOOST_TEST(receiver_task->take() == 1);
}

BOOST_AUTO_TEST_CASE(dropping_the_receiver_fails_the_senders_and_wakes_the_parked_one)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(0);
    BOOST_TEST(tx.try_send(1).is_sent());
    BOOST_TEST(pt::in_task(n, 2, [&] { return tx.poll_ready(); }).is_not_ready());
    {
        auto gone = std::move(rx);
    }
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(tx.is_closed());

    auto back = tx.try_send(2);
    BOOST_TEST(back.is_disconnected());
    BOOST_TEST(back.error() == protokit::error::channel_closed);
    BOOST_TEST(back.item() == 2);
    auto ready = pt::in_task(n, 2, [&] { return tx.poll_ready(); });
    BOOST_TEST_REQUIRE(ready.is_error());
    BOOST_TEST(ready.error() == protokit::error::channel_closed);
    auto sent = pt::in_task(n, 2, [&] { return tx.start_send(3); });
    BOOST_TEST_REQUIRE(sent.is_error());
    BOOST_TEST(sent.error().code() == protokit::error::channel_closed);
    BOOST_TEST(sent.error().item() == 3);
}

BOOST_AUTO_TEST_CASE(a_dropped_parked_sender_does_not_hold_up_the_others)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(0);
    auto other = tx;
    BOOST_TEST(tx.try_send(1).is_sent());
    BOOST_TEST(other.try_send(2).is_sent());
    BOOST_TEST(other.try_send(3).is_full());
    {
        auto gone = std::move(tx);
    }
    BOOST_TEST(is_item(next(rx, n), 1));
    BOOST_TEST(other.try_send(3).is_full());
    BOOST_TEST(is_item(next(rx, n), 2));
    BOOST_TEST(other.try_send(3).is_sent());
    BOOST_TEST(is_item(next(rx, n), 3));
}

BOOST_AUTO_TEST_CASE(send_completes_once_the_sender_is_unparked)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(0);
    auto f = pf::spawn(std::move(tx).send(1));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(n->count() == 0);
    BOOST_TEST(is_item(next(rx, n, 1), 1));
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value().try_send(2).is_sent());
}

BOOST_AUTO_TEST_CASE(moves_100000_items_between_threads_in_order)
{
    constexpr int count = 100'000;
    pt::watchdog guard(std::chrono::seconds(120), "100000 items through a channel of 4");
    auto [tx, rx] = mpsc::channel<int>(4);

    // Boost.Test's assertions belong to the test's thread: the producer records, the test checks.
    bool sent_all = false;
    std::thread producer([tx = std::move(tx), &sent_all]() mutable {
        sent_all = pf::wait(std::move(tx).send_all(pt::range_stream(0, count))).has_value();
    });
    auto r = pf::wait(pt::collect(std::move(rx), count));
    producer.join();

    BOOST_TEST(sent_all);
    BOOST_TEST_REQUIRE(r.has_value());
    auto const& items = *r;
    BOOST_TEST_REQUIRE(items.size() == std::size_t(count));
    bool in_order = true;
    for (int i = 0; i < count; ++i)
        in_order = in_order && items[i] == i;
    BOOST_TEST(in_order);
}

BOOST_AUTO_TEST_CASE(keeps_each_producer_in_order_across_threads)
{
    constexpr int per_producer = 20'000;
    constexpr int producers = 3;
    pt::watchdog guard(std::chrono::seconds(120), "three producers through a channel of 2");
    auto [tx, rx] = mpsc::channel<std::pair<int, int>>(2);

    std::vector<std::thread> threads;
    std::vector<char> sent_all(producers, 0);
    for (int p = 0; p < producers; ++p) {
        threads.emplace_back([p, tx = tx, &sent_all]() mutable {
            auto tagged = [p](int i) { return std::pair<int, int>(p, i); };
            auto r =
                pf::wait(std::move(tx).with(tagged).send_all(pt::range_stream(0, per_producer)));
            sent_all[static_cast<std::size_t>(p)] = r.has_value();
        });
    }
    {
        auto gone = std::move(tx);
    }
    auto r = pf::wait(pt::collect(std::move(rx), producers * per_producer));
    for (auto& t : threads)
        t.join();

    BOOST_TEST(std::count(sent_all.begin(), sent_all.end(), 1) == producers);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST_REQUIRE(r->size() == std::size_t(producers * per_producer));
    std::vector<int> expected(producers, 0);
    bool in_order = true;
    for (auto const& [p, i] : *r) {
        in_order = in_order && i == expected[p];
        ++expected[p];
    }
    BOOST_TEST(in_order);
}

BOOST_AUTO_TEST_CASE(a_receiver_dropped_on_another_thread_wakes_a_blocked_sender)
{
    pt::watchdog guard(std::chrono::seconds(60), "waking a blocked sender");
    auto [tx, rx] = mpsc::channel<int>(0);
    BOOST_TEST(tx.try_send(1).is_sent());
    // The receiver goes only once the sender has parked: the wake-up path runs.
    std::atomic<int> parked{0};
    std::atomic<bool> saw_parked{false};
    std::thread dropper([rx = std::move(rx), &parked, &saw_parked]() mutable {
        saw_parked = pt::spin_until([&] { return parked.load() > 0; });
        auto gone = std::move(rx);
    });
    auto r = pf::wait(pt::poll_fn<pf::unit>([&] {
        auto ready = tx.poll_ready();
        if (ready.is_not_ready())
            ++parked;
        return ready;
    }));
    dropper.join();
    BOOST_TEST(saw_parked.load());
    BOOST_TEST(parked.load() >= 1);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == protokit::error::channel_closed);
}

BOOST_AUTO_TEST_SUITE_END()

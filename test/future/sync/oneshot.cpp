// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sync/oneshot.hpp>

#include <protokit/future/map.hpp>

#include <protokit/future/boxed.hpp>
#include <protokit/future/executor.hpp>
#include <protokit/future/lazy.hpp>
#include <protokit/future/ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_future.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sync_oneshot)

namespace oneshot = pf::sync::oneshot;

#include "oneshot_cases.ipp"

// Each test across threads waits, on the other thread, for the first
// not-ready poll before it acts: the wake-up path, not the already-done
// one, is what runs. Boost.Test's assertions stay on the test's thread: the
// other thread records what it saw. A watchdog ends a lost wake-up loudly
// instead of hanging the run.

BOOST_AUTO_TEST_CASE(a_thread_blocked_in_wait_gets_the_value_from_another_thread)
{
    pt::watchdog guard(std::chrono::seconds(60), "a value sent from another thread");
    auto [tx, rx] = oneshot::channel<std::string>();
    std::atomic<int> parked{0};
    std::atomic<bool> saw_parked{false};
    std::atomic<bool> sent{false};
    std::thread sender([tx = std::move(tx), &parked, &saw_parked, &sent]() mutable {
        saw_parked = pt::spin_until([&] { return parked.load() > 0; });
        sent = std::move(tx).send("across").is_sent();
    });
    auto r = pf::wait(pt::poll_fn<std::string>([&, &rx = rx] {
        auto got = rx.poll();
        if (got.is_not_ready())
            ++parked;
        return got;
    }));
    sender.join();
    BOOST_TEST(saw_parked.load());
    BOOST_TEST(sent.load());
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(*r == "across");
}

BOOST_AUTO_TEST_CASE(a_sender_waiting_for_cancel_on_another_thread_is_woken)
{
    pt::watchdog guard(std::chrono::seconds(60), "a cancel seen from another thread");
    auto [tx, rx] = oneshot::channel<int>();
    std::atomic<int> parked{0};
    bool canceled = false;
    std::thread waiter([tx = std::move(tx), &parked, &canceled]() mutable {
        auto r = pf::wait(pt::poll_fn<pf::unit>([&]() -> pf::poll_result<pf::unit> {
            if (tx.poll_cancel())
                return pf::ready();
            ++parked;
            return pf::not_ready;
        }));
        canceled = r.has_value();
    });
    bool const saw_parked = pt::spin_until([&] { return parked.load() > 0; });
    {
        auto dropped = std::move(rx);
    }
    waiter.join();
    BOOST_TEST(saw_parked);
    BOOST_TEST(canceled);
}

BOOST_AUTO_TEST_CASE(a_sender_dropped_on_another_thread_cancels_the_waiting_receiver)
{
    pt::watchdog guard(std::chrono::seconds(60), "a sender dropped on another thread");
    auto [tx, rx] = oneshot::channel<int>();
    std::atomic<int> parked{0};
    std::atomic<bool> saw_parked{false};
    std::thread dropper([tx = std::move(tx), &parked, &saw_parked]() mutable {
        saw_parked = pt::spin_until([&] { return parked.load() > 0; });
        auto dropped = std::move(tx);
    });
    auto r = pf::wait(pt::poll_fn<int>([&, &rx = rx] {
        auto got = rx.poll();
        if (got.is_not_ready())
            ++parked;
        return got;
    }));
    dropper.join();
    BOOST_TEST(saw_parked.load());
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == protokit::error::canceled);
}

BOOST_AUTO_TEST_SUITE_END()

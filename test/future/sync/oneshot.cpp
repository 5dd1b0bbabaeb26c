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

#include <memory>
#include <string>
#include <thread>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sync_oneshot)

namespace oneshot = pf::sync::oneshot;

#include "oneshot_cases.ipp"

BOOST_AUTO_TEST_CASE(a_thread_blocked_in_wait_gets_the_value_from_another_thread)
{
    auto [tx, rx] = oneshot::channel<std::string>();
    std::thread sender([tx = std::move(tx)]() mutable { (void)std::move(tx).send("across"); });
    auto r = pf::wait(std::move(rx));
    sender.join();
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(*r == "across");
}

BOOST_AUTO_TEST_CASE(a_sender_waiting_for_cancel_on_another_thread_is_woken)
{
    auto [tx, rx] = oneshot::channel<int>();
    std::thread waiter([tx = std::move(tx)]() mutable {
        auto r = pf::wait(pt::poll_fn<pf::unit>([&]() -> pf::poll_result<pf::unit> {
            if (tx.poll_cancel())
                return pf::ready();
            return pf::not_ready;
        }));
        BOOST_TEST(r.has_value());
    });
    {
        auto dropped = std::move(rx);
    }
    waiter.join();
}

BOOST_AUTO_TEST_CASE(a_sender_dropped_on_another_thread_cancels_the_waiting_receiver)
{
    auto [tx, rx] = oneshot::channel<int>();
    std::thread dropper([tx = std::move(tx)]() mutable { auto dropped = std::move(tx); });
    auto r = pf::wait(std::move(rx));
    dropper.join();
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == protokit::error::canceled);
}

BOOST_AUTO_TEST_SUITE_END()

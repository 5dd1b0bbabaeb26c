// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/shared.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_shared)

BOOST_AUTO_TEST_CASE(every_clone_gets_a_copy_of_the_value)
{
    auto n = pt::make_counting_notify();
    auto a = pf::ok(std::string("v")).shared();
    auto b = a;
    auto fa = pf::spawn(std::move(a));
    auto fb = pf::spawn(std::move(b));
    BOOST_TEST(fa.poll_future_notify(n, 1).value() == "v");
    BOOST_TEST(fb.poll_future_notify(n, 2).value() == "v");
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(every_clone_gets_a_copy_of_the_error)
{
    auto n = pt::make_counting_notify();
    auto a = pf::err<int>(pt::test_error(5)).shared();
    auto fb = pf::spawn(a);
    auto fa = pf::spawn(std::move(a));
    auto ra = fa.poll_future_notify(n, 1);
    auto rb = fb.poll_future_notify(n, 2);
    BOOST_TEST_REQUIRE(ra.is_error());
    BOOST_TEST_REQUIRE(rb.is_error());
    BOOST_TEST(ra.error() == pt::test_error(5));
    BOOST_TEST(rb.error() == pt::test_error(5));
}

BOOST_AUTO_TEST_CASE(waiting_clones_are_each_notified_once)
{
    auto n = pt::make_counting_notify();
    auto [inner, c] = pt::make_test_future<int>();
    auto a = std::move(inner).shared();
    auto fb = pf::spawn(a);
    auto fa = pf::spawn(std::move(a));

    BOOST_TEST(fa.poll_future_notify(n, 1).is_not_ready());
    BOOST_TEST(fb.poll_future_notify(n, 2).is_not_ready());
    BOOST_TEST(c.is_registered());
    BOOST_TEST(n->count() == 0);
    BOOST_TEST(!fa.get_ref().peek().has_value());

    c.set_ready(9);
    BOOST_TEST(n->take() == 2);

    auto ra = fa.poll_future_notify(n, 1);
    BOOST_TEST_REQUIRE(ra.is_ready());
    BOOST_TEST(ra.value() == 9);
    // b was already woken; completing does not wake it twice.
    BOOST_TEST(n->count() == 0);
    BOOST_TEST(c.is_dropped());

    auto rb = fb.poll_future_notify(n, 2);
    BOOST_TEST_REQUIRE(rb.is_ready());
    BOOST_TEST(rb.value() == 9);
    BOOST_TEST(fb.get_ref().peek().value().value() == 9);
    BOOST_TEST(c.polls() == 3);
}

BOOST_AUTO_TEST_CASE(completing_wakes_the_clones_that_wait)
{
    auto n = pt::make_counting_notify();
    auto [inner, c] = pt::make_test_future<int>();
    auto a = std::move(inner).shared();
    auto fb = pf::spawn(a);
    auto fa = pf::spawn(std::move(a));

    BOOST_TEST(fa.poll_future_notify(n, 1).is_not_ready());
    // A spurious wake of a: it polls the future again and stays registered.
    c.notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(fb.poll_future_notify(n, 2).is_not_ready());
    BOOST_TEST(fa.poll_future_notify(n, 1).is_not_ready());

    c.set_ready(4);
    BOOST_TEST(n->take() == 2);
    BOOST_TEST(fb.poll_future_notify(n, 2).value() == 4);
    // a was woken and not yet polled: it sees the value without the future.
    BOOST_TEST(fa.poll_future_notify(n, 1).value() == 4);
    BOOST_TEST(n->count() == 0);
}

/** A notify target that, when notified, has another thread look at a shared future.

    `look` takes the shared state's lock (`peek()`): if the notification
    came under that lock, the other thread cannot finish until `notify`
    returns. The wait is bounded, so that the defect fails the test
    rather than hanging it.
*/
class peeking_notify final : public pf::notify_target {
public:
    explicit peeking_notify(std::function<void()> look) : look_(std::move(look)) {}

    ~peeking_notify() override { join(); }

    void notify(std::uint64_t) noexcept override
    {
        ++notified_;
        join();
        peeker_ = std::async(std::launch::async, look_);
        if (peeker_.wait_for(std::chrono::seconds(5)) == std::future_status::ready)
            ++unlocked_;
    }

    /// Waits for the last look to finish.
    void join()
    {
        if (peeker_.valid())
            peeker_.get();
    }

    int notified() const noexcept { return notified_; }
    /// The notifications during which another thread could take the state's lock.
    int unlocked() const noexcept { return unlocked_; }

private:
    std::function<void()> look_;
    std::future<void> peeker_;
    int notified_ = 0;
    int unlocked_ = 0;
};

BOOST_AUTO_TEST_CASE(a_wake_up_of_the_future_notifies_the_clones_outside_the_lock)
{
    auto n = pt::make_counting_notify();
    auto [inner, c] = pt::make_test_future<int>();
    auto a = std::move(inner).shared();
    boost::intrusive_ptr<peeking_notify> peeker(new peeking_notify([a] { a.peek(); }));
    auto fb = pf::spawn(a);
    auto fa = pf::spawn(std::move(a));

    BOOST_TEST(fa.poll_future_notify(n, 1).is_not_ready());
    BOOST_TEST(fb.poll_future_notify(peeker, 2).is_not_ready());
    c.notify();
    peeker->join();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(peeker->notified() == 1);
    BOOST_TEST(peeker->unlocked() == 1);
}

BOOST_AUTO_TEST_CASE(completing_notifies_the_waiting_clones_outside_the_lock)
{
    // b polls while a is polling the future: b waits for a's outcome.
    std::function<void()> while_polled;
    auto a = pf::poll_fn([&while_polled]() -> pf::poll_result<int> {
                 while_polled();
                 return pf::ready(3);
             }).shared();
    boost::intrusive_ptr<peeking_notify> peeker(new peeking_notify([a] { a.peek(); }));
    auto n = pt::make_counting_notify();
    auto fb = pf::spawn(a);
    auto fa = pf::spawn(std::move(a));
    while_polled = [&] { BOOST_TEST(fb.poll_future_notify(peeker, 2).is_not_ready()); };

    BOOST_TEST(fa.poll_future_notify(n, 1).value() == 3);
    peeker->join();
    BOOST_TEST(peeker->notified() == 1);
    BOOST_TEST(peeker->unlocked() == 1);
    BOOST_TEST(n->count() == 0);
    BOOST_TEST(fb.poll_future_notify(peeker, 2).value() == 3);
}

BOOST_AUTO_TEST_CASE(a_moved_waiting_clone_is_still_woken)
{
    auto n = pt::make_counting_notify();
    auto [inner, c] = pt::make_test_future<int>();
    auto first = pf::spawn(std::move(inner).shared());
    BOOST_TEST(first.poll_future_notify(n, 7).is_not_ready());
    auto moved = pf::spawn(std::move(first).into_inner());
    c.set_ready(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 7u);
    BOOST_TEST(moved.poll_future_notify(n, 7).value() == 1);
}

BOOST_AUTO_TEST_CASE(a_clone_made_after_completion_gets_the_value)
{
    auto n = pt::make_counting_notify();
    auto a = pf::ok(3).shared();
    auto fa = pf::spawn(a);
    BOOST_TEST(fa.poll_future_notify(n, 0).value() == 3);
    auto late = pf::spawn(a);
    BOOST_TEST(late.poll_future_notify(n, 0).value() == 3);
}

BOOST_AUTO_TEST_CASE(dropping_every_clone_drops_the_future)
{
    auto n = pt::make_counting_notify();
    auto [inner, c] = pt::make_test_future<int>();
    {
        auto a = std::move(inner).shared();
        auto b = a;
        auto fa = pf::spawn(std::move(a));
        BOOST_TEST(fa.poll_future_notify(n, 0).is_not_ready());
        BOOST_TEST(!c.is_dropped());
    }
    BOOST_TEST(c.is_dropped());
    // The future's registration pointed at the shared state: notifying it is harmless.
    c.set_ready(1);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(an_exception_from_the_future_lets_another_clone_poll_it)
{
    auto n = pt::make_counting_notify();
    int polls = 0;
    auto a = pf::poll_fn([&]() -> pf::poll_result<int> {
                 if (++polls == 1)
                     throw std::runtime_error("first poll");
                 return pf::ready(polls);
             }).shared();
    auto fb = pf::spawn(a);
    auto fa = pf::spawn(std::move(a));
    BOOST_CHECK_THROW(fa.poll_future_notify(n, 1), std::runtime_error);
    BOOST_TEST(fb.poll_future_notify(n, 2).value() == 2);
    BOOST_TEST(fa.poll_future_notify(n, 1).value() == 2);
}

BOOST_AUTO_TEST_CASE(clones_on_two_threads_each_wait_for_the_value)
{
    using namespace std::chrono_literals;
    auto [inner, c] = pt::make_test_future<int>();
    auto a = std::move(inner).shared();
    auto b = a;
    auto ta = std::async(std::launch::async,
                         [f = std::move(a)]() mutable { return pf::wait(std::move(f)); });
    auto tb = std::async(std::launch::async,
                         [f = std::move(b)]() mutable { return pf::wait(std::move(f)); });

    // Let at least one clone reach the future before completing it.
    auto const deadline = std::chrono::steady_clock::now() + 10s;
    while (c.polls() == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    BOOST_TEST(c.polls() >= 1);
    c.set_ready(42);

    BOOST_TEST_REQUIRE((ta.wait_for(10s) == std::future_status::ready));
    BOOST_TEST_REQUIRE((tb.wait_for(10s) == std::future_status::ready));
    auto ra = ta.get();
    auto rb = tb.get();
    BOOST_TEST_REQUIRE(ra.has_value());
    BOOST_TEST_REQUIRE(rb.has_value());
    BOOST_TEST(*ra == 42);
    BOOST_TEST(*rb == 42);
}

BOOST_AUTO_TEST_CASE(the_future_is_never_polled_by_two_threads_at_once)
{
    using namespace std::chrono_literals;
    constexpr int polls_needed = 2000;
    std::atomic<bool> in_poll{false};
    std::atomic<int> overlaps{0};
    std::atomic<int> polls{0};
    // Wakes itself at each poll, so that both threads keep polling their clones.
    auto a = pf::poll_fn([&]() -> pf::poll_result<int> {
                 if (in_poll.exchange(true))
                     ++overlaps;
                 int const k = ++polls;
                 in_poll = false;
                 if (k < polls_needed) {
                     pf::current_task().notify();
                     return pf::not_ready;
                 }
                 return pf::ready(k);
             }).shared();
    auto b = a;
    auto ta = std::async(std::launch::async,
                         [f = std::move(a)]() mutable { return pf::wait(std::move(f)); });
    auto tb = std::async(std::launch::async,
                         [f = std::move(b)]() mutable { return pf::wait(std::move(f)); });
    BOOST_TEST_REQUIRE((ta.wait_for(20s) == std::future_status::ready));
    BOOST_TEST_REQUIRE((tb.wait_for(20s) == std::future_status::ready));
    BOOST_TEST(ta.get().value() == polls_needed);
    BOOST_TEST(tb.get().value() == polls_needed);
    BOOST_TEST(overlaps == 0);
    BOOST_TEST(polls == polls_needed);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/async_fn.hpp>

#include <protokit/error.hpp>
#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/future/sync.hpp>
#include <protokit/future/unsync/mpsc.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/timeout.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_error.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

BOOST_AUTO_TEST_SUITE(future_async_fn)

namespace {

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;
using namespace std::chrono_literals;

/// An error type of its own, made from an `error_code` (as `from_err` converts).
struct app_error {
    app_error() = default;
    explicit app_error(pf::error_code ec) : code(ec) {}
    pf::error_code code;
};

/// A future that records its destruction, and is never ready.
class dropped_flag_future : public pf::future_facade<dropped_flag_future> {
public:
    using item_type = int;
    using error_type = pf::error_code;

    explicit dropped_flag_future(std::shared_ptr<int> drops) : drops_(std::move(drops)) {}
    dropped_flag_future(dropped_flag_future&& other) noexcept = default;
    ~dropped_flag_future()
    {
        if (drops_)
            ++*drops_;
    }

    pf::poll_result<int> poll()
    {
        slot_.register_current();
        return pf::not_ready;
    }

private:
    std::shared_ptr<int> drops_;
    pf::task_slot slot_;
};

/// A future whose poll throws.
class throwing_future : public pf::future_facade<throwing_future> {
public:
    using item_type = int;
    using error_type = pf::error_code;
    pf::poll_result<int> poll() { throw std::runtime_error("poll failed"); }
};

/// A ready future that counts its live instances (moved-from ones included).
class counted_future : public pf::future_facade<counted_future> {
public:
    using item_type = int;
    using error_type = pf::error_code;

    counted_future(int* live, int value) : live_(live), value_(value) { ++*live_; }
    counted_future(counted_future&& other) noexcept : live_(other.live_), value_(other.value_)
    {
        ++*live_;
    }
    ~counted_future() { --*live_; }

    pf::poll_result<int> poll() { return pf::ready(value_); }

private:
    int* live_;
    int value_;
};

/// A value that counts its live instances too.
struct counted_value {
    explicit counted_value(int* live) : live(live) { ++*live; }
    counted_value(counted_value const& other) : live(other.live) { ++*live; }
    ~counted_value() { --*live; }
    int* live;
};

pf::async_fn<int> add_one(int v)
{
    int const w = co_await pf::ok(v);
    co_return w + 1;
}

pf::async_fn<int> wait_for(pt::test_future<int> f, bool* after)
{
    int const v = co_await std::move(f);
    *after = true;
    co_return v * 2;
}

pf::async_fn<int, app_error> convert(pt::test_future<int> f, bool* after)
{
    int const v = co_await std::move(f);
    *after = true;
    co_return v;
}

pf::async_fn<std::string> recover(pt::test_future<int> f)
{
    auto r = co_await pf::settled(std::move(f));
    if (!r)
        co_return "failed: " + std::to_string(r.error().value());
    co_return std::to_string(*r);
}

pf::async_fn<int> fail_with(int code)
{
    co_await pf::ok();
    co_return pf::fail(pt::test_error(code));
}

pf::async_fn<> unit_fail(int code, bool* after)
{
    co_await pf::err(pt::test_error(code));
    *after = true;
}

// Nested: each level awaits the next; the innermost awaits `leaf`.
pf::async_fn<int> chain(int depth, pt::test_future<int>* leaf)
{
    if (depth == 0)
        co_return co_await std::move(*leaf);
    co_return 1 + co_await chain(depth - 1, leaf);
}

pf::async_fn<int> ready_chain(int depth)
{
    if (depth == 0)
        co_return 0;
    co_return 1 + co_await ready_chain(depth - 1);
}

pf::async_fn<int, app_error> failing_chain(int depth, bool* after)
{
    if (depth == 0)
        co_return co_await fail_with(7);
    int const v = co_await failing_chain(depth - 1, after);
    *after = true;
    co_return v;
}

// Holds `token` at every level, to show when the frames are gone.
pf::async_fn<int> failing_chain_holding(int depth, std::shared_ptr<int> token)
{
    if (depth == 0)
        co_return co_await fail_with(7);
    co_return co_await failing_chain_holding(depth - 1, token);
}

/// Where the stack is now: the frame of a function that is not inlined.
[[gnu::noinline]] std::uintptr_t stack_position()
{
    return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
}

pf::async_fn<std::uintptr_t> deepest_stack_position(int depth)
{
    if (depth == 0)
        co_return stack_position();
    co_return co_await deepest_stack_position(depth - 1);
}

pf::async_fn<int> never_ready_chain(int depth, std::shared_ptr<int> drops)
{
    if (depth == 0)
        co_return co_await dropped_flag_future(drops);
    co_return co_await never_ready_chain(depth - 1, drops);
}

template <class F>
auto poll_to_end(F f)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(std::move(f));
    for (;;) {
        auto r = s.poll_future_notify(n, 0);
        if (!r.is_not_ready())
            return r;
        BOOST_TEST_REQUIRE(n->take() > 0);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(runs_only_when_polled_and_is_ready_when_its_futures_are)
{
    auto n = pt::make_counting_notify();
    auto f = add_one(41);
    static_assert(pf::Future<decltype(f)>);
    BOOST_TEST(!f.started());
    auto s = pf::spawn(std::move(f));
    auto r = s.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 42);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(is_not_ready_while_the_awaited_future_is_and_resumes_when_notified)
{
    auto n = pt::make_counting_notify();
    auto [tf, control] = pt::make_test_future<int>();
    bool after = false;
    auto s = pf::spawn(wait_for(std::move(tf), &after));
    BOOST_TEST(s.poll_future_notify(n, 3).is_not_ready());
    BOOST_TEST(control.is_registered());
    BOOST_TEST(!after);
    BOOST_TEST(s.poll_future_notify(n, 3).is_not_ready()); // a spurious poll polls the future again
    BOOST_TEST(control.polls() == 2);

    control.set_ready(21);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 3u);
    auto r = s.poll_future_notify(n, 3);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 42);
    BOOST_TEST(after);
    BOOST_TEST(control.polls() == 3);
}

BOOST_AUTO_TEST_CASE(an_awaited_error_ends_the_coroutine_converted_to_its_error_type)
{
    auto [tf, control] = pt::make_test_future<int>();
    bool after = false;
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(convert(std::move(tf), &after));
    BOOST_TEST(s.poll_future_notify(n, 0).is_not_ready());
    control.set_error(pt::test_error(5));
    auto r = s.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<int, app_error>>);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().code == pt::test_error(5));
    BOOST_TEST(!after);

    // An error at the first poll, without suspending.
    bool after2 = false;
    auto [tf2, control2] = pt::make_test_future<int>();
    control2.set_error(pt::test_error(6));
    auto r2 = poll_to_end(convert(std::move(tf2), &after2));
    BOOST_TEST_REQUIRE(r2.is_error());
    BOOST_TEST(r2.error().code == pt::test_error(6));
    BOOST_TEST(!after2);
}

// GCC 12 has had bugs with temporaries in co_await expressions (destroyed
// twice, or not at all): every temporary here is counted.
BOOST_AUTO_TEST_CASE(temporaries_in_co_await_expressions_are_destroyed_once)
{
    int live = 0;
    auto body = [](int* live) -> pf::async_fn<int> {
        int sum = co_await counted_future(live, 1) + co_await counted_future(live, 2);
        sum += co_await pf::ok(counted_value(live)).map([](counted_value const& v) {
            return *v.live;
        });
        auto [a, b] = co_await counted_future(live, 3).join(counted_future(live, 4));
        co_return sum + a + b;
    };
    auto r = poll_to_end(body(&live));
    BOOST_TEST_REQUIRE(r.is_ready());
    // 1 + 2, then the count while a counted_value lived (at least 1), then 3 + 4.
    BOOST_TEST(r.value() >= 11);
    BOOST_TEST(live == 0);
}

BOOST_AUTO_TEST_CASE(settled_hands_the_error_to_the_body)
{
    auto [a, ca] = pt::make_test_future<int>();
    ca.set_error(pt::test_error(9));
    auto r = poll_to_end(recover(std::move(a)));
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == "failed: 9");

    auto [b, cb] = pt::make_test_future<int>();
    cb.set_ready(12);
    auto r2 = poll_to_end(recover(std::move(b)));
    BOOST_TEST_REQUIRE(r2.is_ready());
    BOOST_TEST(r2.value() == "12");

    // A future of the frame, awaited where it lies (an lvalue), with or without settled.
    auto in_place = []() -> pf::async_fn<int> {
        auto failing = pf::err<int>(pt::test_error(2));
        auto r = co_await pf::settled(failing);
        auto fine = pf::ok(40);
        co_return (r ? 0 : r.error().value()) + co_await fine;
    };
    auto r3 = poll_to_end(in_place());
    BOOST_TEST_REQUIRE(r3.is_ready());
    BOOST_TEST(r3.value() == 42);
}

BOOST_AUTO_TEST_CASE(co_return_fail_and_co_await_err_fail_the_future)
{
    auto r = poll_to_end(fail_with(3));
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(3));

    bool after = false;
    auto r2 = poll_to_end(unit_fail(4, &after));
    static_assert(std::is_same_v<decltype(r2), pf::poll_result<pf::unit>>);
    BOOST_TEST_REQUIRE(r2.is_error());
    BOOST_TEST(r2.error() == pt::test_error(4));
    BOOST_TEST(!after);
}

BOOST_AUTO_TEST_CASE(awaits_join_select_and_ready_futures)
{
    auto body = []() -> pf::async_fn<int> {
        auto [a, b] = co_await pf::ok(1).join(pf::ok(2));
        auto [tf, control] = pt::make_test_future<int>();
        // The first to complete wins; the other comes back unfinished.
        // (Its error also holds the other future: keep the error alone.)
        auto [winner, rest] = co_await pf::ok(10).select(std::move(tf)).map_err([](auto failed) {
            return failed.first;
        });
        control.set_ready(100);
        int const late = co_await std::move(rest);
        int const lazy = co_await pf::lazy([] { return pf::ok(1000); });
        co_return a + b + winner + late + lazy;
    };
    auto r = poll_to_end(body());
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 1113);
}

BOOST_AUTO_TEST_CASE(awaits_timeouts_on_a_core)
{
    pr::manual_clock clock;
    pr::core c(clock);
    pr::handle h = c.get_handle();
    auto [slow, control] = pt::make_test_future<int>();
    auto body = [](pr::handle h, pt::test_future<int> slow) -> pf::async_fn<std::string> {
        co_await pr::timeout(h, 10ms);
        auto r = co_await pf::settled(std::move(slow).timeout(h, 5ms));
        co_return r ? std::string("in time") : r.error().message();
    };
    std::optional<std::string> out;
    h.spawn(body(h, std::move(slow)).map([&](std::string s) { out = std::move(s); }));
    c.turn(0s);
    BOOST_TEST(!out);
    clock.advance(10ms);
    c.turn(0s);
    BOOST_TEST(!out);
    BOOST_TEST(control.is_registered());
    clock.advance(5ms);
    c.turn(0s);
    BOOST_TEST_REQUIRE(out.has_value());
    BOOST_TEST(*out == protokit::make_error_code(protokit::error::timed_out).message());
    BOOST_TEST(control.is_dropped());
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(iterates_a_stream_with_next)
{
    auto sum = [](std::vector<int> v) -> pf::async_fn<int> {
        auto s = pf::iter_ok(std::move(v));
        int total = 0;
        while (auto item = co_await pf::next(s))
            total += *item;
        co_return total;
    };
    auto r = poll_to_end(sum({1, 2, 3, 4}));
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 10);

    // A channel's receiver: not ready until an item is sent, ended when the senders are gone.
    auto [tx, rx] = pf::unsync::mpsc::unbounded<int>();
    auto collect = [](pf::unsync::mpsc::receiver<int> rx) -> pf::async_fn<std::vector<int>> {
        std::vector<int> got;
        while (auto item = co_await pf::next(rx))
            got.push_back(*item);
        co_return got;
    };
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(collect(std::move(rx)));
    BOOST_TEST(s.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(tx.unbounded_send(1).is_sent());
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(tx.unbounded_send(2).is_sent());
    {
        auto gone = std::move(tx);
    }
    auto r2 = s.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r2.is_ready());
    BOOST_TEST(r2.value() == (std::vector<int>{1, 2}));
}

BOOST_AUTO_TEST_CASE(a_stream_error_ends_the_coroutine_unless_settled)
{
    auto items = [] {
        std::vector<boost::system::result<int, pf::error_code>> v;
        v.emplace_back(1);
        v.emplace_back(boost::system::in_place_error, pt::test_error(8));
        v.emplace_back(3);
        return pf::iter_result(std::move(v));
    };
    auto strict = [](auto s) -> pf::async_fn<int> {
        int total = 0;
        while (auto item = co_await pf::next(s))
            total += *item;
        co_return total;
    };
    auto r = poll_to_end(strict(items()));
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(8));

    auto lenient = [](auto s) -> pf::async_fn<int> {
        int total = 0;
        for (;;) {
            auto item = co_await pf::settled(pf::next(s));
            if (!item)
                continue; // an error does not end a stream
            if (!*item)
                co_return total;
            total += **item;
        }
    };
    auto r2 = poll_to_end(lenient(items()));
    BOOST_TEST_REQUIRE(r2.is_ready());
    BOOST_TEST(r2.value() == 4);
}

BOOST_AUTO_TEST_CASE(dropping_a_suspended_coroutine_drops_what_it_awaits)
{
    auto drops = std::make_shared<int>(0);
    auto n = pt::make_counting_notify();
    {
        auto body = [](std::shared_ptr<int> d) -> pf::async_fn<int> {
            co_return co_await dropped_flag_future(d);
        };
        auto s = pf::spawn(body(drops));
        BOOST_TEST(s.poll_future_notify(n, 0).is_not_ready());
        BOOST_TEST(*drops == 0);
    }
    BOOST_TEST(*drops == 1);

    // The sender of a oneshot sees that nobody waits for its value any more.
    auto [tx, rx] = pf::sync::oneshot::channel<int>();
    {
        auto body = [](pf::sync::oneshot::receiver<int> rx) -> pf::async_fn<int> {
            co_return co_await std::move(rx);
        };
        auto s = pf::spawn(body(std::move(rx)));
        BOOST_TEST(s.poll_future_notify(n, 0).is_not_ready());
        BOOST_TEST(!tx.is_canceled());
    }
    BOOST_TEST(tx.is_canceled());

    // Never polled: the frame holds the arguments only.
    auto [tf, control] = pt::make_test_future<int>();
    {
        bool after = false;
        auto f = wait_for(std::move(tf), &after);
    }
    BOOST_TEST(control.is_dropped());
    BOOST_TEST(control.polls() == 0);
}

BOOST_AUTO_TEST_CASE(wakes_up_from_another_thread)
{
    auto [tx, rx] = pf::sync::oneshot::channel<int>();
    auto [mtx, mrx] = pf::sync::mpsc::channel<int>(2);
    auto body = [](pf::sync::oneshot::receiver<int> rx,
                   pf::sync::mpsc::receiver<int> items) -> pf::async_fn<int> {
        int total = co_await std::move(rx);
        while (auto item = co_await pf::next(items))
            total += *item;
        co_return total;
    };
    std::thread sender([tx = std::move(tx), mtx = std::move(mtx)]() mutable {
        static_cast<void>(std::move(tx).send(1000));
        auto sink = std::move(mtx);
        for (int i = 1; i <= 100; ++i) {
            auto r = pf::wait(std::move(sink).send(i));
            if (!r)
                return;
            sink = std::move(*r);
        }
    });
    auto r = pf::wait(body(std::move(rx), std::move(mrx)));
    sender.join();
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(*r == 1000 + 5050);
}

BOOST_AUTO_TEST_CASE(nested_coroutines_share_the_outer_task)
{
    auto [leaf, control] = pt::make_test_future<int>();
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(chain(3, &leaf));
    BOOST_TEST(s.poll_future_notify(n, 1).is_not_ready());
    BOOST_TEST(control.polls() == 1);
    BOOST_TEST(s.poll_future_notify(n, 1).is_not_ready());
    BOOST_TEST(control.polls() == 2); // the leaf alone is polled again
    control.set_ready(10);
    BOOST_TEST(n->take() == 1);
    auto r = s.poll_future_notify(n, 1);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 13);
}

BOOST_AUTO_TEST_CASE(a_nested_error_fails_every_level_that_does_not_settle_it)
{
    bool after = false;
    auto r = poll_to_end(failing_chain(5, &after));
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().code == pt::test_error(7));
    BOOST_TEST(!after);

    auto outer = []() -> pf::async_fn<std::string> {
        bool after = false;
        auto r = co_await pf::settled(failing_chain(2, &after));
        co_return r ? std::string("no error") : r.error().code.message();
    };
    auto r2 = poll_to_end(outer());
    BOOST_TEST_REQUIRE(r2.is_ready());
    BOOST_TEST(r2.value() == pt::test_error(7).message());

    // A failed child taken as a value is destroyed with the coroutines it awaited.
    auto token = std::make_shared<int>(0);
    auto keeps_going = [](std::shared_ptr<int> token, bool* freed) -> pf::async_fn<> {
        auto r = co_await pf::settled(failing_chain_holding(3, token));
        *freed = !r && token.use_count() == 1; // this frame's own copy
    };
    bool freed = false;
    BOOST_TEST(poll_to_end(keeps_going(std::move(token), &freed)).is_ready());
    BOOST_TEST(freed);
}

BOOST_AUTO_TEST_CASE(an_awaited_coroutine_that_already_started_is_polled_as_a_future)
{
    auto [leaf, control] = pt::make_test_future<int>();
    auto n = pt::make_counting_notify();
    bool after = false;
    auto inner = wait_for(std::move(leaf), &after);
    {
        pf::task t(n, 0);
        pf::task_scope scope(t);
        BOOST_TEST(inner.poll().is_not_ready());
    }
    BOOST_TEST(inner.started());
    auto outer = [](pf::async_fn<int> inner) -> pf::async_fn<int> {
        co_return 1 + co_await std::move(inner);
    };
    auto s = pf::spawn(outer(std::move(inner)));
    BOOST_TEST(s.poll_future_notify(n, 0).is_not_ready());
    control.set_ready(5);
    auto r = s.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 11);
}

BOOST_AUTO_TEST_CASE(deep_recursion_does_not_grow_the_stack)
{
    constexpr int depth = 100000;
    // The innermost coroutine runs as deep in the stack as the outermost would.
    auto n0 = pt::make_counting_notify();
    auto probe = pf::spawn(deepest_stack_position(depth));
    std::uintptr_t const here = stack_position();
    auto deepest = probe.poll_future_notify(n0, 0);
    BOOST_TEST_REQUIRE(deepest.is_ready());
    std::uintptr_t const growth = here > deepest.value() ? here - deepest.value() : 0;
    BOOST_TEST(growth < 16384u, "the stack grew by " << growth << " bytes");

    auto r = poll_to_end(ready_chain(depth));
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == depth);

    // Suspended at the bottom, then resumed through every level.
    auto [leaf, control] = pt::make_test_future<int>();
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(chain(depth, &leaf));
    BOOST_TEST(s.poll_future_notify(n, 0).is_not_ready());
    control.set_ready(1);
    auto r2 = s.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r2.is_ready());
    BOOST_TEST(r2.value() == depth + 1);

    // An error at the bottom fails every level.
    bool after = false;
    auto r3 = poll_to_end(failing_chain(depth, &after));
    BOOST_TEST_REQUIRE(r3.is_error());
    BOOST_TEST(!after);

    // Dropped while suspended at the bottom: every frame is destroyed, innermost first.
    auto drops = std::make_shared<int>(0);
    {
        auto s2 = pf::spawn(never_ready_chain(depth, drops));
        BOOST_TEST(s2.poll_future_notify(n, 0).is_not_ready());
    }
    BOOST_TEST(*drops == 1);
    BOOST_TEST(drops.use_count() == 1);
}

BOOST_AUTO_TEST_CASE(an_exception_leaves_poll_unless_an_awaiting_coroutine_catches_it)
{
    auto thrower = []() -> pf::async_fn<int> {
        co_await pf::ok();
        throw std::runtime_error("boom");
    };
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(thrower());
    BOOST_CHECK_THROW(s.poll_future_notify(n, 0), std::runtime_error);

    auto catcher = [](pf::async_fn<int> inner) -> pf::async_fn<std::string> {
        try {
            co_await std::move(inner);
        } catch (std::runtime_error const& e) {
            co_return std::string("caught ") + e.what();
        }
        co_return std::string("nothing");
    };
    auto r = poll_to_end(catcher(thrower()));
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == "caught boom");

    // Thrown by an awaited future's poll, first or later: the coroutine sees it where it awaits.
    auto poll_catcher = []() -> pf::async_fn<int> {
        try {
            co_await throwing_future();
        } catch (std::runtime_error const&) {
            co_return 1;
        }
        co_return 0;
    };
    auto r2 = poll_to_end(poll_catcher());
    BOOST_TEST_REQUIRE(r2.is_ready());
    BOOST_TEST(r2.value() == 1);

    auto later = [](pt::test_future<int> first) -> pf::async_fn<int> {
        co_await std::move(first).and_then(
            [](int) -> pf::ready_future<int, pf::error_code> { throw std::runtime_error("late"); });
        co_return 0;
    };
    auto [tf, control] = pt::make_test_future<int>();
    auto s2 = pf::spawn(later(std::move(tf)));
    BOOST_TEST(s2.poll_future_notify(n, 0).is_not_ready());
    control.set_ready(1);
    BOOST_CHECK_THROW(s2.poll_future_notify(n, 0), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/core.hpp>

#include <protokit/future/executor.hpp>
#include <protokit/future/lazy.hpp>
#include <protokit/future/map.hpp>
#include <protokit/future/ok.hpp>
#include <protokit/reactor/interval.hpp>
#include <protokit/reactor/tcp_stream.hpp>
#include <protokit/reactor/timeout.hpp>

#include "../support/child_abort.hpp"
#include "../support/counting_allocator.hpp"
#include "../support/test_reactor.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(reactor_core)

namespace {

std::shared_ptr<pt::probe> make_probe()
{
    return std::make_shared<pt::probe>();
}

} // namespace

BOOST_AUTO_TEST_CASE(a_task_is_polled_once_at_spawn_then_once_per_notify_burst)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto p = make_probe();
    h.spawn(pt::probe_future(p));
    BOOST_TEST(p->polls == 0);
    BOOST_TEST(c.task_count() == 1u);

    c.turn(0s);
    BOOST_TEST(p->polls == 1);
    c.turn(0s);
    BOOST_TEST(p->polls == 1);

    // From outside a turn (the remote path).
    p->task->notify();
    p->task->notify();
    p->task->notify();
    c.turn(0s);
    BOOST_TEST(p->polls == 2);
    c.turn(0s);
    BOOST_TEST(p->polls == 2);

    // From another task's poll (the local path).
    auto other = make_probe();
    other->on_poll = [&] {
        if (other->polls == 2) {
            p->task->notify();
            p->task->notify();
            p->task->notify();
        }
    };
    h.spawn(pt::probe_future(other));
    c.turn(0s);
    BOOST_TEST(other->polls == 1);
    other->task->notify();
    c.turn(0s);
    BOOST_TEST(other->polls == 2);
    c.turn(0s);
    BOOST_TEST(p->polls == 3);
    c.turn(0s);
    BOOST_TEST(p->polls == 3);

    p->done = true;
    p->task->notify();
    c.turn(0s);
    BOOST_TEST(p->polls == 4);
    BOOST_TEST(c.task_count() == 1u);
    BOOST_TEST(p.use_count() == 1); // the finished task was dropped at once
    BOOST_TEST(p->max_depth == 1);
}

BOOST_AUTO_TEST_CASE(a_notify_during_its_own_poll_schedules_one_more_poll_after_it)
{
    pr::core c;
    auto p = make_probe();
    p->on_poll = [&] {
        if (p->polls == 1) {
            p->task->notify();
            p->task->notify();
        }
    };
    c.get_handle().spawn(pt::probe_future(p));
    c.turn(0s);
    BOOST_TEST(p->polls == 1);
    c.turn(0s);
    BOOST_TEST(p->polls == 2);
    c.turn(0s);
    c.turn(0s);
    BOOST_TEST(p->polls == 2);
    BOOST_TEST(p->max_depth == 1);
}

BOOST_AUTO_TEST_CASE(spawn_fn_makes_the_future_when_the_task_is_first_polled)
{
    pr::core c;
    pr::handle h = c.get_handle();
    int made = 0;
    h.spawn_fn([&] {
        ++made;
        return pf::ok();
    });
    BOOST_TEST(made == 0);
    c.turn(0s);
    BOOST_TEST(made == 1);
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_future_too_large_for_the_slot_is_boxed_on_the_heap)
{
    pr::core c;
    pr::handle h = c.get_handle();
    // A first task grows the core's task slab; its slot is reused after.
    h.spawn(pf::ok());
    c.turn(0s);
    BOOST_REQUIRE(c.task_count() == 0u);

    std::array<char, 1024> big{};
    big[1023] = 'x';
    char seen_big = 0;
    char seen_small = 0;
    auto small_task = pt::poll_fn([&seen_small]() -> pf::poll_result<pf::unit> {
        seen_small = 's';
        return pf::ready();
    });
    auto big_task = pt::poll_fn([big, &seen_big]() -> pf::poll_result<pf::unit> {
        seen_big = big[1023];
        return pf::ready();
    });
    std::size_t const small_allocations =
        pt::allocations_during([&] { h.spawn(std::move(small_task)); });
    c.turn(0s);
    std::size_t const big_allocations =
        pt::allocations_during([&] { h.spawn(std::move(big_task)); });
    c.turn(0s);
    BOOST_TEST(small_allocations == 0u); // lives in the slot
    BOOST_TEST(big_allocations == 1u);   // the box on the heap, nothing else
    BOOST_TEST(seen_small == 's');
    BOOST_TEST(seen_big == 'x');
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(run_returns_the_value_or_the_error_of_its_future)
{
    pr::core c;
    auto v = c.run(pf::ok(42));
    BOOST_TEST(v.has_value());
    BOOST_TEST(*v == 42);

    auto e = c.run(pf::err<int>(make_error_code(protokit::error::invalid_frame)));
    BOOST_TEST(e.has_error());
    BOOST_TEST(e.error() == protokit::error::invalid_frame);
}

BOOST_AUTO_TEST_CASE(run_drives_spawned_tasks_until_its_future_completes)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto main = make_probe();
    auto worker = make_probe();
    // The worker needs three polls; each one notifies itself, the last one the main future.
    worker->on_poll = [&] {
        if (worker->polls < 3) {
            worker->task->notify();
        } else {
            worker->done = true;
            main->done = true;
            main->task->notify();
        }
    };
    h.spawn(pt::probe_future(worker));
    auto r = c.run(pt::bounded(h, pt::probe_future(main)));
    BOOST_TEST(r.has_value());
    BOOST_TEST(worker->polls == 3);
    BOOST_TEST(main->polls == 2);
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(an_exception_from_run_s_future_propagates_and_the_core_goes_on)
{
    pr::core c;
    BOOST_CHECK_THROW(c.run(pt::poll_fn([]() -> pf::poll_result<pf::unit> {
        throw std::runtime_error("main failed");
    })),
                      std::runtime_error);
    BOOST_TEST(c.run(pf::ok(7)).value() == 7);
}

BOOST_AUTO_TEST_CASE(a_notify_from_another_thread_wakes_a_blocked_run)
{
    pr::core c;
    pr::handle h = c.get_handle();
    std::atomic<bool> released{false};
    std::thread other;
    auto r = c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   if (released.load())
                                       return pf::ready();
                                   if (!other.joinable()) {
                                       other = std::thread([t = pf::current_task(), &released] {
                                           released.store(true);
                                           t.notify();
                                       });
                                   }
                                   return pf::not_ready;
                               })));
    other.join();
    BOOST_TEST(r.has_value());
}

BOOST_AUTO_TEST_CASE(a_notify_from_another_thread_wakes_a_blocked_turn)
{
    pr::core c;
    auto p = make_probe();
    c.get_handle().spawn(pt::probe_future(p));
    c.turn(0s);
    BOOST_TEST(p->polls == 1);
    std::thread other([t = *p->task] { t.notify(); });
    auto const start = std::chrono::steady_clock::now();
    for (int i = 0; i < 10 && p->polls == 1; ++i)
        c.turn(10s);
    other.join();
    BOOST_TEST(p->polls == 2);
    BOOST_TEST((std::chrono::steady_clock::now() - start < 10s));
}

BOOST_AUTO_TEST_CASE(notifying_a_finished_task_or_a_gone_core_does_nothing)
{
    std::optional<pf::task> stale;
    std::optional<pr::handle> kept;
    {
        pr::core c;
        pr::handle h = c.get_handle();
        kept = h;
        auto finished = make_probe();
        finished->done = true;
        h.spawn(pt::probe_future(finished));
        c.turn(0s);
        BOOST_TEST(finished->polls == 1);
        BOOST_TEST(c.task_count() == 0u);
        stale = finished->task;

        // The next task reuses the slot; the stale id must not reach it.
        auto next = make_probe();
        h.spawn(pt::probe_future(next));
        c.turn(0s);
        BOOST_TEST(c.task_capacity() == 1u);
        stale->notify();
        c.turn(0s);
        c.turn(0s);
        BOOST_TEST(next->polls == 1);
        BOOST_TEST(finished->polls == 1);
    }
    stale->notify();
    auto late = make_probe();
    kept->spawn(pt::probe_future(late));
    BOOST_TEST(late.use_count() == 1); // dropped: the core is gone
    kept->remote().spawn(pt::probe_future(late));
    BOOST_TEST(late.use_count() == 1);
    BOOST_TEST(late->polls == 0);
}

BOOST_AUTO_TEST_CASE(an_exception_in_a_task_goes_to_the_hook_and_the_others_go_on)
{
    pr::core c;
    pr::handle h = c.get_handle();
    std::vector<std::string> errors;
    c.set_task_error_handler([&](std::exception_ptr e) {
        try {
            std::rethrow_exception(e);
        } catch (std::exception const& x) {
            errors.emplace_back(x.what());
        }
    });
    auto bad = make_probe();
    bad->on_poll = [&] {
        if (bad->polls == 2)
            throw std::runtime_error("boom");
    };
    auto good = make_probe();
    h.spawn(pt::probe_future(bad));
    h.spawn(pt::probe_future(good));
    c.turn(0s);
    bad->task->notify();
    good->task->notify();
    c.turn(0s);
    BOOST_TEST(errors.size() == 1u);
    BOOST_TEST(errors.at(0) == "boom");
    BOOST_TEST(bad.use_count() == 1);
    BOOST_TEST(c.task_count() == 1u);
    BOOST_TEST(good->polls == 2);
    good->task->notify();
    c.turn(0s);
    BOOST_TEST(good->polls == 3);
}

BOOST_AUTO_TEST_CASE(the_default_hook_prints_to_stderr)
{
    pr::core c;
    std::ostringstream captured;
    auto* previous = std::cerr.rdbuf(captured.rdbuf());
    c.get_handle().spawn(
        pt::poll_fn([]() -> pf::poll_result<pf::unit> { throw std::runtime_error("printed"); }));
    c.turn(0s);
    std::cerr.rdbuf(previous);
    BOOST_TEST(captured.str().find("printed") != std::string::npos);
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_remote_spawns_from_another_thread)
{
    pr::core c;
    pr::handle h = c.get_handle();
    pr::remote r = c.get_remote();
    std::optional<pf::task> main_task;
    bool spawned_ran = false;
    std::thread::id made_on;
    std::thread other([&, r] {
        r.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
            spawned_ran = true;
            main_task->notify();
            return pf::ready();
        }));
        r.spawn_fn([&](pr::handle const& on_core) {
            made_on = std::this_thread::get_id();
            return pr::timeout(on_core, 0s).map([&] { main_task->notify(); });
        });
    });
    auto result = c.run(pt::bounded(h, pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                        main_task.emplace(pf::current_task());
                                        if (spawned_ran && made_on == std::this_thread::get_id())
                                            return pf::ready();
                                        return pf::not_ready;
                                    })));
    other.join();
    BOOST_TEST(result.has_value());
    BOOST_TEST(spawned_ran);
    BOOST_TEST((made_on == std::this_thread::get_id()));
}

BOOST_AUTO_TEST_CASE(ten_thousand_finished_tasks_leave_the_slab_reusing_its_slots)
{
    pr::core c;
    pr::handle h = c.get_handle();
    int finished = 0;
    for (int round = 0; round < 100; ++round) {
        for (int i = 0; i < 100; ++i) {
            h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                ++finished;
                return pf::ready();
            }));
        }
        c.turn(0s);
        BOOST_TEST_REQUIRE(c.task_count() == 0u);
    }
    BOOST_TEST(finished == 10000);
    BOOST_TEST(c.task_capacity() <= 100u);
}

BOOST_AUTO_TEST_CASE(the_steady_state_allocates_nothing)
{
    pr::core c;
    pr::handle h = c.get_handle();

    // A task that keeps notifying itself.
    h.spawn(pt::poll_fn([]() -> pf::poll_result<pf::unit> {
        pf::current_task().notify();
        return pf::not_ready;
    }));

    // A timer reset on every poll, as an idle timeout is.
    pr::timeout idle(h, 1h);
    h.spawn(pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
        idle.reset(h.now() + 1h);
        if (idle.poll().is_ready())
            return pf::ready();
        pf::current_task().notify();
        return pf::not_ready;
    }));

    // A ping-pong of one byte over loopback: readiness waits armed and fired.
    auto [client, server] = pt::connected_pair(c);
    int exchanged = 0;
    auto ping_pong = [&exchanged](pr::tcp_stream& s, bool first) {
        return pt::poll_fn([&s, &exchanged, send = first]() mutable -> pf::poll_result<pf::unit> {
            char byte = 'x';
            for (;;) {
                if (send) {
                    PROTOKIT_TRY_READY(n, s.poll_write(std::span<char const>(&byte, 1)));
                    if (n != 1)
                        return pf::fail(make_error_code(protokit::error::invalid_frame));
                    send = false;
                }
                PROTOKIT_TRY_READY(n, s.poll_read(std::span<char>(&byte, 1)));
                if (n == 0)
                    return pf::ready();
                ++exchanged;
                send = true;
            }
        });
    };
    h.spawn(ping_pong(client, true));
    h.spawn(ping_pong(server, false));

    for (int i = 0; i < 50; ++i)
        c.turn(10ms);
    int const warm = exchanged;
    auto const allocations = pt::allocations_during([&] {
        for (int i = 0; i < 200; ++i)
            c.turn(10ms);
    });
    BOOST_TEST(allocations == 0u);
    BOOST_TEST(exchanged > warm + 10);
}

BOOST_AUTO_TEST_CASE(a_core_its_handles_and_remotes_share_one_id)
{
    pr::core a;
    pr::core b;
    BOOST_TEST((a.id() == a.get_handle().id()));
    BOOST_TEST((a.id() == a.get_remote().id()));
    BOOST_TEST((a.get_handle().remote().id() == a.id()));
    BOOST_TEST((a.id() != b.id()));
    BOOST_TEST((b.get_remote().id() != a.get_handle().id()));
}

BOOST_AUTO_TEST_CASE(a_remote_gives_a_handle_on_the_cores_thread_only)
{
    pr::core c;
    pr::remote r = c.get_remote();
    std::optional<pr::handle> here = r.handle();
    BOOST_TEST_REQUIRE(here.has_value());
    BOOST_TEST((here->id() == c.id()));
    int ran = 0;
    here->spawn(pf::lazy([&ran] {
        ++ran;
        return pf::ok();
    }));
    c.turn(0s);
    BOOST_TEST(ran == 1);

    bool elsewhere = true;
    std::thread other([&] { elsewhere = r.handle().has_value(); });
    other.join();
    BOOST_TEST(!elsewhere);
}

BOOST_AUTO_TEST_CASE(the_thread_that_runs_a_core_becomes_its_own)
{
    pr::core c;
    pr::remote r = c.get_remote();
    bool on_runner = false;
    std::thread runner([&] {
        c.turn(0s);
        on_runner = r.handle().has_value();
    });
    runner.join();
    BOOST_TEST(on_runner);
    BOOST_TEST(!r.handle().has_value());
    c.turn(0s);
    BOOST_TEST(r.handle().has_value());
}

#if PROTOKIT_TEST_FORKED_CHILDREN

#ifdef NDEBUG
constexpr bool debug_build = false;
#else
constexpr bool debug_build = true;
#endif

/// Checks that `body`, run in a child, is caught by a debug assertion naming `what`.
void check_caught_in_debug(std::function<void()> const& body, std::string const& what)
{
    auto out = pt::run_in_child(body);
    if (debug_build) {
        BOOST_TEST(out.aborted);
        BOOST_TEST(out.stderr_text.find(what) != std::string::npos, out.stderr_text);
        BOOST_TEST(out.stderr_text.find("thread other than") != std::string::npos);
    } else {
        // Release builds do not check: the child went on and exited.
        BOOST_TEST(!out.aborted);
        BOOST_TEST(out.exit_code == 0);
    }
}

BOOST_AUTO_TEST_CASE(a_handle_spawning_on_another_thread_is_caught_in_debug_builds)
{
    check_caught_in_debug(
        [] {
            pr::core c;
            pr::handle h = c.get_handle();
            std::thread other([h] { h.spawn(pf::ok()); });
            other.join();
        },
        "reactor::handle");
}

BOOST_AUTO_TEST_CASE(a_timeout_made_or_polled_on_another_thread_is_caught_in_debug_builds)
{
    check_caught_in_debug(
        [] {
            pr::core c;
            pr::handle h = c.get_handle();
            std::thread other([h] { pr::timeout t(h, 1s); });
            other.join();
        },
        "reactor::timeout");
    check_caught_in_debug(
        [] {
            pr::core c;
            pr::timeout t(c.get_handle(), 1s);
            std::thread other(
                [&t] { pf::spawn(std::move(t)).poll_future_notify(pf::noop_task().target(), 0); });
            other.join();
        },
        "reactor::timeout");
}

BOOST_AUTO_TEST_CASE(an_interval_polled_on_another_thread_is_caught_in_debug_builds)
{
    check_caught_in_debug(
        [] {
            pr::core c;
            pr::interval iv(c.get_handle(), 1s);
            std::thread other([&iv] {
                pf::spawn(std::move(iv)).poll_stream_notify(pf::noop_task().target(), 0);
            });
            other.join();
        },
        "reactor::interval");
}

BOOST_AUTO_TEST_CASE(used_on_the_thread_that_runs_the_core_is_not_caught)
{
    auto out = pt::run_in_child([] {
        pr::core c;
        std::thread runner([&c] {
            c.turn(std::chrono::seconds(0));
            pr::handle h = c.get_handle();
            pr::timeout t(h, 1s);
            h.spawn(pf::ok());
            c.turn(std::chrono::seconds(0));
            pf::spawn(std::move(t)).poll_future_notify(pf::noop_task().target(), 0);
        });
        runner.join();
    });
    BOOST_TEST(!out.aborted, out.stderr_text);
    BOOST_TEST(out.exit_code == 0);
}

#endif // PROTOKIT_TEST_FORKED_CHILDREN

BOOST_AUTO_TEST_SUITE_END()

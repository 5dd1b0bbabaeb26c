// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_CORE_HPP
#define PROTOKIT_REACTOR_CORE_HPP

#include <protokit/reactor/clock.hpp>
#include <protokit/reactor/detail/core_state.hpp>
#include <protokit/reactor/detail/handler_memory.hpp>

#include <protokit/future/concepts.hpp>
#include <protokit/future/task.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::reactor {

class core;
class handle;

/** Names one core (tokio-core's `CoreId`): from `core::id()`, `handle::id()`, `remote::id()`.

    Two ids are equal if and only if they name the same core, as long as
    that core's state is alive (a core, handle or remote holds it): an id
    outliving every one of them may compare equal to a later core's.
*/
class core_id {
public:
    friend bool operator==(core_id, core_id) noexcept = default;

private:
    friend class core;
    friend class handle;
    friend class remote;

    explicit core_id(void const* state) noexcept : state_(state) {}

    void const* state_;
};

namespace detail {
struct handle_access;
} // namespace detail

/** A thread-safe door into a core: spawn work on it from any thread.

    tokio-core's `Remote`. Copyable; keeps the core's shared state alive,
    not the core: once the core is gone, spawning drops the work.
*/
class remote {
public:
    /** Runs `f` as a task on the core's thread; its outcome is discarded.

        The future is moved to the core's thread, so it must be safe to
        move across threads (it must not yet be bound to this one).
    */
    template <future::Future F>
    void spawn(F f) const
    {
        state_->spawn_remote(detail::make_future_task(std::move(f)));
    }

    /** Calls `g(handle)` on the core's thread and runs the future it returns.

        For futures that must be made on the core's thread (a socket, a
        timer). `g` is moved to that thread.
    */
    template <class G>
    requires std::is_invocable_v<G&&, reactor::handle const&>
    void spawn_fn(G g) const;

    /// The core this remote reaches.
    core_id id() const noexcept { return core_id(state_.get()); }

    /** A handle to the core, if called on the core's thread (tokio-core's `Remote::handle`).

        For code given a remote that would rather spawn without crossing
        threads when it can: on the core's own thread (see `handle`) the
        handle is returned; anywhere else, nothing.
    */
    std::optional<reactor::handle> handle() const noexcept;

private:
    friend class core;
    friend class reactor::handle;

    explicit remote(boost::intrusive_ptr<detail::core_state> state) noexcept
        : state_(std::move(state))
    {
    }

    boost::intrusive_ptr<detail::core_state> state_;
};

/** A reference to a core, for use on the core's own thread.

    tokio-core's `Handle`: cheap to copy, and a copy may be handed to
    another thread, but its members (but `now` and `remote`) are used on
    the core's thread only: the one that made the core, or the one
    running it. Debug builds assert that they are, naming the handle. Use
    `remote` from other threads. I/O objects and timers are made from a
    handle. A handle may outlive its core; spawning on it then drops the
    future, and the other members must not be used.
*/
class handle {
public:
    /// Runs `f` as a task; it is first polled on the core's next turn, its outcome discarded.
    template <future::Future F>
    void spawn(F f) const
    {
        PROTOKIT_ASSERT_CORE_THREAD(*state_, "reactor::handle");
        state_->spawn(detail::make_future_task(std::move(f)));
    }

    /// Runs the future that `g()` returns when the task is first polled.
    template <class G>
    requires std::is_invocable_v<G&&>
    void spawn_fn(G g) const
    {
        PROTOKIT_ASSERT_CORE_THREAD(*state_, "reactor::handle");
        state_->spawn(detail::make_lazy_task(std::move(g)));
    }

    /// The io_context the core drives; I/O objects of this core are made on it.
    boost::asio::io_context& io_context() const noexcept { return state_->io(); }

    /// The core's current time (its clock's).
    time_point now() const noexcept { return state_->now(); }

    /// A thread-safe door to the same core.
    reactor::remote remote() const noexcept { return reactor::remote(state_); }

    /// The core this handle refers to.
    core_id id() const noexcept { return core_id(state_.get()); }

private:
    friend class core;
    friend class remote;
    friend struct detail::handle_access;

    explicit handle(boost::intrusive_ptr<detail::core_state> state) noexcept
        : state_(std::move(state))
    {
    }

    boost::intrusive_ptr<detail::core_state> state_;
};

/// Lets protokit's own reactor types reach a handle's core state.
struct detail::handle_access {
    /// The shared state of the core behind `h`.
    static boost::intrusive_ptr<core_state> const& state(handle const& h) noexcept
    {
        return h.state_;
    }
};

template <class G>
requires std::is_invocable_v<G&&, reactor::handle const&>
void remote::spawn_fn(G g) const
{
    auto make = [g = std::move(g), state = state_]() mutable {
        return std::invoke(std::move(g), reactor::handle(state));
    };
    state_->spawn_remote(detail::make_lazy_task(std::move(make)));
}

inline std::optional<handle> remote::handle() const noexcept
{
    if (!state_->on_core_thread())
        return std::nullopt;
    return reactor::handle(state_);
}

/** One thread's reactor: drives asio's I/O, the timers and the tasks.

    tokio-core's `Core`. It owns a `boost::asio::io_context` (concurrency
    hint 1) and an executor of tasks. A task is polled once when spawned
    and again only when notified; notifications are coalesced and never
    re-entrant (one that arrives during the task's own poll schedules one
    more poll after it). A notification from inside the core's turn (a
    task, an I/O handler, a timer) is a plain push onto the run queue; any
    other (another thread, or this one between turns) takes a lock and
    wakes the core with at most one posted handler. A task that completes,
    with a value or an error, is dropped at once. An exception thrown by a
    task's poll ends that task and is handed to the error handler; the core
    goes on.

    A core is used from one thread at a time: the one calling `run` or
    `turn`. I/O objects and timers made from it must be destroyed before it.
*/
class core {
public:
    /// A core on the steady clock.
    core();

    /// A core whose time is `clock`'s (tests); `clock` must outlive it.
    explicit core(manual_clock& clock);

    /// Drops every task (their destructors run here), then the io_context.
    ~core();

    core(core const&) = delete;
    core& operator=(core const&) = delete;

    /// A handle for spawning and making I/O objects on this thread.
    handle get_handle() const noexcept { return handle(state_); }

    /// A thread-safe door to this core.
    reactor::remote get_remote() const noexcept { return reactor::remote(state_); }

    /// This core's identity, as its handles and remotes report it.
    core_id id() const noexcept { return core_id(state_.get()); }

    /// The io_context this core drives.
    boost::asio::io_context& io_context() noexcept { return io_; }

    /// The current time of this core's clock.
    time_point now() const noexcept { return state_->now(); }

    /** Drives I/O, timers and tasks until `f` completes; returns its value or error.

        `f` is polled on this thread (not as a spawned task); an exception
        it throws propagates out of `run`. Spawned tasks keep running
        meanwhile and stay after `run` returns.
    */
    template <future::Future F>
    boost::system::result<typename F::item_type, typename F::error_type> run(F f);

    /** Runs one iteration of the reactor.

        Takes the work other threads handed over, runs the ready asio
        handlers, wakes the tasks of due timers and polls the tasks notified
        so far, once each. When none of that is ready it first waits for
        I/O (or a wake-up) for at most `max_wait` (forever if none).
    */
    void turn(std::optional<duration> max_wait = std::nullopt);

    /** Sets who is told when a task's poll throws.

        The task has been dropped by then. The default (also restored by an
        empty function) prints the exception to stderr.
    */
    void set_task_error_handler(std::function<void(std::exception_ptr)> handler);

    /// The number of spawned tasks that have not finished.
    std::size_t task_count() const noexcept { return state_->task_count(); }

    /// The number of task slots allocated; finished tasks' slots are reused.
    std::size_t task_capacity() const noexcept { return state_->task_capacity(); }

    /// The number of timers waiting for their deadline.
    std::size_t timer_count() const noexcept { return state_->timers().size(); }

private:
    struct timer_handler;

    /// Marks the core busy (in a turn, or polling `run`'s future) for its lifetime.
    class busy_scope {
    public:
        explicit busy_scope(bool& busy) noexcept : busy_(busy)
        {
            BOOST_ASSERT_MSG(!busy, "protokit: a core's run or turn called from inside the core");
            busy_ = true;
        }
        ~busy_scope() { busy_ = false; }
        busy_scope(busy_scope const&) = delete;
        busy_scope& operator=(busy_scope const&) = delete;

    private:
        bool& busy_;
    };

    void arm_timer();

    // Outlives io_, which may free the timer's pending operation into it.
    detail::handler_memory<192> timer_memory_;
    boost::asio::io_context io_{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    boost::asio::steady_timer timer_;
    std::optional<time_point> armed_;
    std::uint64_t arm_generation_ = 0;
    manual_clock* clock_;
    boost::intrusive_ptr<detail::core_state> state_;
    bool busy_ = false;
};

template <future::Future F>
boost::system::result<typename F::item_type, typename F::error_type> core::run(F f)
{
    using result_type = boost::system::result<typename F::item_type, typename F::error_type>;
    state_->claim_thread();
    future::task const main(state_, state_->begin_main());
    for (;;) {
        if (state_->take_main_notified()) {
            busy_scope busy(busy_);
            detail::running_scope running(*state_);
            future::task_scope scope(main);
            auto r = f.poll();
            if (r.is_ready())
                return result_type(boost::system::in_place_value, std::move(r).value());
            if (r.is_error())
                return result_type(boost::system::in_place_error, std::move(r).error());
        }
        turn(std::nullopt);
    }
}

} // namespace protokit::reactor

// Whoever holds a handle may put a deadline on a future: `f.timeout(h, d)`.
#include <protokit/reactor/timeout.hpp>

#endif

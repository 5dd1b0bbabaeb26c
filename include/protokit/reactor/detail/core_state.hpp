// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_DETAIL_CORE_STATE_HPP
#define PROTOKIT_REACTOR_DETAIL_CORE_STATE_HPP

#include <protokit/reactor/clock.hpp>
#include <protokit/reactor/detail/timer_heap.hpp>

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/small_box.hpp>
#include <protokit/future/task.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/assert.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::reactor::detail {

/// What the executor sees of a spawned task.
struct task_iface {
    virtual ~task_iface() = default;
    /// Polls the task once; true once it has finished (with a value or an error).
    virtual bool poll() = 0;
};

/// A spawned task, type-erased; small futures live in the box itself.
using task_box = future::detail::small_box<task_iface, 128>;

/// A spawned future; its outcome is discarded.
template <future::Future F>
class future_task final : public future::detail::boxable<task_iface> {
public:
    using interface_type = task_iface;

    explicit future_task(F f) : f_(std::move(f)) {}

    bool poll() override { return !f_.poll().is_not_ready(); }

    boxable<task_iface>* move_into(void* to) noexcept override
    {
        return future::detail::move_model_into(*this, to);
    }

private:
    F f_;
};

/// A task that makes its future with `g()` when first polled.
template <class G>
class lazy_task final : public future::detail::boxable<task_iface> {
public:
    using interface_type = task_iface;
    using future_type = std::invoke_result_t<G&&>;
    static_assert(future::Future<future_type>,
                  "protokit: spawn_fn needs a function returning a Future");

    explicit lazy_task(G g) : g_(std::move(g)) {}

    bool poll() override
    {
        if (g_) {
            future_.emplace(std::invoke(std::move(*g_)));
            g_.reset();
        }
        return !future_->poll().is_not_ready();
    }

    boxable<task_iface>* move_into(void* to) noexcept override
    {
        return future::detail::move_model_into(*this, to);
    }

private:
    std::optional<G> g_;
    std::optional<future_type> future_;
};

/// Boxes a future as a task.
template <future::Future F>
task_box make_future_task(F f)
{
    return task_box::make<future_task<F>>(std::move(f));
}

/// Boxes a future factory as a task.
template <class G>
task_box make_lazy_task(G g)
{
    return task_box::make<lazy_task<G>>(std::move(g));
}

/** The part of a core that tasks, handles and timers point to.

    It is the notify target of every task the core runs: a task's id holds
    its slot and the slot's generation, so notifying a finished task (whose
    slot moved on) does nothing. It outlives the core while handles or
    tasks refer to it; once the core is gone (`shutdown`), spawning and
    notifying do nothing. Members marked "core thread" may be used only on
    the thread that runs the core.
*/
class core_state final : public future::notify_target {
public:
    core_state(boost::asio::io_context& io, manual_clock* clock);
    ~core_state() override;

    core_state(core_state const&) = delete;
    core_state& operator=(core_state const&) = delete;

    /// Schedules a poll of task `id`; from any thread.
    void notify(std::uint64_t id) noexcept override;

    /// Hands a task over to be spawned on the core's thread; from any thread.
    void spawn_remote(task_box box);

    /// Makes the core's next turn (or the one it is blocked in) run; from any thread.
    void wake() noexcept;

    /// The core's time; from any thread.
    time_point now() const noexcept
    {
        return clock_ != nullptr ? clock_->now() : clock_type::now();
    }

    /// True if the clock is a manual one.
    bool has_manual_clock() const noexcept { return clock_ != nullptr; }

    /** Makes the calling thread the core's own: the one that made it, then the one running it.

        `run` and `turn` claim the thread they run on, so that a core made on
        one thread may be handed to another before it runs.
    */
    void claim_thread() noexcept
    {
        owner_.store(std::this_thread::get_id(), std::memory_order_relaxed);
    }

    /// True on the core's own thread (see `claim_thread`); from any thread.
    bool on_core_thread() const noexcept
    {
        return owner_.load(std::memory_order_relaxed) == std::this_thread::get_id();
    }

    /// The core's io_context (core thread; the core must still exist).
    boost::asio::io_context& io() const noexcept
    {
        BOOST_ASSERT_MSG(io_ != nullptr, "protokit: the core is gone");
        return *io_;
    }

    /// Adds a task, to be polled on the next turn (core thread).
    void spawn(task_box box);

    /// Starts a `run`: returns the id of its future, marked to be polled (core thread).
    std::uint64_t begin_main() noexcept;

    /// True (once) if `run`'s future was notified since this was last asked (core thread).
    bool take_main_notified() noexcept { return std::exchange(main_notified_, false); }

    /// True if a turn has work without waiting for I/O (core thread).
    bool has_work(time_point now) const noexcept;

    /// Takes the notifications and tasks that other threads handed over (core thread).
    void drain_remote();

    /// Wakes the tasks of the timers due at `now` (core thread).
    void fire_timers(time_point now) noexcept { timers_.fire_due(now); }

    /// Polls every task notified before this call, once each (core thread).
    void poll_tasks();

    /// The core's timers (core thread).
    timer_heap& timers() noexcept { return timers_; }

    /// Sets who is told of an exception thrown by a task (core thread).
    void set_error_handler(std::function<void(std::exception_ptr)> handler);

    /// The number of live tasks (core thread).
    std::size_t task_count() const noexcept { return live_; }

    /// The number of task slots the core has allocated (core thread).
    std::size_t task_capacity() const noexcept { return slots_.size(); }

    /// Drops every task and stops accepting work: the core is going away (core thread).
    void shutdown() noexcept;

private:
    static constexpr std::uint32_t npos = UINT32_MAX;

    enum class slot_state : std::uint8_t { free, idle, queued, running, running_notified };

    struct slot {
        task_box box;
        std::uint32_t generation = 1;
        std::uint32_t next_free = npos;
        slot_state state = slot_state::free;
    };

    static std::uint64_t make_id(std::uint32_t index, std::uint32_t generation) noexcept
    {
        return (std::uint64_t{generation} << 32) | index;
    }

    void schedule(std::uint64_t id) noexcept;
    void remote_notify(std::uint64_t id) noexcept;
    void post_wake_locked() noexcept;
    std::uint32_t acquire_slot();
    void poll_one(std::uint32_t index);
    void release(std::uint32_t index) noexcept;
    void report(std::exception_ptr e);

    // Core thread.
    boost::asio::io_context* io_;
    manual_clock* clock_;
    std::deque<slot> slots_;
    std::uint32_t free_ = npos;
    std::size_t live_ = 0;
    std::vector<std::uint32_t> run_queue_;
    std::vector<std::uint32_t> polling_;
    std::uint32_t main_generation_ = 0;
    bool main_notified_ = false;
    bool closing_ = false;
    timer_heap timers_;
    std::function<void(std::exception_ptr)> on_error_;
    std::vector<std::uint64_t> draining_ids_;
    std::vector<task_box> draining_spawns_;

    // Any thread, under mutex_.
    std::mutex mutex_;
    bool open_ = true;
    std::vector<std::uint64_t> remote_ids_;
    std::vector<task_box> remote_spawns_;
    std::atomic<bool> wake_pending_{false};

    // Any thread.
    std::atomic<std::thread::id> owner_{std::this_thread::get_id()};
};

/** Asserts, in debug builds, that `state`'s core is used on its own thread.

    `what` names the object (a string literal, "reactor::timeout"), so that
    the message says which one was used on another thread.
*/
#define PROTOKIT_ASSERT_CORE_THREAD(state, what)                                                   \
    BOOST_ASSERT_MSG((state).on_core_thread(),                                                     \
                     "protokit: a " what " was used on a thread other than its core's")

/// The core whose turn runs on this thread, if any.
inline core_state*& running_core() noexcept
{
    thread_local core_state* current = nullptr;
    return current;
}

/// Marks `state` as the core running on this thread, for the guard's lifetime.
class running_scope {
public:
    explicit running_scope(core_state& state) noexcept : previous_(running_core())
    {
        running_core() = &state;
    }
    ~running_scope() { running_core() = previous_; }
    running_scope(running_scope const&) = delete;
    running_scope& operator=(running_scope const&) = delete;

private:
    core_state* previous_;
};

} // namespace protokit::reactor::detail

#endif

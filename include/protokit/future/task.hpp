// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_TASK_HPP
#define PROTOKIT_FUTURE_TASK_HPP

#include <boost/assert.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>

namespace protokit::future {

/** Something that can be told that a task, or a part of one, may make progress.

    futures-rs 0.1's `Notify`. An executor, a thread parked in `wait`, or a
    set of futures that re-polls only its notified members implements it.
    `notify(id)` may be called from any thread, any number of times, even
    while the task is being polled: the implementation coalesces calls and
    never polls re-entrantly.
*/
class notify_target
    : public boost::intrusive_ref_counter<notify_target, boost::thread_safe_counter> {
public:
    virtual ~notify_target() = default;

    /// Schedules one more poll of the task (or member) named by `id`.
    virtual void notify(std::uint64_t id) noexcept = 0;
};

/// A counted reference to a notify target.
using notify_handle = boost::intrusive_ptr<notify_target>;

/** A handle to the task being polled, to wake it later.

    Cheap to copy (one atomic increment), callable from any thread.
    Notifying a task that has finished, or whose executor is gone, does
    nothing.
*/
class task {
public:
    task(notify_handle target, std::uint64_t id) noexcept : target_(std::move(target)), id_(id) {}

    /// Schedules one more poll of this task.
    void notify() const noexcept { target_->notify(id_); }

    /// True if notifying this handle wakes the same task as `other`.
    bool will_notify(task const& other) const noexcept
    {
        return target_ == other.target_ && id_ == other.id_;
    }

    notify_target* target() const noexcept { return target_.get(); }
    std::uint64_t id() const noexcept { return id_; }

private:
    notify_handle target_;
    std::uint64_t id_;
};

namespace detail {

inline task const*& current_task_slot() noexcept
{
    thread_local task const* current = nullptr;
    return current;
}

} // namespace detail

/// True while a task is being polled on this thread.
inline bool in_task() noexcept
{
    return detail::current_task_slot() != nullptr;
}

/** The task being polled on this thread.

    Polling a future, stream or sink outside of a task is a programming
    error: there would be nobody to notify. It throws `std::logic_error`.
*/
inline task const& current_task()
{
    task const* t = detail::current_task_slot();
    if (t == nullptr)
        throw std::logic_error("protokit: polled outside of a task");
    return *t;
}

namespace detail {

/// The target of `noop_task`: notifications go nowhere.
class noop_target final : public notify_target {
public:
    void notify(std::uint64_t) noexcept override {}
};

} // namespace detail

/** A task that nothing polls: notifying it does nothing.

    For a first look at a future that is often ready at once (a computed
    response): poll it under `noop_task()` (with a `task_scope`), and if it
    is not ready, hand it to something that polls it again under a real
    task, whose registrations replace the ones the first poll made. A
    future left waiting on the no-op task alone is never woken.
*/
inline task const& noop_task()
{
    static task const t(notify_handle(new detail::noop_target), 0);
    return t;
}

/// Makes `t` the current task for the lifetime of this guard.
class task_scope {
public:
    explicit task_scope(task const& t) noexcept : previous_(detail::current_task_slot())
    {
        detail::current_task_slot() = &t;
    }
    ~task_scope() { detail::current_task_slot() = previous_; }
    task_scope(task_scope const&) = delete;
    task_scope& operator=(task_scope const&) = delete;

private:
    task const* previous_;
};

/** Keeps the task registered for one direction of readiness.

    Stores the current task, without copying the handle again when the same
    task registers twice (the steady state of a connection), and wakes it on
    `notify()`. An I/O object or channel holds one per direction.
*/
class task_slot {
public:
    /// Remembers the current task, to be woken by `notify()`.
    void register_current()
    {
        task const& t = current_task();
        if (!task_ || !task_->will_notify(t))
            task_.emplace(t);
    }

    /// Wakes the registered task, if any; it stays registered.
    void notify() const noexcept
    {
        if (task_)
            task_->notify();
    }

    /// Wakes the registered task, if any, and forgets it.
    void take_and_notify() noexcept
    {
        if (task_) {
            task t = std::move(*task_);
            task_.reset();
            t.notify();
        }
    }

    bool is_registered() const noexcept { return task_.has_value(); }
    void reset() noexcept { task_.reset(); }

private:
    std::optional<task> task_;
};

} // namespace protokit::future

#endif

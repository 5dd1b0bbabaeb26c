// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_CHANNEL_POLICY_HPP
#define PROTOKIT_FUTURE_DETAIL_CHANNEL_POLICY_HPP

#include <protokit/future/task.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace protokit::future::detail {

/// A mutex that does nothing, for channels used on one thread only.
struct null_mutex {
    void lock() noexcept {}
    void unlock() noexcept {}
};

/** The channels of `protokit::future::sync`: one mutex per channel, atomic counts.

    A bounded mpsc channel gives each sender a slot of its own, as
    futures 0.1's `sync::mpsc` does: it holds its buffer plus one item per
    sender.
*/
struct thread_safe_policy {
    using mutex_type = std::mutex;
    using counter_type = boost::thread_safe_counter;
    static constexpr bool slot_per_sender = true;
};

/** The channels of `protokit::future::unsync`: no mutex, no atomic count.

    A bounded mpsc channel holds exactly its buffer, as futures 0.1's
    `unsync::mpsc` does.
*/
struct single_thread_policy {
    using mutex_type = null_mutex;
    using counter_type = boost::thread_unsafe_counter;
    static constexpr bool slot_per_sender = false;
};

/// A freshly allocated, reference-counted `T`.
template <class T, class... Args>
boost::intrusive_ptr<T> make_counted(Args&&... args)
{
    return boost::intrusive_ptr<T>(std::make_unique<T>(std::forward<Args>(args)...).release());
}

/** The task waiting on one side of a channel.

    Unlike `task_slot`, the task can be taken out while the channel's lock
    is held and notified after it is released, so that no notification
    runs under the lock.
*/
class waiter {
public:
    /// Remembers the current task; copies the handle only if another task registers.
    void register_current()
    {
        task const& t = current_task();
        if (!task_ || !task_->will_notify(t))
            task_.emplace(t);
    }

    /// The registered task, forgotten here.
    std::optional<task> take() noexcept
    {
        std::optional<task> t = std::move(task_);
        task_.reset();
        return t;
    }

    void reset() noexcept { task_.reset(); }

private:
    std::optional<task> task_;
};

/// Notifies `t` if it holds a task.
inline void notify(std::optional<task> const& t) noexcept
{
    if (t)
        t->notify();
}

} // namespace protokit::future::detail

#endif

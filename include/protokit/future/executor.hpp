// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_EXECUTOR_HPP
#define PROTOKIT_FUTURE_EXECUTOR_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/task.hpp>

#include <boost/system/result.hpp>

#include <concepts>
#include <condition_variable>
#include <mutex>
#include <utility>

namespace protokit::future {

/** A future, stream or sink polled by hand, as the task named by a notify target and id.

    futures-rs 0.1's `Spawn`: the building block of executors and of tests,
    which poll with a notify target that counts the notifications.
*/
template <class T>
class spawned {
public:
    explicit spawned(T inner) : inner_(std::move(inner)) {}

    /// Polls the future as the task (`target`, `id`).
    auto poll_future_notify(notify_handle const& target, std::uint64_t id) requires Future<T>
    {
        task t(target, id);
        task_scope scope(t);
        return inner_.poll();
    }

    /// Polls the stream as the task (`target`, `id`).
    auto poll_stream_notify(notify_handle const& target, std::uint64_t id) requires Stream<T>
    {
        task t(target, id);
        task_scope scope(t);
        return inner_.poll_next();
    }

    /// Offers an item to the sink as the task (`target`, `id`).
    template <class Item>
    requires Sink<T>
    auto start_send_notify(Item item, notify_handle const& target, std::uint64_t id)
    {
        task t(target, id);
        task_scope scope(t);
        return inner_.start_send(std::move(item));
    }

    /// Flushes the sink as the task (`target`, `id`).
    auto poll_complete_notify(notify_handle const& target, std::uint64_t id) requires Sink<T>
    {
        task t(target, id);
        task_scope scope(t);
        return inner_.poll_complete();
    }

    /// Closes the sink as the task (`target`, `id`).
    auto close_notify(notify_handle const& target, std::uint64_t id) requires Sink<T>
    {
        task t(target, id);
        task_scope scope(t);
        return inner_.close();
    }

    T& get_ref() noexcept { return inner_; }
    T into_inner() && { return std::move(inner_); }

private:
    T inner_;
};

/// Wraps a future, stream or sink to be polled by hand.
template <class T>
spawned<T> spawn(T inner)
{
    return spawned<T>(std::move(inner));
}

namespace detail {

/// A future that stands for "any future" when checking `Executor`.
struct executor_probe_future {
    using item_type = unit;
    using error_type = error_code;

    poll_result<unit> poll() { return not_ready; }
};

} // namespace detail

/** Something that runs futures as tasks: `e.spawn(f)`, its outcome discarded.

    futures-rs 0.1's `Executor`. A core's `reactor::handle` (on the core's
    thread) and `reactor::remote` (from any thread) are executors; so is a
    test's own. Servers, `bind_*` and `oneshot::spawn` take one.
*/
template <class E>
concept Executor = std::copy_constructible<E> &&
    requires(E const& e, detail::executor_probe_future f)
{
    e.spawn(std::move(f));
};

namespace detail {

/// Wakes a thread blocked in `wait`.
class thread_notify final : public notify_target {
public:
    void notify(std::uint64_t) noexcept override
    {
        {
            std::lock_guard lock(mutex_);
            notified_ = true;
        }
        cv_.notify_one();
    }

    void park()
    {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return notified_; });
        notified_ = false;
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool notified_ = false;
};

} // namespace detail

/** Blocks this thread until the future completes; returns its value or error.

    Never call it on a reactor's thread: the reactor would stop while the
    thread waits, and nothing would wake it.
*/
template <Future F>
boost::system::result<typename F::item_type, typename F::error_type> wait(F f)
{
    using result_type = boost::system::result<typename F::item_type, typename F::error_type>;
    boost::intrusive_ptr<detail::thread_notify> parker(new detail::thread_notify);
    task t(parker, 0);
    for (;;) {
        {
            task_scope scope(t);
            auto r = f.poll();
            if (r.is_ready())
                return result_type(boost::system::in_place_value, std::move(r).value());
            if (r.is_error())
                return result_type(boost::system::in_place_error, std::move(r).error());
        }
        parker->park();
    }
}

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_TEST_STREAM_HPP
#define PROTOKIT_TEST_SUPPORT_TEST_STREAM_HPP

// Hand-made futures, streams and sinks that tests drive step by step: each
// has a handle through which the test completes it, feeds it, drains it,
// and counts how often it was polled. All are thread-safe, so that a test
// may drive them from another thread.

#include <protokit/future/executor.hpp>
#include <protokit/future/future_facade.hpp>

#include "test_error.hpp"
#include <protokit/future/stream_facade.hpp>

#include <boost/system/result.hpp>

#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <ranges>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::test {

/// Describes a value for a test's comparison: numbers, strings, containers, pairs, optionals.
template <class T>
std::string describe(T const& v);

namespace detail {

template <class T>
void describe_into(std::ostream& os, T const& v)
{
    if constexpr (std::is_same_v<T, future::unit>) {
        os << "()";
    } else if constexpr (std::is_same_v<T, future::error_code>) {
        os << v.value();
    } else if constexpr (std::is_same_v<T, std::string> || std::is_arithmetic_v<T>) {
        os << v;
    } else if constexpr (requires {
                             v.first;
                             v.second;
                         }) {
        os << '(' << describe(v.first) << ',' << describe(v.second) << ')';
    } else if constexpr (requires {
                             v.has_value();
                             *v;
                         }) {
        os << (v.has_value() ? describe(*v) : std::string("none"));
    } else if constexpr (!requires {
                             std::ranges::begin(v);
                             std::ranges::end(v);
                         }) {
        os << "<value>";
    } else {
        os << '[';
        bool first = true;
        for (auto const& e : v) {
            os << (first ? "" : ",") << describe(e);
            first = false;
        }
        os << ']';
    }
}

} // namespace detail

template <class T>
std::string describe(T const& v)
{
    std::ostringstream os;
    detail::describe_into(os, v);
    return os.str();
}

/// Describes a stream poll: "item 3", "end", "not ready" or "error 5".
template <class T, class E>
std::string next(future::poll_result<std::optional<T>, E> const& r)
{
    if (r.is_not_ready())
        return "not ready";
    if (r.is_error())
        return "error " + describe(r.error());
    if (!r.value())
        return "end";
    return "item " + describe(*r.value());
}

/// Describes a future poll: "ready 3", "not ready" or "error 5".
template <class T, class E>
std::string outcome(future::poll_result<T, E> const& r)
{
    if (r.is_not_ready())
        return "not ready";
    if (r.is_error())
        return "error " + describe(r.error());
    return "ready " + describe(r.value());
}

/// Polls a spawned stream as task (`n`, `id`) until it is not ready or ends, or `limit` polls;
/// describes each poll.
template <class S, class N>
std::vector<std::string> drain(future::spawned<S>& s, N const& n, int limit = 100,
                               std::uint64_t id = 0)
{
    std::vector<std::string> out;
    for (int i = 0; i != limit; ++i) {
        auto r = s.poll_stream_notify(n, id);
        out.push_back(next(r));
        if (r.is_not_ready() || (r.is_ready() && !r.value()))
            break;
    }
    return out;
}

namespace detail {

/// Remembers the task that waits, and wakes it outside the lock.
struct waiter_slot {
    std::optional<future::task> task;

    void register_current() { task.emplace(future::current_task()); }

    std::optional<future::task> take() noexcept
    {
        std::optional<future::task> t;
        t.swap(task);
        return t;
    }
};

inline void wake(std::optional<future::task> t) noexcept
{
    if (t)
        t->notify();
}

template <class T, class E>
struct future_state {
    std::mutex mutex;
    std::optional<future::poll_result<T, E>> outcome;
    waiter_slot waiter;
    int polls = 0;
};

template <class T, class E>
struct stream_state {
    std::mutex mutex;
    std::deque<future::stream_poll_result<T, E>> queue;
    bool ended = false;
    waiter_slot waiter;
    int polls = 0;
};

template <class T, class E>
struct sink_state {
    std::mutex mutex;
    std::size_t capacity = 1;
    std::deque<T> buffer;
    std::vector<T> received;
    std::optional<E> error;
    bool closed = false;
    waiter_slot waiter;
    int start_sends = 0;
    int not_ready_sends = 0;
};

} // namespace detail

/// A future that stays not ready until its handle completes it.
template <class T, class E = future::error_code>
class held_future : public future::future_facade<held_future<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    explicit held_future(std::shared_ptr<detail::future_state<T, E>> s) : s_(std::move(s)) {}

    future::poll_result<T, E> poll()
    {
        std::lock_guard lock(s_->mutex);
        ++s_->polls;
        if (s_->outcome) {
            future::poll_result<T, E> r = std::move(*s_->outcome);
            s_->outcome.reset();
            return r;
        }
        s_->waiter.register_current();
        return future::not_ready;
    }

private:
    std::shared_ptr<detail::future_state<T, E>> s_;
};

/// Completes a `held_future` and counts its polls.
template <class T, class E = future::error_code>
class held_future_handle {
public:
    explicit held_future_handle(std::shared_ptr<detail::future_state<T, E>> s) : s_(std::move(s)) {}

    /// Makes the future ready with `v` and wakes its task.
    void set_value(T v) { set(future::ready(std::move(v))); }

    /// Makes the future fail with `e` and wakes its task.
    void set_error(E e) { set(future::fail(std::move(e))); }

    /// Wakes the future's task without completing it.
    void notify()
    {
        std::optional<future::task> t;
        {
            std::lock_guard lock(s_->mutex);
            if (s_->waiter.task)
                t = *s_->waiter.task;
        }
        detail::wake(std::move(t));
    }

    /// How many times the future was polled.
    int polls() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->polls;
    }

    /// True if a task waits for the future.
    bool is_registered() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->waiter.task.has_value();
    }

private:
    void set(future::poll_result<T, E> r)
    {
        std::optional<future::task> t;
        {
            std::lock_guard lock(s_->mutex);
            s_->outcome.emplace(std::move(r));
            t = s_->waiter.take();
        }
        detail::wake(std::move(t));
    }

    std::shared_ptr<detail::future_state<T, E>> s_;
};

/// A `held_future` and its handle.
template <class T, class E = future::error_code>
std::pair<held_future<T, E>, held_future_handle<T, E>> make_held_future()
{
    auto s = std::make_shared<detail::future_state<T, E>>();
    return {held_future<T, E>(s), held_future_handle<T, E>(s)};
}

/// A stream of what its handle sends it; not ready while it has nothing.
template <class T, class E = future::error_code>
class test_stream : public future::stream_facade<test_stream<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    explicit test_stream(std::shared_ptr<detail::stream_state<T, E>> s) : s_(std::move(s)) {}

    future::stream_poll_result<T, E> poll_next()
    {
        std::lock_guard lock(s_->mutex);
        ++s_->polls;
        if (!s_->queue.empty()) {
            future::stream_poll_result<T, E> r = std::move(s_->queue.front());
            s_->queue.pop_front();
            return r;
        }
        if (s_->ended)
            return future::end_of_stream;
        s_->waiter.register_current();
        return future::not_ready;
    }

private:
    std::shared_ptr<detail::stream_state<T, E>> s_;
};

/// Feeds a `test_stream` and counts its polls.
template <class T, class E = future::error_code>
class test_stream_handle {
public:
    explicit test_stream_handle(std::shared_ptr<detail::stream_state<T, E>> s) : s_(std::move(s)) {}

    /// Queues an item and wakes the stream's task.
    void send(T v) { push(future::ready(std::optional<T>(std::move(v)))); }

    /// Queues an error and wakes the stream's task.
    void send_error(E e) { push(future::fail(std::move(e))); }

    /// Ends the stream after what is queued, and wakes its task.
    void end()
    {
        std::optional<future::task> t;
        {
            std::lock_guard lock(s_->mutex);
            s_->ended = true;
            t = s_->waiter.take();
        }
        detail::wake(std::move(t));
    }

    /// How many times the stream was polled.
    int polls() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->polls;
    }

    /// True if a task waits for the stream.
    bool is_registered() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->waiter.task.has_value();
    }

private:
    void push(future::stream_poll_result<T, E> r)
    {
        std::optional<future::task> t;
        {
            std::lock_guard lock(s_->mutex);
            s_->queue.push_back(std::move(r));
            t = s_->waiter.take();
        }
        detail::wake(std::move(t));
    }

    std::shared_ptr<detail::stream_state<T, E>> s_;
};

/// A `test_stream` and its handle.
template <class T, class E = future::error_code>
std::pair<test_stream<T, E>, test_stream_handle<T, E>> make_test_stream()
{
    auto s = std::make_shared<detail::stream_state<T, E>>();
    return {test_stream<T, E>(s), test_stream_handle<T, E>(s)};
}

/** A sink with a buffer of `capacity` items that only its handle drains.

    `start_send` hands the item back while the buffer is full;
    `poll_complete` and `close` are not ready while it holds anything. The
    handle's `release()` moves the buffer to the received items and wakes
    the sink's task: the test decides when the sink makes progress.
*/
template <class T, class E = future::error_code>
class gated_sink {
public:
    using sink_item_type = T;
    using sink_error_type = E;

    explicit gated_sink(std::shared_ptr<detail::sink_state<T, E>> s) : s_(std::move(s)) {}

    future::start_send_result<T, E> start_send(T&& item)
    {
        std::lock_guard lock(s_->mutex);
        ++s_->start_sends;
        if (s_->error)
            return future::fail(*s_->error);
        if (s_->buffer.size() >= s_->capacity) {
            ++s_->not_ready_sends;
            s_->waiter.register_current();
            return future::not_ready_with(std::move(item));
        }
        s_->buffer.push_back(std::move(item));
        return future::accepted;
    }

    future::poll_result<future::unit, E> poll_complete()
    {
        std::lock_guard lock(s_->mutex);
        return flushed_locked();
    }

    future::poll_result<future::unit, E> close()
    {
        std::lock_guard lock(s_->mutex);
        auto r = flushed_locked();
        if (r.is_ready())
            s_->closed = true;
        return r;
    }

private:
    future::poll_result<future::unit, E> flushed_locked()
    {
        if (s_->error)
            return future::fail(*s_->error);
        if (s_->buffer.empty())
            return future::ready();
        s_->waiter.register_current();
        return future::not_ready;
    }

    std::shared_ptr<detail::sink_state<T, E>> s_;
};

/// Drains a `gated_sink` and shows what it received.
template <class T, class E = future::error_code>
class gated_sink_handle {
public:
    explicit gated_sink_handle(std::shared_ptr<detail::sink_state<T, E>> s) : s_(std::move(s)) {}

    /// Moves the buffered items to the received ones and wakes the sink's task.
    void release()
    {
        std::optional<future::task> t;
        {
            std::lock_guard lock(s_->mutex);
            for (auto& v : s_->buffer)
                s_->received.push_back(std::move(v));
            s_->buffer.clear();
            t = s_->waiter.take();
        }
        detail::wake(std::move(t));
    }

    /// Makes every later call of the sink fail with `e`.
    void set_error(E e)
    {
        std::optional<future::task> t;
        {
            std::lock_guard lock(s_->mutex);
            s_->error.emplace(std::move(e));
            t = s_->waiter.take();
        }
        detail::wake(std::move(t));
    }

    /// The items released so far.
    std::vector<T> received() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->received;
    }

    /// The number of items accepted and not released yet.
    std::size_t buffered() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->buffer.size();
    }

    /// True once `close` has completed.
    bool closed() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->closed;
    }

    /// How many times `start_send` handed an item back.
    int not_ready_sends() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->not_ready_sends;
    }

private:
    std::shared_ptr<detail::sink_state<T, E>> s_;
};

/// A `gated_sink` with room for `capacity` items, and its handle.
template <class T, class E = future::error_code>
std::pair<gated_sink<T, E>, gated_sink_handle<T, E>> make_gated_sink(std::size_t capacity)
{
    auto s = std::make_shared<detail::sink_state<T, E>>();
    s->capacity = capacity;
    return {gated_sink<T, E>(s), gated_sink_handle<T, E>(s)};
}

namespace detail {

/// Wakes a thread blocked in `wait_bounded`.
class deadline_notify final : public future::notify_target {
public:
    void notify(std::uint64_t) noexcept override
    {
        {
            std::lock_guard lock(mutex_);
            notified_ = true;
        }
        cv_.notify_one();
    }

    /// Waits for a notification until `deadline`; false if none came.
    bool park_until(std::chrono::steady_clock::time_point deadline)
    {
        std::unique_lock lock(mutex_);
        bool const woken = cv_.wait_until(lock, deadline, [this] { return notified_; });
        notified_ = false;
        return woken;
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool notified_ = false;
};

} // namespace detail

/** Blocks this thread on `f` as `future::wait` does, but for `timeout` at most.

    Returns the future's outcome, or `std::nullopt` if it did not complete
    in time (so that a test fails instead of hanging).
*/
template <future::Future F>
std::optional<boost::system::result<typename F::item_type, typename F::error_type>>
wait_bounded(F f, std::chrono::milliseconds timeout)
{
    using result_type = boost::system::result<typename F::item_type, typename F::error_type>;
    boost::intrusive_ptr<detail::deadline_notify> parker(
        std::make_unique<detail::deadline_notify>().release());
    future::task t(parker, 0);
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        {
            future::task_scope scope(t);
            auto r = f.poll();
            if (r.is_ready())
                return result_type(boost::system::in_place_value, std::move(r).value());
            if (r.is_error())
                return result_type(boost::system::in_place_error, std::move(r).error());
        }
        if (!parker->park_until(deadline))
            return std::nullopt;
    }
}

} // namespace protokit::test

#endif

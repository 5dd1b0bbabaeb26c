// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_TEST_SINK_HPP
#define PROTOKIT_TEST_SUPPORT_TEST_SINK_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/future/task.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

namespace protokit::test {

/** What a test sees and steers of a `test_sink`, shared with the sink.

    The sink accepts items while it has credit, and flushes only while
    `flush_open`; otherwise it registers the task and is not ready, and
    `give` / `open_flush` notify that task. Errors can be injected.
*/
template <class T>
struct test_sink_control {
    std::vector<T> accepted;
    std::vector<T> flushed;
    std::size_t credit = std::numeric_limits<std::size_t>::max();
    bool flush_open = true;
    bool closed = false;
    int start_sends = 0;
    int flushes = 0;
    int closes = 0;
    std::optional<future::error_code> send_error;
    std::optional<future::error_code> flush_error;
    future::task_slot task;

    /// Allows `n` more items and wakes the waiting task.
    void give(std::size_t n)
    {
        credit += n;
        task.take_and_notify();
    }

    /// Lets `poll_complete` finish and wakes the waiting task.
    void open_flush()
    {
        flush_open = true;
        task.take_and_notify();
    }
};

/// A Sink of `T` that pushes back where the test says (see `test_sink_control`).
template <class T>
class test_sink : public future::sink_facade<test_sink<T>> {
public:
    using sink_item_type = T;
    using sink_error_type = future::error_code;

    explicit test_sink(std::shared_ptr<test_sink_control<T>> c) : c_(std::move(c)) {}

    future::start_send_result<T> start_send(T item)
    {
        ++c_->start_sends;
        if (c_->send_error)
            return future::fail(*c_->send_error);
        if (c_->credit == 0) {
            c_->task.register_current();
            return future::not_ready_with(std::move(item));
        }
        --c_->credit;
        c_->accepted.push_back(std::move(item));
        return future::accepted;
    }

    future::poll_result<future::unit> poll_complete()
    {
        ++c_->flushes;
        if (c_->flush_error)
            return future::fail(*c_->flush_error);
        if (!c_->flush_open) {
            c_->task.register_current();
            return future::not_ready;
        }
        for (auto& item : c_->accepted)
            c_->flushed.push_back(std::move(item));
        c_->accepted.clear();
        return future::ready();
    }

    future::poll_result<future::unit> close()
    {
        ++c_->closes;
        auto r = poll_complete();
        if (r.is_ready())
            c_->closed = true;
        return r;
    }

    test_sink_control<T>& control() noexcept { return *c_; }

private:
    std::shared_ptr<test_sink_control<T>> c_;
};

/// A test sink and its control: `auto [sink, ctl] = make_test_sink<int>();`.
template <class T>
std::pair<test_sink<T>, std::shared_ptr<test_sink_control<T>>> make_test_sink()
{
    auto c = std::make_shared<test_sink_control<T>>();
    return {test_sink<T>(c), c};
}

/// A scripted stream event: ends the stream.
struct stream_end {};

/** What a test feeds a `scripted_stream`: items, not-ready points, errors, the end.

    The stream plays the events in order; with none left it is not ready.
    A not-ready event or an empty script registers the task, which `push`
    and `end` notify.
*/
template <class T>
struct scripted_stream_control {
    std::deque<std::variant<T, future::not_ready_t, future::error_code, stream_end>> events;
    int polls = 0;
    future::task_slot task;

    void push(T item)
    {
        events.emplace_back(std::in_place_index<0>, std::move(item));
        task.take_and_notify();
    }
    void push_not_ready() { events.emplace_back(std::in_place_index<1>); }
    void push_error(future::error_code ec)
    {
        events.emplace_back(std::in_place_index<2>, ec);
        task.take_and_notify();
    }
    void end()
    {
        events.emplace_back(std::in_place_index<3>);
        task.take_and_notify();
    }
};

/// A Stream of `T` played from a script (see `scripted_stream_control`).
template <class T>
class scripted_stream : public future::stream_facade<scripted_stream<T>> {
public:
    using item_type = T;
    using error_type = future::error_code;

    explicit scripted_stream(std::shared_ptr<scripted_stream_control<T>> c) : c_(std::move(c)) {}

    future::stream_poll_result<T> poll_next()
    {
        ++c_->polls;
        if (c_->events.empty()) {
            c_->task.register_current();
            return future::not_ready;
        }
        auto e = std::move(c_->events.front());
        c_->events.pop_front();
        switch (e.index()) {
        case 0: return future::ready(std::optional<T>(std::move(std::get<0>(e))));
        case 1: c_->task.register_current(); return future::not_ready;
        case 2: return future::fail(std::get<2>(e));
        default:
            c_->events.emplace_front(std::in_place_index<3>);
            return future::ready(std::nullopt);
        }
    }

private:
    std::shared_ptr<scripted_stream_control<T>> c_;
};

/// A test stream and its control.
template <class T>
std::pair<scripted_stream<T>, std::shared_ptr<scripted_stream_control<T>>> make_scripted_stream()
{
    auto c = std::make_shared<scripted_stream_control<T>>();
    return {scripted_stream<T>(c), c};
}

/// A Stream that yields `from`, `from + 1`, ..., `to - 1`, always ready.
class range_stream : public future::stream_facade<range_stream> {
public:
    using item_type = int;
    using error_type = future::error_code;

    range_stream(int from, int to) : next_(from), end_(to) {}

    future::stream_poll_result<int> poll_next()
    {
        if (next_ == end_)
            return future::ready(std::nullopt);
        return future::ready(std::optional<int>(next_++));
    }

private:
    int next_;
    int end_;
};

/// A Stream that yields the given items, always ready.
template <class T>
class vector_stream : public future::stream_facade<vector_stream<T>> {
public:
    using item_type = T;
    using error_type = future::error_code;

    explicit vector_stream(std::vector<T> items) : items_(std::move(items)) {}

    future::stream_poll_result<T> poll_next()
    {
        if (next_ == items_.size())
            return future::ready(std::nullopt);
        return future::ready(std::optional<T>(std::move(items_[next_++])));
    }

private:
    std::vector<T> items_;
    std::size_t next_ = 0;
};

/** A Future that drains a Stream into a vector; ready at the stream's end.

    Stops with a failure after `limit` items, so that a broken stream
    cannot make a test loop forever.
*/
template <class S>
class collect_future : public future::future_facade<collect_future<S>> {
public:
    using item_type = std::vector<typename S::item_type>;
    using error_type = typename S::error_type;

    explicit collect_future(S stream, std::size_t limit = 1'000'000)
        : stream_(std::move(stream)), limit_(limit)
    {
    }

    future::poll_result<item_type, error_type> poll()
    {
        for (;;) {
            auto r = stream_.poll_next();
            if (r.is_not_ready())
                return future::not_ready;
            if (r.is_error())
                return future::fail(std::move(r).error());
            auto& item = r.value();
            if (!item)
                return future::ready(std::move(items_));
            if (items_.size() == limit_)
                return future::fail(
                    future::error_code(EOVERFLOW, boost::system::generic_category()));
            items_.push_back(std::move(*item));
        }
    }

    S& stream() noexcept { return stream_; }

private:
    S stream_;
    std::size_t limit_;
    item_type items_;
};

/// Drains `stream` into a vector.
template <class S>
collect_future<S> collect(S stream, std::size_t limit = 1'000'000)
{
    return collect_future<S>(std::move(stream), limit);
}

/// A Future that calls `f()` on each poll: futures-rs's `poll_fn`, for tests.
template <class T, class F>
class typed_poll_fn_future : public future::future_facade<typed_poll_fn_future<T, F>> {
public:
    using item_type = T;
    using error_type = future::error_code;

    explicit typed_poll_fn_future(F f) : f_(std::move(f)) {}

    future::poll_result<T> poll() { return f_(); }

private:
    F f_;
};

/// A Future of `T` whose poll is `f()`.
template <class T, class F>
typed_poll_fn_future<T, F> poll_fn(F f)
{
    return typed_poll_fn_future<T, F>(std::move(f));
}

/// Runs `f()` as the task (`n`, `id`): to poll a sink or a channel end by hand.
template <class F>
decltype(auto) in_task(future::notify_handle const& n, std::uint64_t id, F&& f)
{
    future::task t(n, id);
    future::task_scope scope(t);
    return std::forward<F>(f)();
}

/** A Future of `T` that is ready once its gate is opened; for functions that return futures.

    Polled while closed, it registers the task, which `open` notifies.
*/
struct gate {
    bool open_ = false;
    future::task_slot task;

    void open()
    {
        open_ = true;
        task.take_and_notify();
    }
};

template <class T>
class gated_future : public future::future_facade<gated_future<T>> {
public:
    using item_type = T;
    using error_type = future::error_code;

    gated_future(std::shared_ptr<gate> g, T value) : gate_(std::move(g)), value_(std::move(value))
    {
    }

    future::poll_result<T> poll()
    {
        if (!gate_->open_) {
            gate_->task.register_current();
            return future::not_ready;
        }
        return future::ready(std::move(value_));
    }

private:
    std::shared_ptr<gate> gate_;
    T value_;
};

/** Yields until `pred()` holds or `limit` has passed; whether it held.

    For a thread that must wait for another's progress (a first not-ready
    poll, say) before it acts.
*/
template <class P>
bool spin_until(P pred, std::chrono::steady_clock::duration limit = std::chrono::seconds(10))
{
    auto const end = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::yield();
    }
    return true;
}

/** Ends the test program with a failure if it is still alive `limit` after construction.

    Bounds in time a test whose threads block in `wait`: a lost
    notification fails the run loudly instead of hanging it.
*/
class watchdog {
public:
    watchdog(std::chrono::seconds limit, char const* what)
        : thread_([this, limit, what] {
              std::unique_lock lock(mutex_);
              if (!cv_.wait_for(lock, limit, [this] { return done_; })) {
                  // Not abort(): Boost.Test would catch SIGABRT on this thread
                  // and jump into the test thread's stack.
                  std::fflush(stdout);
                  std::fprintf(stderr, "watchdog: %s took longer than %llds\n", what,
                               static_cast<long long>(limit.count()));
                  std::fflush(stderr);
                  std::_Exit(EXIT_FAILURE);
              }
          })
    {
    }

    ~watchdog()
    {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        cv_.notify_one();
        thread_.join();
    }

    watchdog(watchdog const&) = delete;
    watchdog& operator=(watchdog const&) = delete;

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false;
    std::thread thread_;
};

} // namespace protokit::test

#endif

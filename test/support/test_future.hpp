// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_TEST_FUTURE_HPP
#define PROTOKIT_TEST_SUPPORT_TEST_FUTURE_HPP

#include <protokit/future/future_facade.hpp>

#include "test_error.hpp"
#include <protokit/future/task.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace protokit::test {

template <class T, class E>
struct test_future_state {
    std::mutex mutex;
    std::optional<future::poll_result<T, E>> outcome;
    future::task_slot waiter;
    std::atomic<int> polls{0};
    std::atomic<bool> dropped{false};
};

/** A future completed by hand through its `test_future_control`.

    Not ready (registering the current task) until the control sets its
    outcome; counts its polls and tells whether it was dropped.
    Thread-safe, for tests of futures polled on other threads.
*/
template <class T = int, class E = future::error_code>
class test_future : public future::future_facade<test_future<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    explicit test_future(std::shared_ptr<test_future_state<T, E>> s) : s_(std::move(s)) {}
    test_future(test_future&&) noexcept = default;
    test_future& operator=(test_future&&) = delete;

    ~test_future()
    {
        if (s_)
            s_->dropped = true;
    }

    future::poll_result<T, E> poll()
    {
        std::lock_guard lock(s_->mutex);
        ++s_->polls;
        if (s_->outcome) {
            auto r = std::move(*s_->outcome);
            s_->outcome.reset();
            return r;
        }
        s_->waiter.register_current();
        return future::not_ready;
    }

private:
    std::shared_ptr<test_future_state<T, E>> s_;
};

/// The remote control of a `test_future`.
template <class T = int, class E = future::error_code>
class test_future_control {
public:
    explicit test_future_control(std::shared_ptr<test_future_state<T, E>> s) : s_(std::move(s)) {}

    /// Makes the future ready with `value` and notifies its task, if registered.
    void set_ready(T value) { complete(future::ready(std::move(value))); }

    /// Makes the future fail with `error` and notifies its task, if registered.
    void set_error(E error) { complete(future::fail(std::move(error))); }

    /// Notifies the registered task without completing the future.
    void notify() { s_->waiter.notify(); }

    int polls() const noexcept { return s_->polls.load(); }
    bool is_registered() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->waiter.is_registered();
    }
    bool is_dropped() const noexcept { return s_->dropped.load(); }

private:
    template <class R>
    void complete(R&& r)
    {
        future::task_slot waiter;
        {
            std::lock_guard lock(s_->mutex);
            s_->outcome.emplace(std::forward<R>(r));
            std::swap(waiter, s_->waiter);
        }
        waiter.take_and_notify();
    }

    std::shared_ptr<test_future_state<T, E>> s_;
};

/// A test future and its control.
template <class T = int, class E = future::error_code>
std::pair<test_future<T, E>, test_future_control<T, E>> make_test_future()
{
    auto s = std::make_shared<test_future_state<T, E>>();
    return {test_future<T, E>(s), test_future_control<T, E>(s)};
}

} // namespace protokit::test

#endif

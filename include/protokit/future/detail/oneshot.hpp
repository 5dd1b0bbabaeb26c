// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_ONESHOT_HPP
#define PROTOKIT_FUTURE_DETAIL_ONESHOT_HPP

#include <protokit/error.hpp>
#include <protokit/future/detail/channel_policy.hpp>
#include <protokit/future/detail/future_fwd.hpp>
#include <protokit/future/poll.hpp>
#include <protokit/future/sync/send_result.hpp>
#include <protokit/future/task.hpp>

#include <boost/assert.hpp>
#include <boost/system/result.hpp>

#include <atomic>
#include <concepts>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

namespace protokit::future::detail {

using sync::send_error;
using sync::send_result;

/// What the two ends of a oneshot share; every member is guarded by `mutex`.
template <class T, class Policy>
struct oneshot_state
    : boost::intrusive_ref_counter<oneshot_state<T, Policy>, typename Policy::counter_type> {
    typename Policy::mutex_type mutex;
    std::optional<T> value;
    bool sender_done = false;
    bool receiver_done = false;
    waiter receiver_task;
    waiter sender_task;
};

/** The sending end of a oneshot channel: sends one value, or is dropped.

    Move-only. Dropping it without sending completes the receiver with
    `protokit::error::canceled`.
*/
template <class T, class Policy>
class oneshot_sender {
    using state_type = oneshot_state<T, Policy>;

public:
    explicit oneshot_sender(boost::intrusive_ptr<state_type> state) noexcept
        : state_(std::move(state))
    {
    }

    oneshot_sender(oneshot_sender&&) noexcept = default;

    oneshot_sender& operator=(oneshot_sender&& other) noexcept
    {
        if (this != &other) {
            release();
            state_ = std::move(other.state_);
        }
        return *this;
    }

    ~oneshot_sender() { release(); }

    /** Sends `value`, using the sender up.

        The receiver's task, if it waits, is notified. If the receiver is
        already gone or closed, the value is handed back in the result.
    */
    send_result<T> send(T value) &&
    {
        BOOST_ASSERT_MSG(state_, "oneshot sender used after send");
        std::optional<task> wake;
        bool refused = false;
        {
            std::lock_guard lock(state_->mutex);
            state_->sender_done = true;
            state_->sender_task.reset();
            refused = state_->receiver_done;
            if (!refused) {
                state_->value.emplace(std::move(value));
                wake = state_->receiver_task.take();
            }
        }
        state_.reset();
        if (refused)
            return send_result<T>::disconnected(std::move(value));
        notify(wake);
        return {};
    }

    /** Ready once the receiver is dropped or closed: the value is no longer wanted.

        Otherwise registers the current task, which the receiver's drop or
        `close()` notifies, and returns not ready.
    */
    async<unit> poll_cancel()
    {
        BOOST_ASSERT_MSG(state_, "oneshot sender used after send");
        std::lock_guard lock(state_->mutex);
        if (state_->receiver_done)
            return ready();
        state_->sender_task.register_current();
        return not_ready;
    }

    /// True if the receiver is dropped or closed; registers nothing.
    bool is_canceled() const
    {
        BOOST_ASSERT_MSG(state_, "oneshot sender used after send");
        std::lock_guard lock(state_->mutex);
        return state_->receiver_done;
    }

private:
    void release() noexcept
    {
        if (!state_)
            return;
        std::optional<task> wake;
        {
            std::lock_guard lock(state_->mutex);
            state_->sender_done = true;
            state_->sender_task.reset();
            wake = state_->receiver_task.take();
        }
        state_.reset();
        notify(wake);
    }

    boost::intrusive_ptr<state_type> state_;
};

/** The receiving end of a oneshot channel: a future of the value sent.

    Fails with `protokit::error::canceled` (converted to its error type
    `E`, the user's choice) if the sender is dropped without sending.
    Dropping it, or `close()`, makes the sender's `send` hand the value
    back and its `poll_cancel` ready.
*/
template <class T, class Policy, class E = error_code>
class oneshot_receiver : public future_facade<oneshot_receiver<T, Policy, E>> {
    using state_type = oneshot_state<T, Policy>;
    static_assert(std::constructible_from<E, error_code>,
                  "protokit: a oneshot's error type must be constructible from the error_code "
                  "error::canceled");

public:
    using item_type = T;
    using error_type = E;

    explicit oneshot_receiver(boost::intrusive_ptr<state_type> state) noexcept
        : state_(std::move(state))
    {
    }

    oneshot_receiver(oneshot_receiver&&) noexcept = default;

    oneshot_receiver& operator=(oneshot_receiver&& other) noexcept
    {
        if (this != &other) {
            release();
            state_ = std::move(other.state_);
        }
        return *this;
    }

    ~oneshot_receiver() { release(); }

    /** Ready with the value once it is sent; `canceled` if it never will be.

        Otherwise registers the current task, which `send` or the sender's
        drop notifies, and returns not ready. After `close()`, a value sent
        before it is still delivered; otherwise the poll fails at once.
    */
    poll_result<T, E> poll()
    {
        BOOST_ASSERT_MSG(state_, "oneshot receiver polled after completion");
        std::optional<T> value;
        {
            std::lock_guard lock(state_->mutex);
            if (state_->value) {
                value.emplace(std::move(*state_->value));
                state_->value.reset();
            } else if (state_->sender_done || state_->receiver_done) {
                return fail(E(make_error_code(protokit::error::canceled)));
            } else {
                state_->receiver_task.register_current();
                return not_ready;
            }
        }
        return ready(std::move(*value));
    }

    /** Refuses the value from now on; the sender's `poll_cancel` task is notified.

        A value already sent stays available to `poll()`.
    */
    void close() noexcept
    {
        BOOST_ASSERT(state_);
        std::optional<task> wake;
        {
            std::lock_guard lock(state_->mutex);
            state_->receiver_done = true;
            wake = state_->sender_task.take();
        }
        notify(wake);
    }

private:
    void release() noexcept
    {
        if (!state_)
            return;
        std::optional<T> dropped;
        std::optional<task> wake;
        {
            std::lock_guard lock(state_->mutex);
            state_->receiver_done = true;
            state_->receiver_task.reset();
            if (state_->value) {
                dropped.emplace(std::move(*state_->value));
                state_->value.reset();
            }
            wake = state_->sender_task.take();
        }
        state_.reset();
        notify(wake);
    }

    boost::intrusive_ptr<state_type> state_;
};

/// A new oneshot channel of the given policy.
template <class T, class Policy, class E = error_code>
std::pair<oneshot_sender<T, Policy>, oneshot_receiver<T, Policy, E>> make_oneshot()
{
    auto state = make_counted<oneshot_state<T, Policy>>();
    return {oneshot_sender<T, Policy>(state), oneshot_receiver<T, Policy, E>(state)};
}

/** The task `oneshot::spawn` runs: polls the future, sends its outcome to the handle.

    futures 0.1's `Execute`. Unless the handle was forgotten, a dropped
    handle is seen through the sender's `poll_cancel`, and the future is
    dropped without being polled again.
*/
template <class F, class Policy>
class spawn_task : public future_facade<spawn_task<F, Policy>> {
    using outcome_type = boost::system::result<typename F::item_type, typename F::error_type>;

public:
    using item_type = unit;
    using error_type = error_code;

    spawn_task(F f, oneshot_sender<outcome_type, Policy> tx,
               std::shared_ptr<std::atomic<bool>> keep_running)
        : future_(std::move(f)), tx_(std::move(tx)), keep_running_(std::move(keep_running))
    {
    }

    poll_result<unit> poll()
    {
        if (!keep_running_->load(std::memory_order_acquire) && tx_->poll_cancel().is_ready())
            return ready();
        auto r = future_.poll();
        if (r.is_not_ready())
            return not_ready;
        outcome_type outcome =
            r.is_ready() ? outcome_type(boost::system::in_place_value, std::move(r).value())
                         : outcome_type(boost::system::in_place_error, std::move(r).error());
        static_cast<void>(std::move(*tx_).send(std::move(outcome)));
        tx_.reset();
        return ready();
    }

private:
    F future_;
    std::optional<oneshot_sender<outcome_type, Policy>> tx_;
    std::shared_ptr<std::atomic<bool>> keep_running_;
};

/** The handle `oneshot::spawn` returns: a future of the spawned future's outcome.

    futures 0.1's `SpawnHandle`. Dropping it cancels the spawned future
    (it is dropped at its next poll) unless `forget()` was called. If the
    executor drops the spawned future before it completes, the handle
    fails with `error::canceled` when `E` can be made from that
    `error_code`; otherwise its poll throws `std::logic_error` (futures 0.1
    panics).
*/
template <class T, class E, class Policy>
class spawn_handle : public future_facade<spawn_handle<T, E, Policy>> {
    using outcome_type = boost::system::result<T, E>;

public:
    using item_type = T;
    using error_type = E;

    spawn_handle(oneshot_receiver<outcome_type, Policy> rx,
                 std::shared_ptr<std::atomic<bool>> keep_running) noexcept
        : rx_(std::move(rx)), keep_running_(std::move(keep_running))
    {
    }

    /// Ready with the spawned future's value, or failed with its error.
    poll_result<T, E> poll()
    {
        auto r = rx_.poll();
        if (r.is_not_ready())
            return not_ready;
        if (r.is_error()) {
            if constexpr (std::constructible_from<E, error_code>)
                return fail(E(r.error()));
            else
                throw std::logic_error(
                    "protokit: a spawned future was dropped before it completed");
        }
        outcome_type& outcome = r.value();
        if (outcome.has_value())
            return ready(std::move(*outcome));
        return fail(std::move(outcome).error());
    }

    /// Lets the spawned future run to completion even once this handle is dropped.
    void forget() && { keep_running_->store(true, std::memory_order_release); }

private:
    oneshot_receiver<outcome_type, Policy> rx_;
    std::shared_ptr<std::atomic<bool>> keep_running_;
};

/// Spawns `f` on `executor` and returns a handle to its outcome; see `spawn_handle`.
template <class Policy, class F, class X>
spawn_handle<typename F::item_type, typename F::error_type, Policy> spawn_on(F f, X const& executor)
{
    using outcome_type = boost::system::result<typename F::item_type, typename F::error_type>;
    auto [tx, rx] = make_oneshot<outcome_type, Policy>();
    auto keep_running = std::make_shared<std::atomic<bool>>(false);
    executor.spawn(spawn_task<F, Policy>(std::move(f), std::move(tx), keep_running));
    return {std::move(rx), std::move(keep_running)};
}

} // namespace protokit::future::detail

#endif

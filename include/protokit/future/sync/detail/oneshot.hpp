#ifndef PROTOKIT_FUTURE_SYNC_DETAIL_ONESHOT_HPP
#define PROTOKIT_FUTURE_SYNC_DETAIL_ONESHOT_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/sync/detail/policy.hpp>
#include <protokit/future/sync/send_result.hpp>

#include <boost/assert.hpp>

#include <mutex>
#include <optional>
#include <utility>

namespace protokit::future::sync::detail {

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

    Fails with `protokit::error::canceled` if the sender is dropped without
    sending. Dropping it, or `close()`, makes the sender's `send` hand the
    value back and its `poll_cancel` ready.
*/
template <class T, class Policy>
class oneshot_receiver : public future_facade<oneshot_receiver<T, Policy>> {
    using state_type = oneshot_state<T, Policy>;

public:
    using item_type = T;
    using error_type = error_code;

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
    poll_result<T, error_code> poll()
    {
        BOOST_ASSERT_MSG(state_, "oneshot receiver polled after completion");
        std::optional<T> value;
        {
            std::lock_guard lock(state_->mutex);
            if (state_->value) {
                value.emplace(std::move(*state_->value));
                state_->value.reset();
            } else if (state_->sender_done || state_->receiver_done) {
                return fail(make_error_code(protokit::error::canceled));
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
template <class T, class Policy>
std::pair<oneshot_sender<T, Policy>, oneshot_receiver<T, Policy>> make_oneshot()
{
    auto state = make_counted<oneshot_state<T, Policy>>();
    return {oneshot_sender<T, Policy>(state), oneshot_receiver<T, Policy>(state)};
}

} // namespace protokit::future::sync::detail

#endif

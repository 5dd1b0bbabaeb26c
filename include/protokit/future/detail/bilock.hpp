// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_BILOCK_HPP
#define PROTOKIT_FUTURE_DETAIL_BILOCK_HPP

#include <protokit/future/poll.hpp>
#include <protokit/future/task.hpp>

#include <boost/assert.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace protokit::future::detail {

template <class T>
struct bilock_state {
    explicit bilock_state(T v) : value(std::move(v)) {}

    void unlock() noexcept
    {
        std::optional<task> w;
        {
            std::lock_guard lock(mutex);
            BOOST_ASSERT(locked);
            locked = false;
            w.swap(waiter);
        }
        if (w)
            w->notify();
    }

    std::mutex mutex;
    bool locked = false;
    std::optional<task> waiter;
    T value;
};

/// Access to the value of a `bilock`, held until the guard is destroyed.
template <class T>
class bilock_guard {
public:
    explicit bilock_guard(bilock_state<T>* state) noexcept : state_(state) {}
    bilock_guard(bilock_guard&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
    bilock_guard& operator=(bilock_guard&&) = delete;
    ~bilock_guard()
    {
        if (state_ != nullptr)
            state_->unlock();
    }

    T& operator*() const noexcept { return state_->value; }
    T* operator->() const noexcept { return &state_->value; }

private:
    bilock_state<T>* state_;
};

/** One of two handles sharing a value, each taking it in turn.

    futures-rs 0.1's `BiLock`: the two halves of a split object may be
    polled by different tasks, on different threads. A half that finds the
    value taken registers the current task, which is woken when the other
    half lets go.
*/
template <class T>
class bilock {
public:
    /// Two halves sharing `value`.
    static std::pair<bilock, bilock> make(T value)
    {
        auto s = std::make_shared<bilock_state<T>>(std::move(value));
        return {bilock(s), bilock(s)};
    }

    bilock(bilock&&) noexcept = default;
    bilock& operator=(bilock&&) noexcept = default;
    bilock(bilock const&) = delete;
    bilock& operator=(bilock const&) = delete;

    /** Takes the value, or returns not ready if the other half holds it.

        On not ready the current task is woken when the other half lets go.
    */
    async<bilock_guard<T>> poll_lock() const
    {
        std::lock_guard lock(s_->mutex);
        if (s_->locked) {
            task const& t = current_task();
            if (!s_->waiter || !s_->waiter->will_notify(t))
                s_->waiter.emplace(t);
            return not_ready;
        }
        s_->locked = true;
        return ready(bilock_guard<T>(s_.get()));
    }

    /// True if `other` is the other half of this lock.
    bool is_pair_of(bilock const& other) const noexcept { return s_ == other.s_; }

    /// Takes the value back from both halves, which must be a pair.
    static T reunite(bilock a, bilock b)
    {
        std::shared_ptr<bilock_state<T>> s = std::move(a.s_);
        BOOST_ASSERT_MSG(s == b.s_, "reunite of halves of different split objects");
        BOOST_ASSERT(!s->locked);
        b.s_.reset();
        return std::move(s->value);
    }

private:
    explicit bilock(std::shared_ptr<bilock_state<T>> s) noexcept : s_(std::move(s)) {}

    std::shared_ptr<bilock_state<T>> s_;
};

} // namespace protokit::future::detail

#endif

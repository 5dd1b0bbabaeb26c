// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_SHARED_STATE_HPP
#define PROTOKIT_FUTURE_DETAIL_SHARED_STATE_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/into_future.hpp>
#include <protokit/future/task.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/system/result.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

namespace protokit::future::detail {

/// One clone of a shared future, as its state sees it: the task to wake, linked while it waits.
struct shared_waiter {
    std::optional<task> task_;
    shared_waiter* prev_ = nullptr;
    shared_waiter* next_ = nullptr;
    bool linked_ = false;
};

/** The state the clones of a shared future hold: the future, then its outcome.

    It is also the notify target the future is polled with: a notification
    wakes every waiting clone, whichever thread it comes from. The waiters
    are an intrusive list of nodes held by the clones themselves, so that
    waiting allocates nothing. The future is polled by one clone at a time;
    a clone that finds another one polling just waits for the outcome.
*/
template <class F>
class shared_state final : public notify_target {
public:
    using item_type = typename F::item_type;
    using error_type = typename F::error_type;
    using result_type = boost::system::result<item_type, error_type>;

    explicit shared_state(F f) : future_(std::in_place, std::move(f)) {}

    void notify(std::uint64_t) noexcept override
    {
        woken_tasks woken;
        {
            std::lock_guard lock(mutex_);
            take_waiters(woken);
        }
        notify_all(woken);
    }

    poll_result<item_type, error_type> poll(shared_waiter& self)
    {
        task const& current = current_task();
        {
            std::lock_guard lock(mutex_);
            if (phase_ == phase::complete) {
                unlink(self);
                return outcome();
            }
            if (!self.task_ || !self.task_->will_notify(current))
                self.task_.emplace(current);
            link(self);
            if (phase_ == phase::polling)
                return not_ready;
            phase_ = phase::polling;
        }
        auto r = poll_future();
        if (r.is_not_ready()) {
            std::lock_guard lock(mutex_);
            phase_ = phase::idle;
            return not_ready;
        }
        future_.reset();
        woken_tasks woken;
        poll_result<item_type, error_type> out = not_ready;
        {
            std::lock_guard lock(mutex_);
            result_.emplace(to_result(std::move(r)));
            phase_ = phase::complete;
            unlink(self);
            take_waiters(woken);
            out = outcome();
        }
        notify_all(woken);
        return out;
    }

    /// A copy of the outcome, if the future has completed.
    std::optional<result_type> peek()
    {
        std::lock_guard lock(mutex_);
        return result_;
    }

    void add_clone() noexcept { clones_.fetch_add(1, std::memory_order_relaxed); }

    /// Forgets a clone; the last one drops the future and the outcome.
    void drop_clone(shared_waiter& w) noexcept
    {
        {
            std::lock_guard lock(mutex_);
            unlink(w);
        }
        // Dropped here rather than with the state: the future may hold a task
        // that refers to this state, which would then never be freed.
        if (clones_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            future_.reset();
            result_.reset();
        }
    }

    /// Puts `to` in the place of `from`, a clone being moved.
    void move_waiter(shared_waiter& from, shared_waiter& to) noexcept
    {
        std::lock_guard lock(mutex_);
        to.task_ = std::move(from.task_);
        from.task_.reset();
        if (!from.linked_)
            return;
        to.prev_ = from.prev_;
        to.next_ = from.next_;
        to.linked_ = true;
        if (to.prev_ != nullptr)
            to.prev_->next_ = &to;
        else
            head_ = &to;
        if (to.next_ != nullptr)
            to.next_->prev_ = &to;
        from.prev_ = from.next_ = nullptr;
        from.linked_ = false;
    }

private:
    enum class phase { idle, polling, complete };

    poll_result<item_type, error_type> poll_future()
    {
        try {
            task as_shared(notify_handle(this), 0);
            task_scope scope(as_shared);
            return future_->poll();
        } catch (...) {
            // Another clone may try again.
            woken_tasks woken;
            {
                std::lock_guard lock(mutex_);
                phase_ = phase::idle;
                take_waiters(woken);
            }
            notify_all(woken);
            throw;
        }
    }

    poll_result<item_type, error_type> outcome() const
    {
        if (result_->has_value())
            return ready(**result_);
        return fail(result_->error());
    }

    void link(shared_waiter& w) noexcept
    {
        if (w.linked_)
            return;
        w.prev_ = nullptr;
        w.next_ = head_;
        if (head_ != nullptr)
            head_->prev_ = &w;
        head_ = &w;
        w.linked_ = true;
    }

    void unlink(shared_waiter& w) noexcept
    {
        if (!w.linked_)
            return;
        if (w.prev_ != nullptr)
            w.prev_->next_ = w.next_;
        else
            head_ = w.next_;
        if (w.next_ != nullptr)
            w.next_->prev_ = w.prev_;
        w.prev_ = w.next_ = nullptr;
        w.linked_ = false;
    }

    /// The tasks to wake, copied out of the waiters under the lock (no allocation up to 4).
    using woken_tasks = boost::container::small_vector<task, 4>;

    // Each waiter is unlinked, its task copied out to be notified once the
    // lock is released: a notification may run anything, this state's own
    // members included. The waiter links itself again when it polls.
    void take_waiters(woken_tasks& woken)
    {
        while (head_ != nullptr) {
            shared_waiter* w = head_;
            unlink(*w);
            woken.push_back(*w->task_);
        }
    }

    static void notify_all(woken_tasks const& woken) noexcept
    {
        for (task const& t : woken)
            t.notify();
    }

    std::mutex mutex_;
    phase phase_ = phase::idle;
    shared_waiter* head_ = nullptr;
    std::optional<F> future_;
    std::optional<result_type> result_;
    std::atomic<std::size_t> clones_{0};
};

} // namespace protokit::future::detail

#endif

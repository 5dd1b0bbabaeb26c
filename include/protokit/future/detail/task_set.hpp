// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_TASK_SET_HPP
#define PROTOKIT_FUTURE_DETAIL_TASK_SET_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/task.hpp>

#include <boost/assert.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace protokit::future::detail {

/** The notify target of a `task_set`: its ready queue and its parent task.

    Each member of the set is polled as its own task, whose id names the
    member's slot and the slot's generation. A notification queues that slot
    (once: a slot already queued stays queued once) and wakes the parent
    task, the task that polls the set. Notifications may come from any
    thread; those naming a finished member (an old generation), and all of
    them once the set is gone, are dropped. The target is reference-counted
    and outlives the set for as long as a member's task handle is held
    somewhere.

    The queue is a ring of slot indexes as long as the slab, so queueing
    never allocates: only `grow`, when the slab reaches a new high-water
    size, does.
*/
class task_set_waker final : public notify_target {
public:
    /// The task id of the member in `slot`, generation `generation`.
    static constexpr std::uint64_t make_id(std::uint32_t slot, std::uint32_t generation) noexcept
    {
        return (static_cast<std::uint64_t>(generation) << 32) | slot;
    }

    /// Queues the member named by `id` and wakes the parent task, unless the member is gone.
    void notify(std::uint64_t id) noexcept override
    {
        auto const slot = static_cast<std::uint32_t>(id);
        auto const generation = static_cast<std::uint32_t>(id >> 32);
        std::optional<task> parent;
        {
            std::lock_guard lock(mutex_);
            if (closed_ || slot >= slots_.size())
                return;
            slot_state& s = slots_[slot];
            if (!s.live || s.generation != generation || s.queued)
                return;
            enqueue_locked(slot);
            parent = parent_;
        }
        if (parent)
            parent->notify();
    }

    /// Makes room for `count` slots (the owner's high-water size).
    void grow(std::size_t count)
    {
        std::lock_guard lock(mutex_);
        if (count <= slots_.size())
            return;
        std::vector<std::uint32_t> ring(count);
        for (std::size_t i = 0; i != len_; ++i)
            ring[i] = ring_[(head_ + i) % ring_.size()];
        slots_.resize(count);
        ring_.swap(ring);
        head_ = 0;
    }

    /// Marks `slot` as holding a new member and queues it for its first poll.
    void activate(std::uint32_t slot) noexcept
    {
        std::lock_guard lock(mutex_);
        BOOST_ASSERT(slot < slots_.size() && !slots_[slot].live);
        slots_[slot].live = true;
        if (!slots_[slot].queued)
            enqueue_locked(slot);
    }

    /// Marks `slot` as empty: notifications of its old member are dropped from now on.
    void retire(std::uint32_t slot) noexcept
    {
        std::lock_guard lock(mutex_);
        BOOST_ASSERT(slot < slots_.size() && slots_[slot].live);
        slots_[slot].live = false;
        ++slots_[slot].generation;
    }

    /// Remembers `t` as the task to wake when a member is notified.
    void set_parent(task const& t)
    {
        std::lock_guard lock(mutex_);
        if (!parent_ || !parent_->will_notify(t))
            parent_.emplace(t);
    }

    /** Takes the next queued live member; false if none is queued.

        The member is no longer queued once taken, so that a notification
        that arrives while it is being polled queues it again.
    */
    bool pop(std::uint32_t& slot, std::uint32_t& generation) noexcept
    {
        std::lock_guard lock(mutex_);
        while (len_ != 0) {
            std::uint32_t const s = ring_[head_];
            head_ = (head_ + 1) % ring_.size();
            --len_;
            slots_[s].queued = false;
            if (slots_[s].live) {
                slot = s;
                generation = slots_[s].generation;
                return true;
            }
        }
        return false;
    }

    /// True if some member is queued.
    bool has_queued() const noexcept
    {
        std::lock_guard lock(mutex_);
        return len_ != 0;
    }

    /// Drops every later notification and forgets the parent: the set is gone.
    void close() noexcept
    {
        std::optional<task> parent;
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
            parent.swap(parent_);
        }
    }

private:
    struct slot_state {
        std::uint32_t generation = 0;
        bool live = false;
        bool queued = false;
    };

    void enqueue_locked(std::uint32_t slot) noexcept
    {
        BOOST_ASSERT(len_ < ring_.size());
        ring_[(head_ + len_) % ring_.size()] = slot;
        ++len_;
        slots_[slot].queued = true;
    }

    mutable std::mutex mutex_;
    std::vector<slot_state> slots_;
    std::vector<std::uint32_t> ring_;
    std::size_t head_ = 0;
    std::size_t len_ = 0;
    std::optional<task> parent_;
    bool closed_ = false;
};

/** A set of futures polled as they are notified: the engine of
    `futures_unordered`, `futures_ordered` and the server dispatchers.

    Members live in a slab whose slots are reused; a member is known by its
    key (its slot) until it completes or is erased. Each member is polled
    as its own task (see `task_set_waker`), so `poll_any` polls only the
    members notified since they were last polled, plus those newly inserted.
    Once the slab has reached its high-water size, `insert`, `poll_any` and
    completion allocate nothing.

    The set itself belongs to one thread; only notifications cross threads.
*/
template <Future F>
class task_set {
public:
    /// The key of a member: its slot in the slab.
    using key_type = std::uint32_t;
    /// The value of a member.
    using item_type = typename F::item_type;
    /// The error of a member.
    using error_type = typename F::error_type;

    /// A member that finished, with its key and its value or error.
    struct completion {
        key_type key;
        poll_result<item_type, error_type> result;
    };

    task_set() = default;

    task_set(task_set&& other) noexcept
        : members_(std::move(other.members_)), free_(std::move(other.free_)),
          size_(std::exchange(other.size_, 0)), waker_(std::move(other.waker_))
    {
        other.members_.clear();
        other.free_.clear();
    }

    task_set& operator=(task_set&& other) noexcept
    {
        if (this != &other) {
            close();
            members_ = std::move(other.members_);
            free_ = std::move(other.free_);
            size_ = std::exchange(other.size_, 0);
            waker_ = std::move(other.waker_);
            other.members_.clear();
            other.free_.clear();
        }
        return *this;
    }

    ~task_set() { close(); }

    /** Adds `f`; returns its key.

        `f` is not polled here: it is queued, and the next `poll_any` polls
        it. Allocates only when the slab grows past its high-water size.
    */
    key_type insert(F f)
    {
        if (!waker_)
            waker_.reset(std::make_unique<task_set_waker>().release());
        key_type key;
        if (!free_.empty()) {
            key = free_.back();
            free_.pop_back();
            members_[key].emplace(std::move(f));
        } else {
            BOOST_ASSERT(members_.size() < std::numeric_limits<key_type>::max());
            key = static_cast<key_type>(members_.size());
            waker_->grow(members_.size() + 1);
            free_.reserve(members_.size() + 1);
            members_.emplace_back(std::in_place, std::move(f));
        }
        ++size_;
        waker_->activate(key);
        return key;
    }

    /// Drops the member `key` without waiting for it.
    void erase(key_type key) noexcept
    {
        BOOST_ASSERT(contains(key));
        release(key);
    }

    /// True if `key` names a member.
    bool contains(key_type key) const noexcept
    {
        return key < members_.size() && members_[key].has_value();
    }

    /// The member `key`.
    F& operator[](key_type key) noexcept
    {
        BOOST_ASSERT(contains(key));
        return *members_[key];
    }

    /// The number of members.
    std::size_t size() const noexcept { return size_; }

    /// True if there is no member.
    bool empty() const noexcept { return size_ == 0; }

    /// The number of slots in the slab: the high-water number of members.
    std::size_t capacity() const noexcept { return members_.size(); }

    /** Polls the notified members until one finishes, and removes it.

        Returns the finished member's key and value or error; or nothing,
        and then the current task will be woken when a member is notified.
        An empty set returns nothing at once (there is nothing to wait for:
        the caller decides what an empty set means).
        One call polls each member at most about once: if members are still
        queued after as many polls as there are members, the current task is
        woken to come back, so that a member that keeps notifying itself
        cannot starve its caller.
    */
    std::optional<completion> poll_any()
    {
        if (size_ == 0)
            return std::nullopt;
        task const& parent = current_task();
        waker_->set_parent(parent);
        notify_handle const target(waker_);
        std::size_t const budget = size_;
        for (std::size_t polled = 0;; ++polled) {
            if (polled == budget) {
                if (waker_->has_queued())
                    parent.notify();
                return std::nullopt;
            }
            std::uint32_t slot = 0;
            std::uint32_t generation = 0;
            if (!waker_->pop(slot, generation))
                return std::nullopt;
            BOOST_ASSERT(members_[slot].has_value());
            task const member(target, task_set_waker::make_id(slot, generation));
            auto r = poll_member(member, *members_[slot]);
            if (r.is_not_ready())
                continue;
            release(slot);
            return completion{slot, std::move(r)};
        }
    }

private:
    static poll_result<item_type, error_type> poll_member(task const& t, F& f)
    {
        task_scope scope(t);
        return f.poll();
    }

    void release(key_type key) noexcept
    {
        waker_->retire(key);
        members_[key].reset();
        free_.push_back(key);
        --size_;
    }

    void close() noexcept
    {
        if (waker_)
            waker_->close();
        waker_.reset();
    }

    std::vector<std::optional<F>> members_;
    std::vector<key_type> free_;
    std::size_t size_ = 0;
    boost::intrusive_ptr<task_set_waker> waker_;
};

} // namespace protokit::future::detail

#endif

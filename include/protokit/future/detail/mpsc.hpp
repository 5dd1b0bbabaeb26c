// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_MPSC_HPP
#define PROTOKIT_FUTURE_DETAIL_MPSC_HPP

#include <protokit/error.hpp>
#include <protokit/future/detail/channel_policy.hpp>
#include <protokit/future/detail/ring_buffer.hpp>
#include <protokit/future/detail/sink_fwd.hpp>
#include <protokit/future/detail/stream_fwd.hpp>
#include <protokit/future/poll.hpp>
#include <protokit/future/sync/send_result.hpp>
#include <protokit/future/task.hpp>

#include <boost/assert.hpp>

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace protokit::future::detail {

using sync::send_error;
using sync::send_result;

/** A bounded sender's own place in its channel: whether it is parked, and its task.

    With a slot per sender (`sync`), parked means its last item went past
    the buffer and it may send nothing more yet. Without (`unsync`), it
    means it found the channel full and waits for room.
*/
template <class Policy>
struct sender_slot
    : boost::intrusive_ref_counter<sender_slot<Policy>, typename Policy::counter_type> {
    bool parked = false;
    waiter task;
};

/** What the ends of an mpsc channel share; every member is guarded by `mutex`.

    With a slot per sender (`sync`): a bounded sender whose send makes the
    queue longer than `buffer` is parked: the item is queued (that is its
    guaranteed slot), but the sender accepts nothing more until the
    receiver takes an item and unparks it. Each item taken unparks the
    oldest parked sender. So at most `buffer + senders` items wait.

    Without (`unsync`): a bounded sender that finds `buffer` items queued
    keeps its item and is parked, waiting for room; each item taken wakes
    the oldest waiting sender. So at most `buffer` items wait.
*/
template <class T, class Policy>
struct mpsc_state
    : boost::intrusive_ref_counter<mpsc_state<T, Policy>, typename Policy::counter_type> {
    using slot_ptr = boost::intrusive_ptr<sender_slot<Policy>>;

    /** A channel state; `bound` is the buffer size, or none for an unbounded channel.

        A small bounded channel gets all its room at once; a large one, and
        an unbounded one, grow their queue as items come.
    */
    explicit mpsc_state(std::optional<std::size_t> bound) : buffer(bound)
    {
        BOOST_ASSERT_MSG(Policy::slot_per_sender || !buffer || *buffer > 0,
                         "protokit: an unsync mpsc channel of 0 could never take an item");
        if (buffer)
            queue.reserve(std::min<std::size_t>(*buffer + 1, initial_room));
    }

    static constexpr std::size_t initial_room = 64;

    /// True if the sender of `slot` may queue an item now (unbounded senders have no slot).
    bool has_room(sender_slot<Policy> const* slot) const noexcept
    {
        if (!slot || !buffer)
            return true;
        if constexpr (Policy::slot_per_sender)
            return !slot->parked;
        else
            return queue.size() < *buffer;
    }

    /// Registers the current task as the sender of `slot`, to be woken when it may send.
    void wait_for_room(slot_ptr const& slot)
    {
        slot->task.register_current();
        if constexpr (!Policy::slot_per_sender) {
            if (!slot->parked) {
                parked.push_back(slot);
                slot->parked = true;
            }
        }
    }

    /// Queues `item`, parks `slot` if the queue is over the bound; the receiver to wake.
    std::optional<task> push(T&& item, slot_ptr const& slot)
    {
        bool const park = Policy::slot_per_sender && slot && buffer && queue.size() + 1 > *buffer;
        if (park)
            parked.reserve_one_more();
        queue.push_back(std::move(item));
        if (park) {
            slot->parked = true;
            parked.push_back(slot);
        }
        return receiver_task.take();
    }

    /** Unparks the sender that has waited longest, now that an item was taken; its task.

        Without a slot per sender, an entry may be stale (its sender sent
        since, or is gone): those are skipped, so that the room goes to a
        sender that waits.
    */
    std::optional<task> unpark_one()
    {
        while (!parked.empty()) {
            slot_ptr slot = parked.pop_front();
            if (!slot->parked)
                continue;
            slot->parked = false;
            std::optional<task> t = slot->task.take();
            if (t || Policy::slot_per_sender)
                return t;
        }
        return std::nullopt;
    }

    /// Refuses items from now on; every parked sender is unparked and added to `wake`.
    void close(std::vector<task>& wake)
    {
        closed = true;
        if (!parked.empty())
            wake.reserve(parked.size() + 1);
        while (!parked.empty()) {
            slot_ptr slot = parked.pop_front();
            slot->parked = false;
            if (auto t = slot->task.take())
                wake.push_back(std::move(*t));
        }
    }

    typename Policy::mutex_type mutex;
    ring_buffer<T> queue;
    ring_buffer<slot_ptr> parked;
    std::optional<std::size_t> buffer;
    std::size_t senders = 1;
    bool closed = false;
    waiter receiver_task;
};

/// Notifies every task of `wake`.
inline void notify_all(std::vector<task> const& wake) noexcept
{
    for (task const& t : wake)
        t.notify();
}

/** A counted share of an mpsc channel on the sending side.

    Copying it adds a sender; destroying or releasing the last one lets the
    receiver's stream end (its task is notified).
*/
template <class T, class Policy>
class sender_share {
public:
    using state_type = mpsc_state<T, Policy>;

    explicit sender_share(boost::intrusive_ptr<state_type> state) noexcept
        : state_(std::move(state))
    {
    }

    sender_share(sender_share const& other) : state_(other.state_)
    {
        if (state_) {
            std::lock_guard lock(state_->mutex);
            ++state_->senders;
        }
    }

    sender_share(sender_share&&) noexcept = default;
    sender_share& operator=(sender_share const&) = delete;
    sender_share& operator=(sender_share&&) = delete;

    ~sender_share() { release(nullptr); }

    /// Exchanges two shares.
    void swap(sender_share& other) noexcept { state_.swap(other.state_); }

    /// The shared state; null once released.
    state_type* get() const noexcept { return state_.get(); }
    explicit operator bool() const noexcept { return static_cast<bool>(state_); }

    /// Stops being a sender; `slot` (if any) forgets its task.
    void release(sender_slot<Policy>* slot) noexcept
    {
        if (!state_)
            return;
        std::optional<task> wake;
        {
            std::lock_guard lock(state_->mutex);
            if (slot)
                slot->task.reset();
            if (--state_->senders == 0)
                wake = state_->receiver_task.take();
        }
        state_.reset();
        notify(wake);
    }

    /// Closes the channel for every sender; the receiver and parked senders are notified.
    void close_channel()
    {
        if (!state_)
            return;
        std::vector<task> wake;
        {
            std::lock_guard lock(state_->mutex);
            state_->close(wake);
            if (auto t = state_->receiver_task.take())
                wake.push_back(std::move(*t));
        }
        notify_all(wake);
    }

    /// True if this sender was released or the channel is closed.
    bool is_closed() const
    {
        if (!state_)
            return true;
        std::lock_guard lock(state_->mutex);
        return state_->closed;
    }

private:
    boost::intrusive_ptr<state_type> state_;
};

/// The error of a send on a closed channel.
inline error_code channel_closed() noexcept
{
    return make_error_code(protokit::error::channel_closed);
}

/// The Sink error of a send on a closed channel, with the item handed back.
template <class T>
error_t<send_error<T>> closed_with(T&& item)
{
    return {send_error<T>(channel_closed(), std::move(item))};
}

/** The sending end of a bounded mpsc channel; a Sink of `T`.

    Copyable: a copy is one more sender. In `sync`, each sender has its
    own guaranteed slot: a sender whose item went over the channel's bound
    is parked and accepts nothing more (`poll_ready` and `start_send` not
    ready, `try_send` full) until the receiver takes an item and unparks
    it, notifying its task once. In `unsync`, a sender that finds the
    channel full is refused the same way, and each item the receiver takes
    wakes the sender that has waited longest. Once the receiver is dropped
    or closed, or any sender called `close_channel()`, sends fail with
    `protokit::error::channel_closed`; as a Sink, with a `send_error` that
    hands the item back.
*/
template <class T, class Policy>
class mpsc_sender : public sink_facade<mpsc_sender<T, Policy>> {
    using state_type = mpsc_state<T, Policy>;
    using slot_type = sender_slot<Policy>;

public:
    using sink_item_type = T;
    using sink_error_type = send_error<T>;

    explicit mpsc_sender(boost::intrusive_ptr<state_type> state)
        : slot_(make_counted<slot_type>()), share_(std::move(state))
    {
    }

    mpsc_sender(mpsc_sender const& other) : slot_(make_counted<slot_type>()), share_(other.share_)
    {
    }

    mpsc_sender(mpsc_sender&&) noexcept = default;

    mpsc_sender& operator=(mpsc_sender other) noexcept
    {
        swap(other);
        return *this;
    }

    ~mpsc_sender() { share_.release(slot_.get()); }

    /// Exchanges two senders.
    void swap(mpsc_sender& other) noexcept
    {
        slot_.swap(other.slot_);
        share_.swap(other.share_);
    }

    /** Ready if a send would be accepted now.

        Not ready while this sender is parked (or, in `unsync`, the channel
        is full): the current task is registered, and notified when the
        receiver makes room for this sender. Fails with `channel_closed`
        once the channel is closed.
    */
    poll_result<unit, error_code> poll_ready()
    {
        if (!share_)
            return fail(channel_closed());
        std::lock_guard lock(share_.get()->mutex);
        if (share_.get()->closed)
            return fail(channel_closed());
        if (!share_.get()->has_room(slot_.get())) {
            share_.get()->wait_for_room(slot_);
            return not_ready;
        }
        return ready();
    }

    /** Sends `item` if the channel takes it now; registers no task.

        Hands the item back if this sender is parked (`is_full()`) or the
        channel is closed (`is_disconnected()`). The receiver's task is
        notified when an item is queued.
    */
    send_result<T> try_send(T item)
    {
        if (!share_)
            return send_result<T>::disconnected(std::move(item));
        std::optional<task> wake;
        {
            std::lock_guard lock(share_.get()->mutex);
            if (share_.get()->closed)
                return send_result<T>::disconnected(std::move(item));
            if (!share_.get()->has_room(slot_.get()))
                return send_result<T>::full(std::move(item));
            wake = share_.get()->push(std::move(item), slot_);
        }
        notify(wake);
        return {};
    }

    /** Queues `item`, or hands it back while this sender may not send.

        Not ready registers the current task, notified when the receiver
        makes room for this sender. Once the channel is closed it fails
        with a `send_error` of `channel_closed` that holds the item.
    */
    start_send_result<T, send_error<T>> start_send(T item)
    {
        if (!share_)
            return closed_with(std::move(item));
        std::optional<task> wake;
        {
            std::lock_guard lock(share_.get()->mutex);
            if (share_.get()->closed)
                return closed_with(std::move(item));
            if (!share_.get()->has_room(slot_.get())) {
                share_.get()->wait_for_room(slot_);
                return not_ready_with(std::move(item));
            }
            wake = share_.get()->push(std::move(item), slot_);
        }
        notify(wake);
        return accepted;
    }

    /** In `sync`, ready unless this sender is parked: its last item is past the bound.

        Not ready registers the current task, notified when the sender is
        unparked. In `unsync` (where a refused item was handed back, and no
        accepted one waits on this sender) and on a closed channel, there
        is nothing to flush: ready.
    */
    poll_result<unit, send_error<T>> poll_complete()
    {
        if constexpr (Policy::slot_per_sender) {
            if (!share_)
                return ready();
            std::lock_guard lock(share_.get()->mutex);
            if (!share_.get()->closed && slot_->parked) {
                slot_->task.register_current();
                return not_ready;
            }
        }
        return ready();
    }

    /** Flushes, then stops being a sender (as if dropped).

        The stream of the receiver ends once every sender is closed or
        dropped and the queue is drained. Sends after `close()` fail with
        `channel_closed`.
    */
    poll_result<unit, send_error<T>> close()
    {
        auto r = poll_complete();
        if (!r.is_ready())
            return r;
        share_.release(slot_.get());
        return ready();
    }

    /** Closes the channel for every sender; queued items are still delivered.

        The receiver's task and every parked sender's task are notified.
    */
    void close_channel() { share_.close_channel(); }

    /// True if the channel is closed (or this sender closed itself).
    bool is_closed() const { return share_.is_closed(); }

private:
    boost::intrusive_ptr<slot_type> slot_;
    sender_share<T, Policy> share_;
};

/** The sending end of an unbounded mpsc channel; a Sink of `T` that never pushes back.

    Copyable: a copy is one more sender. Once the receiver is dropped or
    closed, or any sender called `close_channel()`, sends fail with
    `protokit::error::channel_closed`; as a Sink, with a `send_error` that
    hands the item back.
*/
template <class T, class Policy>
class mpsc_unbounded_sender : public sink_facade<mpsc_unbounded_sender<T, Policy>> {
    using state_type = mpsc_state<T, Policy>;

public:
    using sink_item_type = T;
    using sink_error_type = send_error<T>;

    explicit mpsc_unbounded_sender(boost::intrusive_ptr<state_type> state) noexcept
        : share_(std::move(state))
    {
    }

    mpsc_unbounded_sender(mpsc_unbounded_sender const&) = default;
    mpsc_unbounded_sender(mpsc_unbounded_sender&&) noexcept = default;

    mpsc_unbounded_sender& operator=(mpsc_unbounded_sender other) noexcept
    {
        swap(other);
        return *this;
    }

    /// Exchanges two senders.
    void swap(mpsc_unbounded_sender& other) noexcept { share_.swap(other.share_); }

    /** Queues `item`; hands it back (`is_disconnected()`) if the channel is closed.

        The receiver's task is notified when an item is queued.
    */
    send_result<T> unbounded_send(T item)
    {
        if (!share_)
            return send_result<T>::disconnected(std::move(item));
        std::optional<task> wake;
        {
            std::lock_guard lock(share_.get()->mutex);
            if (share_.get()->closed)
                return send_result<T>::disconnected(std::move(item));
            wake = share_.get()->push(std::move(item), nullptr);
        }
        notify(wake);
        return {};
    }

    /// Ready unless the channel is closed (then `channel_closed`).
    poll_result<unit, error_code> poll_ready()
    {
        if (is_closed())
            return fail(channel_closed());
        return ready();
    }

    /// Queues `item`; fails with a `send_error` holding it if the channel is closed.
    start_send_result<T, send_error<T>> start_send(T item)
    {
        auto r = unbounded_send(std::move(item));
        if (!r) {
            error_code const ec = r.error();
            return fail(send_error<T>(ec, std::move(r).item()));
        }
        return accepted;
    }

    /// Always ready: a queued item needs no flush.
    poll_result<unit, send_error<T>> poll_complete() { return ready(); }

    /// Stops being a sender (as if dropped).
    poll_result<unit, send_error<T>> close()
    {
        share_.release(nullptr);
        return ready();
    }

    /** Closes the channel for every sender; queued items are still delivered.

        The receiver's task and every parked sender's task are notified.
    */
    void close_channel() { share_.close_channel(); }

    /// True if the channel is closed (or this sender closed itself).
    bool is_closed() const { return share_.is_closed(); }

private:
    sender_share<T, Policy> share_;
};

/** The receiving end of an mpsc channel: a Stream of the items sent, in order.

    It never fails: its error type `E` is the user's choice (`error_code`
    by default), so that it fits a chain of streams of that error. The
    stream ends once the channel is closed, or every sender is gone, and
    the queue is drained. Dropping it closes the channel and drops the
    queued items.
*/
template <class T, class Policy, class E = error_code>
class mpsc_receiver : public stream_facade<mpsc_receiver<T, Policy, E>> {
    using state_type = mpsc_state<T, Policy>;

public:
    using item_type = T;
    using error_type = E;

    explicit mpsc_receiver(boost::intrusive_ptr<state_type> state) noexcept
        : state_(std::move(state))
    {
    }

    mpsc_receiver(mpsc_receiver&&) noexcept = default;

    mpsc_receiver& operator=(mpsc_receiver&& other) noexcept
    {
        if (this != &other) {
            release();
            state_ = std::move(other.state_);
        }
        return *this;
    }

    ~mpsc_receiver() { release(); }

    /** The oldest queued item; the end once no item can come; else not ready.

        Taking an item unparks the oldest parked sender and notifies its
        task. Not ready registers the current task, notified when an item
        is queued, the last sender goes or the channel is closed.
    */
    stream_poll_result<T, E> poll_next()
    {
        BOOST_ASSERT_MSG(state_, "mpsc receiver used after move");
        std::optional<T> item;
        std::optional<task> wake;
        {
            std::lock_guard lock(state_->mutex);
            if (!state_->queue.empty()) {
                item.emplace(state_->queue.pop_front());
                wake = state_->unpark_one();
            } else if (state_->senders == 0 || state_->closed) {
                return ready(std::nullopt);
            } else {
                state_->receiver_task.register_current();
                return not_ready;
            }
        }
        notify(wake);
        return ready(std::move(item));
    }

    /** Refuses new items; those queued are still delivered, then the stream ends.

        Parked senders are unparked and their tasks notified; their sends
        fail with `channel_closed` from now on.
    */
    void close()
    {
        BOOST_ASSERT(state_);
        std::vector<task> wake;
        {
            std::lock_guard lock(state_->mutex);
            state_->close(wake);
        }
        notify_all(wake);
    }

private:
    void release() noexcept
    {
        if (!state_)
            return;
        ring_buffer<T> dropped;
        std::vector<task> wake;
        {
            std::lock_guard lock(state_->mutex);
            state_->close(wake);
            state_->receiver_task.reset();
            dropped.swap(state_->queue);
        }
        state_.reset();
        notify_all(wake);
    }

    boost::intrusive_ptr<state_type> state_;
};

} // namespace protokit::future::detail

#endif

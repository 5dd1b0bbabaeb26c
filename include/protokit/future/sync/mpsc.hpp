// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SYNC_MPSC_HPP
#define PROTOKIT_FUTURE_SYNC_MPSC_HPP

#include <protokit/future/detail/mpsc.hpp>
#include <protokit/future/poll.hpp>
#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/future/sync/send_result.hpp>

#include <cstddef>
#include <utility>

/** Multi-producer, single-consumer channels between tasks on any threads.

    futures-rs's `sync::mpsc`.

    `channel<T>(n)` is bounded: it holds `n` items plus one per sender (each
    sender has a guaranteed slot; a sender that used it is parked until the
    receiver takes an item). `unbounded<T>()` never pushes back. Senders
    are copyable Sinks of `T` (their Sink error, a `send_error<T>`, hands
    back an item the closed channel refused); the receiver is a Stream of
    `T` that ends once every sender is gone (or the channel is closed) and
    the queue is drained. It never fails; its error type is `E`, the
    user's choice. A task blocked on either side is notified through
    `task::notify`, from whichever thread made room or queued an item.
    The queue reuses its storage: once grown, sending allocates nothing.
*/
namespace protokit::future::sync::mpsc {

/// The sending end of a bounded thread-safe channel (copyable; a Sink of `T`).
template <class T>
using sender = future::detail::mpsc_sender<T, future::detail::thread_safe_policy>;

/// The sending end of an unbounded thread-safe channel (copyable; a Sink of `T`).
template <class T>
using unbounded_sender =
    future::detail::mpsc_unbounded_sender<T, future::detail::thread_safe_policy>;

/// The receiving end of a thread-safe channel: a Stream of `T` with the error type `E` (it never
/// fails).
template <class T, class E = error_code>
using receiver = future::detail::mpsc_receiver<T, future::detail::thread_safe_policy, E>;

/// A bounded thread-safe channel with room for `buffer` items plus one per sender.
template <class T, class E = error_code>
std::pair<sender<T>, receiver<T, E>> channel(std::size_t buffer)
{
    using state_type = future::detail::mpsc_state<T, future::detail::thread_safe_policy>;
    auto state = future::detail::make_counted<state_type>(buffer);
    return {sender<T>(state), receiver<T, E>(state)};
}

/// An unbounded thread-safe channel.
template <class T, class E = error_code>
std::pair<unbounded_sender<T>, receiver<T, E>> unbounded()
{
    using state_type = future::detail::mpsc_state<T, future::detail::thread_safe_policy>;
    auto state = future::detail::make_counted<state_type>(std::nullopt);
    return {unbounded_sender<T>(state), receiver<T, E>(state)};
}

} // namespace protokit::future::sync::mpsc

#endif

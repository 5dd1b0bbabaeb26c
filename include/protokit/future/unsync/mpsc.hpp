// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_UNSYNC_MPSC_HPP
#define PROTOKIT_FUTURE_UNSYNC_MPSC_HPP

#include <protokit/future/detail/mpsc.hpp>
#include <protokit/future/poll.hpp>
#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/future/sync/send_result.hpp>

#include <cstddef>
#include <utility>

namespace protokit::future::unsync {

/// The result of a send that does not wait: sent, or the item handed back.
using sync::send_result;

/// The Sink error of a sender: why the send failed, with the item handed back.
using sync::send_error;

} // namespace protokit::future::unsync

/** Multi-producer, single-consumer channels between tasks of one thread.

    futures-rs's `unsync::mpsc`.

    The API of `sync::mpsc`, without a mutex or atomic counts: every end
    must be used on the same thread. One difference, as in futures 0.1: a
    bounded channel holds exactly its buffer (which must be at least 1),
    with no extra slot per sender; a sender that finds it full waits, and
    each item taken wakes the sender that has waited longest.
*/
namespace protokit::future::unsync::mpsc {

/// The sending end of a bounded single-thread channel (copyable; a Sink of `T`).
template <class T>
using sender = future::detail::mpsc_sender<T, future::detail::single_thread_policy>;

/// The sending end of an unbounded single-thread channel (copyable; a Sink of `T`).
template <class T>
using unbounded_sender =
    future::detail::mpsc_unbounded_sender<T, future::detail::single_thread_policy>;

/// The receiving end of a single-thread channel: a Stream of `T` with the error type `E` (it never
/// fails).
template <class T, class E = error_code>
using receiver = future::detail::mpsc_receiver<T, future::detail::single_thread_policy, E>;

/// A bounded single-thread channel that holds `buffer` items (at least 1).
template <class T, class E = error_code>
std::pair<sender<T>, receiver<T, E>> channel(std::size_t buffer)
{
    using state_type = future::detail::mpsc_state<T, future::detail::single_thread_policy>;
    auto state = future::detail::make_counted<state_type>(buffer);
    return {sender<T>(state), receiver<T, E>(state)};
}

/// An unbounded single-thread channel.
template <class T, class E = error_code>
std::pair<unbounded_sender<T>, receiver<T, E>> unbounded()
{
    using state_type = future::detail::mpsc_state<T, future::detail::single_thread_policy>;
    auto state = future::detail::make_counted<state_type>(std::nullopt);
    return {unbounded_sender<T>(state), receiver<T, E>(state)};
}

} // namespace protokit::future::unsync::mpsc

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_UNSYNC_ONESHOT_HPP
#define PROTOKIT_FUTURE_UNSYNC_ONESHOT_HPP

#include <protokit/future/detail/oneshot.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/sync/send_result.hpp>

#include <protokit/future/concepts.hpp>
#include <protokit/future/executor.hpp>

#include <utility>

namespace protokit::future::unsync {

/// The result of a send that does not wait: sent, or the item handed back.
using sync::send_result;

} // namespace protokit::future::unsync

/** A channel for one value, between tasks of one thread (futures-rs's `unsync::oneshot`).

    The same API and contract as `sync::oneshot`, without a mutex or atomic
    counts: both ends must be used on the same thread.
*/
namespace protokit::future::unsync::oneshot {

/// The sending end of a single-thread oneshot channel (move-only).
template <class T>
using sender = future::detail::oneshot_sender<T, future::detail::single_thread_policy>;

/// The receiving end of a single-thread oneshot channel: a Future of `T`, failing with `E`.
template <class T, class E = error_code>
using receiver = future::detail::oneshot_receiver<T, future::detail::single_thread_policy, E>;

/// The future `spawn` returns: the spawned future's outcome; dropping it cancels that future.
template <class T, class E>
using spawn_handle = future::detail::spawn_handle<T, E, future::detail::single_thread_policy>;

/// A new single-thread oneshot channel: {sender, receiver}; the receiver fails with `E`.
template <class T, class E = error_code>
std::pair<sender<T>, receiver<T, E>> channel()
{
    return future::detail::make_oneshot<T, future::detail::single_thread_policy, E>();
}

/** Runs `f` on `executor` and returns a future of its outcome (futures 0.1's `oneshot::spawn`).

    The handle may be polled by another task than the one running `f`, on
    the same thread. Dropping it drops `f` at its next poll,
    unless `std::move(handle).forget()` was called first.
*/
template <Future F, Executor X>
spawn_handle<typename F::item_type, typename F::error_type> spawn(F f, X const& executor)
{
    return future::detail::spawn_on<future::detail::single_thread_policy>(std::move(f), executor);
}

} // namespace protokit::future::unsync::oneshot

#endif

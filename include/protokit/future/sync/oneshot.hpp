// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SYNC_ONESHOT_HPP
#define PROTOKIT_FUTURE_SYNC_ONESHOT_HPP

#include <protokit/future/detail/oneshot.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/sync/send_result.hpp>

#include <protokit/future/concepts.hpp>
#include <protokit/future/executor.hpp>

#include <utility>

/** A channel for one value, between tasks on any threads (futures-rs's `sync::oneshot`).

    `auto [tx, rx] = oneshot::channel<T>();` The receiver is a Future of the
    value; `std::move(tx).send(v)` completes it. Either side learns when the
    other gives up: the receiver fails with `protokit::error::canceled` if
    the sender is dropped without sending; the sender's `poll_cancel()` is
    ready, and `send` hands the value back, once the receiver is dropped or
    closed. Each side's task is notified through `task::notify`, so the
    other side may run on another reactor or a thread blocked in `wait`.
*/
namespace protokit::future::sync::oneshot {

/// The sending end of a thread-safe oneshot channel (move-only).
template <class T>
using sender = future::detail::oneshot_sender<T, future::detail::thread_safe_policy>;

/// The receiving end of a thread-safe oneshot channel: a Future of `T`, failing with `E`.
template <class T, class E = error_code>
using receiver = future::detail::oneshot_receiver<T, future::detail::thread_safe_policy, E>;

/// The future `spawn` returns: the spawned future's outcome; dropping it cancels that future.
template <class T, class E>
using spawn_handle = future::detail::spawn_handle<T, E, future::detail::thread_safe_policy>;

/// A new thread-safe oneshot channel: {sender, receiver}; the receiver fails with `E`.
template <class T, class E = error_code>
std::pair<sender<T>, receiver<T, E>> channel()
{
    return future::detail::make_oneshot<T, future::detail::thread_safe_policy, E>();
}

/** Runs `f` on `executor` and returns a future of its outcome (futures 0.1's `oneshot::spawn`).

    The handle may be polled elsewhere than `f` runs: on another task, or
    on another thread. Dropping it drops `f` at its next poll,
    unless `std::move(handle).forget()` was called first.
*/
template <Future F, Executor X>
spawn_handle<typename F::item_type, typename F::error_type> spawn(F f, X const& executor)
{
    return future::detail::spawn_on<future::detail::thread_safe_policy>(std::move(f), executor);
}

} // namespace protokit::future::sync::oneshot

#endif

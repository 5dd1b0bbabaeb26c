#ifndef PROTOKIT_FUTURE_SYNC_ONESHOT_HPP
#define PROTOKIT_FUTURE_SYNC_ONESHOT_HPP

#include <protokit/future/sync/detail/oneshot.hpp>
#include <protokit/future/sync/send_result.hpp>

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
using sender = detail::oneshot_sender<T, detail::thread_safe_policy>;

/// The receiving end of a thread-safe oneshot channel: a Future of `T`.
template <class T>
using receiver = detail::oneshot_receiver<T, detail::thread_safe_policy>;

/// A new thread-safe oneshot channel: {sender, receiver}.
template <class T>
std::pair<sender<T>, receiver<T>> channel()
{
    return detail::make_oneshot<T, detail::thread_safe_policy>();
}

} // namespace protokit::future::sync::oneshot

#endif

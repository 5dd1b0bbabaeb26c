#ifndef PROTOKIT_FUTURE_UNSYNC_ONESHOT_HPP
#define PROTOKIT_FUTURE_UNSYNC_ONESHOT_HPP

#include <protokit/future/sync/detail/oneshot.hpp>
#include <protokit/future/sync/send_result.hpp>

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
using sender = sync::detail::oneshot_sender<T, sync::detail::single_thread_policy>;

/// The receiving end of a single-thread oneshot channel: a Future of `T`.
template <class T>
using receiver = sync::detail::oneshot_receiver<T, sync::detail::single_thread_policy>;

/// A new single-thread oneshot channel: {sender, receiver}.
template <class T>
std::pair<sender<T>, receiver<T>> channel()
{
    return sync::detail::make_oneshot<T, sync::detail::single_thread_policy>();
}

} // namespace protokit::future::unsync::oneshot

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_CONCEPTS_HPP
#define PROTOKIT_FUTURE_CONCEPTS_HPP

#include <protokit/future/poll.hpp>

#include <concepts>
#include <optional>

namespace protokit::future {

/** A value that will be ready later: `poll()` until it is.

    `poll()` returns ready (with `item_type`), not ready, or an error
    (`error_type`). Not ready promises that the current task is registered
    to be notified. Polling again after ready or error is a contract
    violation (wrap it in `fuse` to make that safe).
*/
template <class F>
concept Future = std::move_constructible<F> && requires(F& f) {
    typename F::item_type;
    typename F::error_type;
    { f.poll() } -> std::same_as<poll_result<typename F::item_type, typename F::error_type>>;
};

/** A sequence of values that arrive later: `poll_next()` until it ends.

    `poll_next()` returns ready with an item, ready with `std::nullopt` (the
    stream has ended), not ready (the current task is registered), or an
    error. As in futures 0.1, an error does not by itself end a stream.
*/
template <class S>
concept Stream = std::move_constructible<S> && requires(S& s) {
    typename S::item_type;
    typename S::error_type;
    {
        s.poll_next()
    } -> std::same_as<poll_result<std::optional<typename S::item_type>, typename S::error_type>>;
};

/** Something that takes values, with backpressure.

    `start_send(item)` accepts the item or hands it back (not ready: the
    current task will be notified when there is room); `poll_complete()`
    is ready once everything accepted has been flushed; `close()` flushes
    and closes.
*/
template <class S>
concept Sink = requires(S& s, typename S::sink_item_type&& item) {
    typename S::sink_item_type;
    typename S::sink_error_type;
    {
        s.start_send(std::move(item))
    } -> std::same_as<start_send_result<typename S::sink_item_type, typename S::sink_error_type>>;
    { s.poll_complete() } -> std::same_as<poll_result<unit, typename S::sink_error_type>>;
    { s.close() } -> std::same_as<poll_result<unit, typename S::sink_error_type>>;
};

/// The value type of a future or a stream.
template <class F>
using item_t = typename F::item_type;

/// The error type of a future or a stream.
template <class F>
using error_t_of = typename F::error_type;

} // namespace protokit::future

#endif

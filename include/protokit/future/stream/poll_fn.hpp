// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_POLL_FN_HPP
#define PROTOKIT_FUTURE_STREAM_POLL_FN_HPP

#include <protokit/future/stream_facade.hpp>

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

namespace detail {

template <class R>
struct stream_poll_traits {
    static_assert(sizeof(R) == 0,
                  "protokit: stream_poll_fn needs a function returning a stream_poll_result");
};

template <class T, class E>
struct stream_poll_traits<poll_result<std::optional<T>, E>> {
    using item_type = T;
    using error_type = E;
};

} // namespace detail

/// The stream of `stream_poll_fn(g)`: each poll is a call of `g()`.
template <class G>
class poll_fn_stream : public stream_facade<poll_fn_stream<G>> {
    using traits = detail::stream_poll_traits<std::invoke_result_t<G&>>;

public:
    using item_type = typename traits::item_type;
    using error_type = typename traits::error_type;

    /// A stream polled by `g`.
    explicit poll_fn_stream(G g) : g_(std::move(g)) {}

    /// `g()`.
    stream_poll_result<item_type, error_type> poll_next() { return std::invoke(g_); }

private:
    G g_;
};

/** A stream whose `poll_next()` is `g()`, a function returning a `stream_poll_result`.

    futures-rs's `stream::poll_fn` (`poll_fn` is the future's). `g` keeps
    the stream's contract: it returns not ready only once the current task
    is registered to be notified.
*/
template <class G>
poll_fn_stream<std::decay_t<G>> stream_poll_fn(G&& g)
{
    return poll_fn_stream<std::decay_t<G>>(std::forward<G>(g));
}

} // namespace protokit::future

#endif

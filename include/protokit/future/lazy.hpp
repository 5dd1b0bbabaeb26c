// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_LAZY_HPP
#define PROTOKIT_FUTURE_LAZY_HPP

#include <protokit/future/detail/into_future.hpp>
#include <protokit/future/future_facade.hpp>

#include <functional>
#include <type_traits>
#include <utility>
#include <variant>

namespace protokit::future {

/** The future of `lazy(g)`: calls `g()` on the first poll, then polls what it returned.

    `g` returns a future, or a `boost::system::result` taken as ready.
*/
template <class G>
class lazy_future : public future_facade<lazy_future<G>> {
    using inner_type = detail::into_future_t<std::invoke_result_t<G&&>>;

public:
    using item_type = typename inner_type::item_type;
    using error_type = typename inner_type::error_type;

    explicit lazy_future(G g) : state_(std::in_place_index<0>, std::move(g)) {}

    poll_result<item_type, error_type> poll()
    {
        if (state_.index() == 0) {
            G g = std::move(std::get<0>(state_));
            state_.template emplace<1>(detail::into_future(std::invoke(std::move(g))));
        }
        return std::get<1>(state_).poll();
    }

private:
    std::variant<G, inner_type> state_;
};

/// A future made by `g()` when it is first polled (futures-rs's `future::lazy`).
template <class G>
lazy_future<std::decay_t<G>> lazy(G&& g)
{
    return lazy_future<std::decay_t<G>>(std::forward<G>(g));
}

namespace detail {

template <class P>
struct poll_result_traits;

template <class T, class E>
struct poll_result_traits<poll_result<T, E>> {
    using item_type = T;
    using error_type = E;
};

} // namespace detail

/// The future of `poll_fn(g)`: each poll is a call of `g()`.
template <class G>
class poll_fn_future : public future_facade<poll_fn_future<G>> {
    using traits = detail::poll_result_traits<std::invoke_result_t<G&>>;

public:
    using item_type = typename traits::item_type;
    using error_type = typename traits::error_type;

    explicit poll_fn_future(G g) : g_(std::move(g)) {}

    poll_result<item_type, error_type> poll() { return std::invoke(g_); }

private:
    G g_;
};

/** A future whose `poll()` is `g()`, a function returning a `poll_result`.

    `g` keeps the future's contract: it returns not ready only once the
    current task is registered to be notified.
*/
template <class G>
poll_fn_future<std::decay_t<G>> poll_fn(G&& g)
{
    return poll_fn_future<std::decay_t<G>>(std::forward<G>(g));
}

} // namespace protokit::future

#endif

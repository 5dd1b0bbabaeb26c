// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_UNFOLD_HPP
#define PROTOKIT_FUTURE_STREAM_UNFOLD_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/detail/stream_lift.hpp>
#include <protokit/future/stream_facade.hpp>

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace protokit::future {

namespace detail {

template <class State, class G>
struct unfold_types {
    using step = invoke_unit_result_t<G&, State&&>;
    static_assert(
        requires { typename step::value_type; } &&
            std::is_same_v<step, std::optional<typename step::value_type>>,
        "protokit: unfold's function must return a std::optional of a future");
    static_assert(is_future_or_result_v<typename step::value_type>,
                  "protokit: unfold's function must return a std::optional of a future "
                  "(or of a boost::system::result)");
    using future_type = lifted_future_t<typename step::value_type, error_code>;
    using pair_type = typename future_type::item_type;
    using item_type = typename pair_type::first_type;
    using error_type = typename future_type::error_type;
};

} // namespace detail

/** The stream of `unfold(state, g)`: items made one by one from a state.

    `g(state)` returns `std::nullopt` to end the stream, or a future of the
    pair (item, next state). As in futures 0.1, if that future fails, its
    error is yielded and the stream ends: the state went into the future.
*/
template <class State, class G>
class unfold_stream : public stream_facade<unfold_stream<State, G>> {
    using types = detail::unfold_types<State, G>;
    using future_type = typename types::future_type;

public:
    using item_type = typename types::item_type;
    using error_type = typename types::error_type;

    unfold_stream(State state, G g) : g_(std::move(g))
    {
        step_.template emplace<1>(std::move(state));
    }

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (step_.index() == 0)
            return end_of_stream;
        if (step_.index() == 1) {
            State state = std::move(std::get<1>(step_));
            step_.template emplace<0>();
            auto next = detail::invoke_unit(g_, std::move(state));
            if (!next)
                return end_of_stream;
            step_.template emplace<2>(detail::lift_future<error_type>(std::move(*next)));
        }
        auto r = std::get<2>(step_).poll();
        if (r.is_not_ready())
            return not_ready;
        if (r.is_error()) {
            step_.template emplace<0>();
            return fail(std::move(r).error());
        }
        auto [item, state] = std::move(r).value();
        step_.template emplace<1>(std::move(state));
        return ready(std::optional<item_type>(std::move(item)));
    }

private:
    G g_;
    std::variant<std::monostate, State, future_type> step_;
};

/// A stream made by `g` from a state (futures-rs's `stream::unfold`).
template <class State, class G>
unfold_stream<std::decay_t<State>, std::decay_t<G>> unfold(State&& state, G&& g)
{
    return {std::forward<State>(state), std::forward<G>(g)};
}

} // namespace protokit::future

#endif

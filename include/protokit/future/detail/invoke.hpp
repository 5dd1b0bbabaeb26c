#ifndef PROTOKIT_FUTURE_DETAIL_INVOKE_HPP
#define PROTOKIT_FUTURE_DETAIL_INVOKE_HPP

#include <protokit/future/poll.hpp>

#include <functional>
#include <type_traits>
#include <utility>

namespace protokit::future::detail {

/** Calls a user function on the values of a future, in the C++ way.

    A `unit` argument may be taken by a function of no arguments, and a
    function returning `void` yields `unit`, so that `[] { ... }` works where
    futures-rs would write `|()| ...`.
*/
template <class G, class... A>
constexpr decltype(auto) invoke_unit(G&& g, A&&... a)
{
    if constexpr (std::is_invocable_v<G, A...>) {
        if constexpr (std::is_void_v<std::invoke_result_t<G, A...>>) {
            std::invoke(std::forward<G>(g), std::forward<A>(a)...);
            return unit{};
        } else {
            return std::invoke(std::forward<G>(g), std::forward<A>(a)...);
        }
    } else {
        static_assert(sizeof...(A) == 1 && (std::is_same_v<std::remove_cvref_t<A>, unit> && ...),
                      "protokit: the function cannot be called with this value");
        static_assert(std::is_invocable_v<G>, "protokit: the function cannot be called with this value");
        if constexpr (std::is_void_v<std::invoke_result_t<G>>) {
            std::invoke(std::forward<G>(g));
            return unit{};
        } else {
            return std::invoke(std::forward<G>(g));
        }
    }
}

/// True if `invoke_unit` accepts these arguments.
template <class G, class... A>
inline constexpr bool is_invocable_unit_v =
    std::is_invocable_v<G, A...> ||
    (sizeof...(A) == 1 && (std::is_same_v<std::remove_cvref_t<A>, unit> && ...) &&
     std::is_invocable_v<G>);

/// The decayed result of `invoke_unit`.
template <class G, class... A>
using invoke_unit_result_t =
    std::remove_cvref_t<decltype(invoke_unit(std::declval<G>(), std::declval<A>()...))>;

} // namespace protokit::future::detail

#endif

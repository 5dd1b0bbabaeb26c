// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_INVOKE_HPP
#define PROTOKIT_FUTURE_DETAIL_INVOKE_HPP

#include <protokit/future/poll.hpp>

#include <cstddef>
#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace protokit::future::detail {

template <class T>
struct is_pair_or_tuple : std::false_type {
};

template <class A, class B>
struct is_pair_or_tuple<std::pair<A, B>> : std::true_type {
};

template <class... Ts>
struct is_pair_or_tuple<std::tuple<Ts...>> : std::true_type {
};

template <class G, class Tuple, std::size_t... I>
constexpr bool is_applicable_impl(std::index_sequence<I...>) noexcept
{
    return std::is_invocable_v<G, decltype(std::get<I>(std::declval<Tuple>()))...>;
}

/// True if `g` can be called with the elements of `Tuple` (a `std::pair` or `std::tuple`).
template <class G, class Tuple>
constexpr bool is_applicable() noexcept
{
    using plain = std::remove_cvref_t<Tuple>;
    if constexpr (is_pair_or_tuple<plain>::value)
        return is_applicable_impl<G, Tuple>(std::make_index_sequence<std::tuple_size_v<plain>>{});
    else
        return false;
}

template <class G, class Tuple, std::size_t... I>
constexpr decltype(auto) apply_impl(G&& g, Tuple&& t, std::index_sequence<I...>)
{
    return std::invoke(std::forward<G>(g), std::get<I>(std::forward<Tuple>(t))...);
}

template <class G, class Tuple>
constexpr decltype(auto) apply(G&& g, Tuple&& t)
{
    return apply_impl(std::forward<G>(g), std::forward<Tuple>(t),
                      std::make_index_sequence<std::tuple_size_v<std::remove_cvref_t<Tuple>>>{});
}

/// `g` applied to `a...` as `invoke_unit` chooses, without the `void` to `unit` step.
template <class G, class... A>
constexpr decltype(auto) invoke_plain(G&& g, A&&... a)
{
    if constexpr (std::is_invocable_v<G, A...>) {
        return std::invoke(std::forward<G>(g), std::forward<A>(a)...);
    } else if constexpr (sizeof...(A) == 1 &&
                         (std::is_same_v<std::remove_cvref_t<A>, unit> && ...)) {
        static_assert(std::is_invocable_v<G>,
                      "protokit: the function cannot be called with this value");
        return std::invoke(std::forward<G>(g));
    } else {
        static_assert(sizeof...(A) == 1 && (is_applicable<G, A>() && ...),
                      "protokit: the function cannot be called with this value");
        return detail::apply(std::forward<G>(g), std::forward<A>(a)...);
    }
}

/** Calls a user function on the values of a future, in the C++ way.

    A `unit` argument may be taken by a function of no arguments, and a
    function returning `void` yields `unit`, so that `[] { ... }` works where
    futures-rs would write `|()| ...`. A `std::pair` or `std::tuple` value
    may be taken by a function of its elements, so that
    `[](auto io, auto buf) { ... }` works where futures-rs would write
    `|(io, buf)| ...`.
*/
template <class G, class... A>
constexpr decltype(auto) invoke_unit(G&& g, A&&... a)
{
    using result = decltype(invoke_plain(std::forward<G>(g), std::forward<A>(a)...));
    if constexpr (std::is_void_v<result>) {
        invoke_plain(std::forward<G>(g), std::forward<A>(a)...);
        return unit{};
    } else {
        return invoke_plain(std::forward<G>(g), std::forward<A>(a)...);
    }
}

/// True if `invoke_unit` accepts these arguments.
template <class G, class... A>
inline constexpr bool is_invocable_unit_v = std::is_invocable_v<G, A...> ||
                                            (sizeof...(A) == 1 &&
                                             (std::is_same_v<std::remove_cvref_t<A>, unit> &&
                                              ...) &&
                                             std::is_invocable_v<G>) ||
                                            (sizeof...(A) == 1 && (is_applicable<G, A>() && ...));

/// The decayed result of `invoke_unit`.
template <class G, class... A>
using invoke_unit_result_t =
    std::remove_cvref_t<decltype(invoke_unit(std::declval<G>(), std::declval<A>()...))>;

} // namespace protokit::future::detail

#endif

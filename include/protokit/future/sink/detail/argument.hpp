// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_DETAIL_ARGUMENT_HPP
#define PROTOKIT_FUTURE_SINK_DETAIL_ARGUMENT_HPP

#include <type_traits>

namespace protokit::future::detail {

/// The default of `with<U>` and `with_flat_map<U>`: take `U` from the function's parameter.
struct deduce_argument {};

template <class F, class = void>
struct sole_argument {
};

template <class R, class A>
struct sole_argument<R (*)(A), void> {
    using type = A;
};
template <class R, class A>
struct sole_argument<R (*)(A) noexcept, void> {
    using type = A;
};

template <class C, class R, class A>
struct sole_argument<R (C::*)(A), void> {
    using type = A;
};
template <class C, class R, class A>
struct sole_argument<R (C::*)(A) const, void> {
    using type = A;
};
template <class C, class R, class A>
struct sole_argument<R (C::*)(A) noexcept, void> {
    using type = A;
};
template <class C, class R, class A>
struct sole_argument<R (C::*)(A) const noexcept, void> {
    using type = A;
};

template <class F>
struct sole_argument<F, std::void_t<decltype(&F::operator())>>
    : sole_argument<decltype(&F::operator())> {
};

/** The item type of a sink made by `with`: `U` if given, else what `F` takes.

    Deduction needs a function (or lambda) with one parameter, not a
    template; give `U` explicitly otherwise: `sink.with<U>(f)`.
*/
template <class U, class F>
struct with_argument {
    using type = U;
};

template <class F>
struct with_argument<deduce_argument, F> {
    static_assert(
        requires { typename sole_argument<F>::type; },
        "protokit: cannot deduce the item type from this function; "
        "name it: sink.with<U>(f)");
    using type = std::remove_cvref_t<typename sole_argument<F>::type>;
};

template <class U, class F>
using with_argument_t = typename with_argument<U, F>::type;

} // namespace protokit::future::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_INTO_FUTURE_HPP
#define PROTOKIT_FUTURE_DETAIL_INTO_FUTURE_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/future_fwd.hpp>

#include <boost/system/result.hpp>

#include <type_traits>
#include <utility>

namespace protokit::future::detail {

template <class X>
struct is_system_result : std::false_type {
};

template <class T, class E>
struct is_system_result<boost::system::result<T, E>> : std::true_type {
};

/// What a user function may return where a future is expected: a future, or a ready result.
template <class X>
concept IntoFuture = Future<X> || is_system_result<X>::value;

template <class X>
struct into_future_traits {
    static_assert(IntoFuture<X>,
                  "protokit: the function must return a Future or a boost::system::result");
};

template <Future X>
struct into_future_traits<X> {
    using type = X;
};

template <class T, class E>
struct into_future_traits<boost::system::result<T, E>> {
    using type = ready_future<std::conditional_t<std::is_void_v<T>, unit, T>, E>;
};

/// The future made of `X` by `into_future`.
template <class X>
using into_future_t = typename into_future_traits<std::remove_cvref_t<X>>::type;

/// A future as is; a `boost::system::result` as a ready future.
template <class X>
into_future_t<X> into_future(X&& x)
{
    using future_type = into_future_t<X>;
    if constexpr (Future<std::remove_cvref_t<X>>) {
        return std::forward<X>(x);
    } else if constexpr (std::is_void_v<typename std::remove_cvref_t<X>::value_type>) {
        if (x.has_value())
            return future_type(ready());
        return future_type(fail(x.error()));
    } else {
        if (x.has_value())
            return future_type(ready(*std::forward<X>(x)));
        return future_type(fail(x.error()));
    }
}

/// The outcome of a poll, with its value and error converted to `T` and `E`.
template <class T, class E, class U, class G>
poll_result<T, E> convert_poll(poll_result<U, G>&& r)
{
    if constexpr (std::is_same_v<T, U> && std::is_same_v<E, G>) {
        return std::move(r);
    } else {
        if (r.is_ready())
            return ready_t<T>{T(std::move(r).value())};
        if (r.is_error())
            return error_t<E>{E(std::move(r).error())};
        return not_ready;
    }
}

/// A completed poll as a `boost::system::result`.
template <class T, class E>
boost::system::result<T, E> to_result(poll_result<T, E>&& r)
{
    BOOST_ASSERT(!r.is_not_ready());
    if (r.is_ready())
        return boost::system::result<T, E>(boost::system::in_place_value, std::move(r).value());
    return boost::system::result<T, E>(boost::system::in_place_error, std::move(r).error());
}

} // namespace protokit::future::detail

#endif

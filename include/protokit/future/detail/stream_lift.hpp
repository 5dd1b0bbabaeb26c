// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_STREAM_LIFT_HPP
#define PROTOKIT_FUTURE_DETAIL_STREAM_LIFT_HPP

// What a stream combinator makes of a user callback's return value where a
// future is expected: a Future is used as it is; a `boost::system::result`
// (and, where the combinator allows it, a plain value) becomes a future
// that is ready at its first poll.

#include <protokit/future/concepts.hpp>

#include <boost/assert.hpp>
#include <boost/system/result.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future::detail {

/// A future ready at its first poll, with a value or an error.
template <class T, class E>
class lifted_ready_future {
public:
    using item_type = T;
    using error_type = E;

    explicit lifted_ready_future(poll_result<T, E> r) : result_(std::move(r)) {}

    poll_result<T, E> poll()
    {
        BOOST_ASSERT_MSG(!taken_, "lifted_ready_future polled after completion");
        taken_ = true;
        return std::move(result_);
    }

private:
    poll_result<T, E> result_;
    bool taken_ = false;
};

/// True for `boost::system::result<T, E>`.
template <class X>
struct is_boost_result : std::false_type {
};

template <class T, class E>
struct is_boost_result<boost::system::result<T, E>> : std::true_type {
};

template <class X>
inline constexpr bool is_boost_result_v = is_boost_result<std::remove_cvref_t<X>>::value;

/// True if a callback result is a Future or a `boost::system::result`.
template <class X>
inline constexpr bool is_future_or_result_v =
    Future<std::remove_cvref_t<X>> || is_boost_result_v<X>;

template <class X, class E>
struct lifted_future {
    using type = lifted_ready_future<X, E>;
};

template <Future X, class E>
struct lifted_future<X, E> {
    using type = X;
};

template <class T, class R, class E>
struct lifted_future<boost::system::result<T, R>, E> {
    using type = lifted_ready_future<std::conditional_t<std::is_void_v<T>, unit, T>, R>;
};

/** The future a callback result `X` stands for.

    `E` is the error type given to a plain value, which cannot fail.
*/
template <class X, class E>
using lifted_future_t = typename lifted_future<std::remove_cvref_t<X>, E>::type;

/// Turns a callback result into the future it stands for.
template <class E, class X>
lifted_future_t<X, E> lift_future(X&& x)
{
    using D = std::remove_cvref_t<X>;
    using F = lifted_future_t<X, E>;
    if constexpr (Future<D>) {
        return std::forward<X>(x);
    } else if constexpr (is_boost_result_v<D>) {
        if (!x.has_value())
            return F(fail(x.error()));
        if constexpr (std::is_void_v<typename D::value_type>)
            return F(ready());
        else
            return F(ready(std::move(*x)));
    } else {
        return F(ready(std::forward<X>(x)));
    }
}

} // namespace protokit::future::detail

#endif

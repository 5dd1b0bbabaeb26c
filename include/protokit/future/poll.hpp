// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_POLL_HPP
#define PROTOKIT_FUTURE_POLL_HPP

#include <boost/assert.hpp>
#include <boost/system/error_code.hpp>

#include <concepts>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace protokit::future {

/// The value of a future or stream that yields nothing (futures-rs's `()`).
struct unit {
    friend constexpr bool operator==(unit, unit) noexcept { return true; }
};

/// The default error type of protokit's futures, streams and sinks.
using error_code = boost::system::error_code;

/// Tag of the "not ready" outcome of a poll: the current task will be notified.
struct not_ready_t {
    explicit constexpr not_ready_t() = default;
    friend constexpr bool operator==(not_ready_t, not_ready_t) noexcept { return true; }
};

/// The "not ready" outcome of a poll.
inline constexpr not_ready_t not_ready{};

/// A ready value on its way into a `poll_result` or an `async`.
template <class T>
struct ready_t {
    T value;
};

/// Wraps a ready value: `return ready(42);`.
template <class T>
constexpr ready_t<std::decay_t<T>> ready(T&& value)
{
    return {std::forward<T>(value)};
}

/// The ready value of a future whose item is `unit`.
constexpr ready_t<unit> ready() noexcept { return {unit{}}; }

/// A ready stream item that ends the stream.
inline constexpr ready_t<std::nullopt_t> end_of_stream{std::nullopt};

/// An error on its way into a `poll_result`.
template <class E>
struct error_t {
    E error;
};

/// Wraps an error: `return fail(make_error_code(error::eof));`.
template <class E>
constexpr error_t<std::decay_t<E>> fail(E&& e)
{
    return {std::forward<E>(e)};
}

/// futures-rs's `Async<T>`: a value is ready, or the current task will be notified.
template <class T>
class async {
public:
    using value_type = T;

    constexpr async(not_ready_t) noexcept : v_(std::in_place_index<0>) {}

    template <class U>
        requires std::constructible_from<T, U&&>
    constexpr async(ready_t<U>&& r) : v_(std::in_place_index<1>, std::move(r.value))
    {
    }

    constexpr bool is_ready() const noexcept { return v_.index() == 1; }
    constexpr bool is_not_ready() const noexcept { return v_.index() == 0; }
    explicit constexpr operator bool() const noexcept { return is_ready(); }

    constexpr T& value() & { return checked(); }
    constexpr T const& value() const& { return std::get<1>(v_); }
    constexpr T&& value() && { return std::move(checked()); }

    friend constexpr bool operator==(async const&, async const&) = default;

private:
    constexpr T& checked()
    {
        BOOST_ASSERT(is_ready());
        return std::get<1>(v_);
    }

    std::variant<not_ready_t, T> v_;
};

/** The outcome of polling a future (or a stream, with `T = std::optional<Item>`).

    futures-rs's `Poll<T, E>`: ready with a value, not ready, or an error.
    Returning not ready promises that the current task has been registered
    to be notified once progress is possible.
*/
template <class T, class E = error_code>
class poll_result {
public:
    using value_type = T;
    using error_type = E;

    constexpr poll_result(not_ready_t) noexcept : v_(std::in_place_index<0>) {}

    template <class U>
        requires std::constructible_from<T, U&&>
    constexpr poll_result(ready_t<U>&& r) : v_(std::in_place_index<1>, std::move(r.value))
    {
    }

    /// From a named ready value, such as `end_of_stream`.
    template <class U>
        requires std::constructible_from<T, U const&>
    constexpr poll_result(ready_t<U> const& r) : v_(std::in_place_index<1>, r.value)
    {
    }

    template <class G>
        requires std::constructible_from<E, G&&>
    constexpr poll_result(error_t<G>&& e) : v_(std::in_place_index<2>, std::move(e.error))
    {
    }

    constexpr bool is_ready() const noexcept { return v_.index() == 1; }
    constexpr bool is_not_ready() const noexcept { return v_.index() == 0; }
    constexpr bool is_error() const noexcept { return v_.index() == 2; }

    constexpr T& value() &
    {
        BOOST_ASSERT(is_ready());
        return std::get<1>(v_);
    }
    constexpr T const& value() const&
    {
        BOOST_ASSERT(is_ready());
        return std::get<1>(v_);
    }
    constexpr T&& value() && { return std::move(value()); }

    constexpr E& error() &
    {
        BOOST_ASSERT(is_error());
        return std::get<2>(v_);
    }
    constexpr E const& error() const&
    {
        BOOST_ASSERT(is_error());
        return std::get<2>(v_);
    }
    constexpr E&& error() && { return std::move(error()); }

    /// The same not-ready or error outcome, for a poll of another item type.
    template <class U>
    constexpr poll_result<U, E> propagate() &&
    {
        BOOST_ASSERT(!is_ready());
        if (is_error())
            return fail(std::move(*this).error());
        return not_ready;
    }

    friend constexpr bool operator==(poll_result const&, poll_result const&) = default;

private:
    std::variant<not_ready_t, T, E> v_;
};

/// The poll of a stream: `std::nullopt` ends it.
template <class T, class E = error_code>
using stream_poll_result = poll_result<std::optional<T>, E>;

/// Tag of a sink that accepted the item given to `start_send`.
struct accepted_t {
    explicit constexpr accepted_t() = default;
    friend constexpr bool operator==(accepted_t, accepted_t) noexcept { return true; }
};

/// The "accepted" outcome of `start_send`.
inline constexpr accepted_t accepted{};

/// An item handed back by a sink that is not ready for it.
template <class T>
struct not_ready_with_t {
    T item;
};

/// Hands an item back from `start_send`: `return not_ready_with(std::move(item));`.
template <class T>
constexpr not_ready_with_t<std::decay_t<T>> not_ready_with(T&& item)
{
    return {std::forward<T>(item)};
}

/** The outcome of `Sink::start_send` (futures-rs's `StartSend<T, E>`).

    Accepted; not ready, with the item handed back (the current task will be
    notified when the sink has room); or an error.
*/
template <class T, class E = error_code>
class start_send_result {
public:
    using item_type = T;
    using error_type = E;

    constexpr start_send_result(accepted_t) noexcept : v_(std::in_place_index<0>) {}

    template <class U>
        requires std::constructible_from<T, U&&>
    constexpr start_send_result(not_ready_with_t<U>&& r)
        : v_(std::in_place_index<1>, std::move(r.item))
    {
    }

    template <class G>
        requires std::constructible_from<E, G&&>
    constexpr start_send_result(error_t<G>&& e) : v_(std::in_place_index<2>, std::move(e.error))
    {
    }

    constexpr bool is_accepted() const noexcept { return v_.index() == 0; }
    constexpr bool is_not_ready() const noexcept { return v_.index() == 1; }
    constexpr bool is_error() const noexcept { return v_.index() == 2; }

    /// The item handed back by a sink that was not ready.
    constexpr T& item() &
    {
        BOOST_ASSERT(is_not_ready());
        return std::get<1>(v_);
    }
    constexpr T&& item() && { return std::move(item()); }

    constexpr E& error() &
    {
        BOOST_ASSERT(is_error());
        return std::get<2>(v_);
    }
    constexpr E const& error() const&
    {
        BOOST_ASSERT(is_error());
        return std::get<2>(v_);
    }
    constexpr E&& error() && { return std::move(error()); }

    friend constexpr bool operator==(start_send_result const&, start_send_result const&) = default;

private:
    std::variant<accepted_t, T, E> v_;
};

} // namespace protokit::future

/** Returns from the enclosing poll unless `expr` (a `poll_result`) is ready.

    Binds the ready value to `var`. The enclosing function's return type
    must be constructible from the propagated not-ready or error outcome
    (every `poll_result` with the same error type is).
*/
#define PROTOKIT_TRY_READY(var, expr)                                                            \
    auto var##_poll_ = (expr);                                                                   \
    if (!var##_poll_.is_ready())                                                                 \
        return ::protokit::future::detail::propagate_poll(std::move(var##_poll_));               \
    auto var = std::move(var##_poll_).value()

namespace protokit::future::detail {

template <class T, class E>
struct propagated_poll {
    poll_result<T, E> inner;

    template <class U, class G>
        requires std::constructible_from<G, E&&>
    constexpr operator poll_result<U, G>() &&
    {
        if (inner.is_error())
            return fail(std::move(inner).error());
        return not_ready;
    }
};

template <class T, class E>
constexpr propagated_poll<T, E> propagate_poll(poll_result<T, E>&& p)
{
    return {std::move(p)};
}

} // namespace protokit::future::detail

#endif

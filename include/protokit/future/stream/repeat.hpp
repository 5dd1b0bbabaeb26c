// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_REPEAT_HPP
#define PROTOKIT_FUTURE_STREAM_REPEAT_HPP

#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

/// The stream of `repeat(value)`: copies of `value`, without end.
template <std::copy_constructible T, class E = error_code>
class repeat_stream : public stream_facade<repeat_stream<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    explicit repeat_stream(T value) : value_(std::move(value)) {}

    stream_poll_result<T, E> poll_next() { return ready(std::optional<T>(value_)); }

private:
    T value_;
};

/// An endless stream of copies of `value` (futures-rs's `stream::repeat`).
template <class E = error_code, class T>
requires std::copy_constructible<std::decay_t<T>> repeat_stream<std::decay_t<T>, E>
repeat(T&& value)
{
    return repeat_stream<std::decay_t<T>, E>(std::forward<T>(value));
}

} // namespace protokit::future

#endif

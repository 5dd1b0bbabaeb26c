// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_STREAM_OPTIONAL_HPP
#define PROTOKIT_FUTURE_DETAIL_STREAM_OPTIONAL_HPP

#include <concepts>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future::detail {

/** A `std::optional` whose copy and move read the value only when there is one.

    The state a combinator keeps between polls (a pending future, a queued
    item or error) is empty when the combinator is made and moved into its
    task. `std::optional` of a trivially copyable type copies its storage
    whole, and GCC 12 at -O2/-O3 then warns (-Wmaybe-uninitialized, an
    error under -Werror) about reading the storage of an empty one. Copying
    member by member, as this does, is what the standard promises anyway.
*/
template <class T>
class stream_optional : public std::optional<T> {
public:
    using std::optional<T>::optional;

    stream_optional() = default;

    stream_optional(stream_optional&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
    {
        if (other)
            this->emplace(std::move(*other));
    }

    stream_optional(stream_optional const& other) requires std::copy_constructible<T>
    {
        if (other)
            this->emplace(*other);
    }

    /// Takes the value of a plain `std::optional`, if it has one.
    stream_optional(std::optional<T>&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
    {
        if (other)
            this->emplace(std::move(*other));
    }

    stream_optional& operator=(stream_optional&&) = default;
    stream_optional& operator=(stream_optional const&) = default;
};

} // namespace protokit::future::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_ITER_OK_HPP
#define PROTOKIT_FUTURE_STREAM_ITER_OK_HPP

#include <protokit/future/stream_facade.hpp>

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <ranges>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::future {

/** The stream of `iter_ok(range)`: the elements of a range, then the end.

    The stream owns the range. The elements of an owning range (a container)
    are moved out as items; those of a view (which may borrow someone
    else's elements) are copied.
*/
template <std::ranges::forward_range R, class E = error_code>
class iter_ok_stream : public stream_facade<iter_ok_stream<R, E>> {
public:
    using item_type = std::ranges::range_value_t<R>;
    using error_type = E;

    explicit iter_ok_stream(R range) : range_(std::move(range)), it_(std::ranges::begin(range_)) {}

    iter_ok_stream(iter_ok_stream&& other)
        : range_(std::move(other.range_)), taken_(other.taken_),
          it_(std::ranges::next(std::ranges::begin(range_), static_cast<difference_type>(taken_)))
    {
    }

    iter_ok_stream(iter_ok_stream const& other) requires std::copy_constructible<R>
        : range_(other.range_),
          taken_(other.taken_),
          it_(std::ranges::next(std::ranges::begin(range_), static_cast<difference_type>(taken_)))
    {
    }

    iter_ok_stream& operator=(iter_ok_stream const&) = delete;

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (it_ == std::ranges::end(range_))
            return end_of_stream;
        ++taken_;
        auto it = it_++;
        if constexpr (std::ranges::view<R>)
            return ready(std::optional<item_type>(*it));
        else
            return ready(std::optional<item_type>(std::ranges::iter_move(it)));
    }

private:
    using difference_type = std::ranges::range_difference_t<R>;

    R range_;
    std::size_t taken_ = 0;
    std::ranges::iterator_t<R> it_;
};

/// A stream of the elements of `range` (futures-rs's `stream::iter_ok`).
template <class E = error_code, std::ranges::forward_range R>
requires std::move_constructible<std::remove_cvref_t<R>> iter_ok_stream<std::remove_cvref_t<R>, E>
iter_ok(R&& range)
{
    return iter_ok_stream<std::remove_cvref_t<R>, E>(std::forward<R>(range));
}

/// A stream of copies of the elements in [`first`, `last`).
template <class E = error_code, std::forward_iterator I, std::sentinel_for<I> S>
iter_ok_stream<std::ranges::subrange<I, S>, E> iter_ok(I first, S last)
{
    return iter_ok_stream<std::ranges::subrange<I, S>, E>(std::ranges::subrange<I, S>(first, last));
}

/// A stream of the values of a braced list: `iter_ok({1, 2, 3})`.
template <class E = error_code, class T>
iter_ok_stream<std::vector<T>, E> iter_ok(std::initializer_list<T> values)
{
    return iter_ok_stream<std::vector<T>, E>(std::vector<T>(values));
}

} // namespace protokit::future

#endif

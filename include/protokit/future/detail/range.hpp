// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_RANGE_HPP
#define PROTOKIT_FUTURE_DETAIL_RANGE_HPP

#include <protokit/future/concepts.hpp>

#include <ranges>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::future::detail {

/// The futures of a range: moved out of an rvalue range, copied out of an lvalue one.
template <class R>
concept FutureRange = std::ranges::input_range<R> && Future<std::ranges::range_value_t<R>>;

/** Fills a vector of `Element` with the futures of `range`, one `make(future)` each.

    The vector is sized once, before the futures are taken.
*/
template <class Element, class R, class Make>
std::vector<Element> collect_futures(R&& range, Make make)
{
    std::vector<Element> out;
    if constexpr (std::ranges::sized_range<R>)
        out.reserve(std::ranges::size(range));
    for (auto&& f : range) {
        if constexpr (std::is_lvalue_reference_v<R>)
            out.push_back(make(f));
        else
            out.push_back(make(std::move(f)));
    }
    return out;
}

} // namespace protokit::future::detail

#endif

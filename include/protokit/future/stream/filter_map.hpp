// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FILTER_MAP_HPP
#define PROTOKIT_FUTURE_STREAM_FILTER_MAP_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/stream_facade.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

namespace detail {

template <class X>
struct filter_map_value {
    static_assert(sizeof(X) == 0, "protokit: filter_map's function must return a std::optional");
};

template <class T>
struct filter_map_value<std::optional<T>> {
    using type = T;
};

} // namespace detail

/// The stream of `s.filter_map(g)`: the values of the `std::optional`s `g(item)` returns.
template <class S, class G>
class filter_map_stream : public stream_facade<filter_map_stream<S, G>> {
    using result_type = detail::invoke_unit_result_t<G&, typename S::item_type&&>;

public:
    using item_type = typename detail::filter_map_value<result_type>::type;
    using error_type = typename S::error_type;

    filter_map_stream(S s, G g) : inner_(std::move(s)), g_(std::move(g)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        for (;;) {
            PROTOKIT_TRY_READY(item, inner_.poll_next());
            if (!item)
                return end_of_stream;
            result_type mapped = detail::invoke_unit(g_, std::move(*item));
            if (mapped)
                return ready(std::move(mapped));
        }
    }

private:
    S inner_;
    G g_;
};

} // namespace protokit::future

#endif

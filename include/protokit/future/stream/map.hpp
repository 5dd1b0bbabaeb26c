// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_MAP_HPP
#define PROTOKIT_FUTURE_STREAM_MAP_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/stream_facade.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/// The stream of `s.map(g)`: `g(item)` for each item; errors pass through.
template <class S, class G>
class map_stream : public stream_facade<map_stream<S, G>> {
public:
    using item_type = detail::invoke_unit_result_t<G&, typename S::item_type&&>;
    using error_type = typename S::error_type;

    map_stream(S s, G g) : inner_(std::move(s)), g_(std::move(g)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        PROTOKIT_TRY_READY(item, inner_.poll_next());
        if (!item)
            return end_of_stream;
        return ready(std::optional<item_type>(detail::invoke_unit(g_, std::move(*item))));
    }

private:
    S inner_;
    G g_;
};

/// The stream of `s.map_err(g)`: `g(error)` for each error; items pass through.
template <class S, class G>
class map_err_stream : public stream_facade<map_err_stream<S, G>> {
public:
    using item_type = typename S::item_type;
    using error_type = detail::invoke_unit_result_t<G&, typename S::error_type&&>;

    map_err_stream(S s, G g) : inner_(std::move(s)), g_(std::move(g)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        auto r = inner_.poll_next();
        if (r.is_ready())
            return ready(std::move(r).value());
        if (r.is_not_ready())
            return not_ready;
        return fail(detail::invoke_unit(g_, std::move(r).error()));
    }

private:
    S inner_;
    G g_;
};

} // namespace protokit::future

#endif

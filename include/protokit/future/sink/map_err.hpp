// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_MAP_ERR_HPP
#define PROTOKIT_FUTURE_SINK_MAP_ERR_HPP

#include <protokit/future/sink_facade.hpp>

#include <functional>
#include <type_traits>
#include <utility>

namespace protokit::future {

/// The sink of `sink.sink_map_err(g)`: the inner sink, with `g(error)` for its errors.
template <class S, class G>
class map_err_sink : public sink_facade<map_err_sink<S, G>> {
    static_assert(Sink<S>, "protokit: sink_map_err needs a Sink");

public:
    using sink_item_type = typename S::sink_item_type;
    using sink_error_type =
        std::remove_cvref_t<std::invoke_result_t<G&, typename S::sink_error_type&&>>;

    /// A sink that maps the errors of `sink` with `g`.
    map_err_sink(S sink, G g) : sink_(std::move(sink)), g_(std::move(g)) {}

    /// Offers `item` to the inner sink; an error becomes `g(error)`.
    start_send_result<sink_item_type, sink_error_type> start_send(sink_item_type item)
    {
        auto r = sink_.start_send(std::move(item));
        if (r.is_not_ready())
            return not_ready_with(std::move(r).item());
        if (r.is_error())
            return fail(std::invoke(g_, std::move(r).error()));
        return accepted;
    }

    /// Flushes the inner sink; an error becomes `g(error)`.
    poll_result<unit, sink_error_type> poll_complete() { return map(sink_.poll_complete()); }

    /// Closes the inner sink; an error becomes `g(error)`.
    poll_result<unit, sink_error_type> close() { return map(sink_.close()); }

    /// The inner sink.
    S& get_ref() noexcept { return sink_; }

    /// The inner sink.
    S into_inner() && { return std::move(sink_); }

private:
    poll_result<unit, sink_error_type> map(poll_result<unit, typename S::sink_error_type>&& r)
    {
        if (r.is_ready())
            return ready();
        if (r.is_not_ready())
            return not_ready;
        return fail(std::invoke(g_, std::move(r).error()));
    }

    S sink_;
    G g_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_FROM_ERR_HPP
#define PROTOKIT_FUTURE_SINK_FROM_ERR_HPP

#include <protokit/future/detail/into_future.hpp>
#include <protokit/future/sink_facade.hpp>

#include <concepts>
#include <utility>

namespace protokit::future {

/// The sink of `sink.sink_from_err<E>()`: the inner sink, its errors converted to `E`.
template <class S, class E>
class from_err_sink : public sink_facade<from_err_sink<S, E>> {
    static_assert(Sink<S>, "protokit: sink_from_err needs a Sink");
    static_assert(std::constructible_from<E, typename S::sink_error_type&&>,
                  "protokit: sink_from_err needs an error type constructible from the sink's");

public:
    using sink_item_type = typename S::sink_item_type;
    using sink_error_type = E;

    /// A sink that converts the errors of `sink`.
    explicit from_err_sink(S sink) : sink_(std::move(sink)) {}

    /// Offers `item` to the inner sink; an error is converted.
    start_send_result<sink_item_type, E> start_send(sink_item_type item)
    {
        auto r = sink_.start_send(std::move(item));
        if (r.is_not_ready())
            return not_ready_with(std::move(r).item());
        if (r.is_error())
            return fail(E(std::move(r).error()));
        return accepted;
    }

    /// Flushes the inner sink; an error is converted.
    poll_result<unit, E> poll_complete()
    {
        return detail::convert_poll<unit, E>(sink_.poll_complete());
    }

    /// Closes the inner sink; an error is converted.
    poll_result<unit, E> close() { return detail::convert_poll<unit, E>(sink_.close()); }

    /// The inner sink.
    S& get_ref() noexcept { return sink_; }

    /// The inner sink.
    S into_inner() && { return std::move(sink_); }

private:
    S sink_;
};

} // namespace protokit::future

#endif

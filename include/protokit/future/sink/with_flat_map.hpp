// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_WITH_FLAT_MAP_HPP
#define PROTOKIT_FUTURE_SINK_WITH_FLAT_MAP_HPP

#include <protokit/future/sink_facade.hpp>

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

/** The sink of `sink.with_flat_map(f)`: takes `U`, sends every item of the Stream `f(u)`.

    While a stream is not drained (it is not ready, or the inner sink
    handed an item back), `start_send` hands new items back, not ready;
    whichever was not ready registered the task. `poll_complete` and
    `close` first drain the stream. A stream error fails the call that
    met it and drops the rest of that stream.
*/
template <class S, class U, class F>
class with_flat_map_sink : public sink_facade<with_flat_map_sink<S, U, F>> {
    static_assert(Sink<S>, "protokit: with_flat_map needs a Sink");
    static_assert(std::is_invocable_v<F&, U&&>,
                  "protokit: with_flat_map: the function must take a U");

    using inner_item = typename S::sink_item_type;
    using stream_type = std::remove_cvref_t<std::invoke_result_t<F&, U&&>>;
    static_assert(Stream<stream_type>,
                  "protokit: with_flat_map: the function must return a Stream");
    static_assert(std::is_constructible_v<inner_item, typename stream_type::item_type&&>,
                  "protokit: with_flat_map: the stream's items must convert to the sink's");
    static_assert(
        std::is_constructible_v<typename S::sink_error_type, typename stream_type::error_type&&>,
        "protokit: with_flat_map: the stream's error must convert to the sink's");

public:
    using sink_item_type = U;
    using sink_error_type = typename S::sink_error_type;

    /// A sink that sends the items of `f(u)` to `sink`.
    with_flat_map_sink(S sink, F f) : sink_(std::move(sink)), f_(std::move(f)) {}

    /// Accepts `item` once the previous stream is drained; starts draining `f(item)`.
    start_send_result<U, sink_error_type> start_send(U item)
    {
        auto p = drain();
        if (p.is_error())
            return fail(std::move(p).error());
        if (p.is_not_ready())
            return not_ready_with(std::move(item));
        stream_.emplace(std::invoke(f_, std::move(item)));
        auto q = drain();
        if (q.is_error())
            return fail(std::move(q).error());
        return accepted;
    }

    /// Drains the current stream, then flushes the inner sink.
    poll_result<unit, sink_error_type> poll_complete()
    {
        auto p = drain();
        if (!p.is_ready())
            return p;
        return sink_.poll_complete();
    }

    /// Drains the current stream, then closes the inner sink.
    poll_result<unit, sink_error_type> close()
    {
        auto p = drain();
        if (!p.is_ready())
            return p;
        return sink_.close();
    }

    /// The inner sink.
    S& get_ref() noexcept { return sink_; }

    /// The inner sink; the rest of a stream is dropped.
    S into_inner() && { return std::move(sink_); }

private:
    poll_result<unit, sink_error_type> drain()
    {
        if (buffered_) {
            inner_item item = std::move(*buffered_);
            buffered_.reset();
            auto r = sink_.start_send(std::move(item));
            if (r.is_not_ready()) {
                buffered_.emplace(std::move(r).item());
                return not_ready;
            }
            if (r.is_error())
                return fail(std::move(r).error());
        }
        while (stream_) {
            auto next = stream_->poll_next();
            if (next.is_not_ready())
                return not_ready;
            if (next.is_error()) {
                stream_.reset();
                return fail(sink_error_type(std::move(next).error()));
            }
            auto& item = next.value();
            if (!item) {
                stream_.reset();
                break;
            }
            auto r = sink_.start_send(inner_item(std::move(*item)));
            if (r.is_not_ready()) {
                buffered_.emplace(std::move(r).item());
                return not_ready;
            }
            if (r.is_error())
                return fail(std::move(r).error());
        }
        return ready();
    }

    S sink_;
    F f_;
    std::optional<stream_type> stream_;
    std::optional<inner_item> buffered_;
};

} // namespace protokit::future

#endif

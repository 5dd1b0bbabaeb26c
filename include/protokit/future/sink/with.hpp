// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_WITH_HPP
#define PROTOKIT_FUTURE_SINK_WITH_HPP

#include <protokit/future/detail/into_future.hpp>
#include <protokit/future/sink_facade.hpp>

#include <boost/system/result.hpp>

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

namespace detail {

/// Stands for "no future" in a `with_sink` whose function returns values.
struct no_pending_future {};

} // namespace detail

/** The sink of `sink.with(f)`: takes `U`, sends `f(u)` to the inner sink.

    `f(u)` is the item itself, a `boost::system::result` of it, or a Future
    of it. An item whose future is still running, or that the inner sink
    handed back, is kept; meanwhile `start_send` hands new items back, not
    ready (the pending future or the inner sink registered the task).
    `poll_complete` and `close` first finish that item. Errors of `f`'s
    result convert to the inner sink's error.
*/
template <class S, class U, class F>
class with_sink : public sink_facade<with_sink<S, U, F>> {
    static_assert(Sink<S>, "protokit: with needs a Sink");
    static_assert(std::is_invocable_v<F&, U&&>, "protokit: with: the function must take a U");

    using inner_item = typename S::sink_item_type;
    using result_type = std::remove_cvref_t<std::invoke_result_t<F&, U&&>>;

    static constexpr bool returns_future = Future<result_type>;
    static constexpr bool returns_result = detail::is_system_result<result_type>::value;

    using pending_type = std::conditional_t<returns_future, result_type, detail::no_pending_future>;

public:
    using sink_item_type = U;
    using sink_error_type = typename S::sink_error_type;

    /// A sink that sends `f(u)` to `sink`.
    with_sink(S sink, F f) : sink_(std::move(sink)), f_(std::move(f)) {}

    /** Accepts `item` once the previous one has reached the inner sink.

        Calls `f(item)` and starts sending its result at once; an error of
        the result (or of the inner sink) fails the call.
    */
    start_send_result<U, sink_error_type> start_send(U item)
    {
        auto p = poll_pending();
        if (p.is_error())
            return fail(std::move(p).error());
        if (p.is_not_ready())
            return not_ready_with(std::move(item));
        auto out = std::invoke(f_, std::move(item));
        if constexpr (returns_future) {
            static_assert(std::is_constructible_v<inner_item, typename result_type::item_type&&>,
                          "protokit: with: the future's value must convert to the sink's item");
            static_assert(
                std::is_constructible_v<sink_error_type, typename result_type::error_type&&>,
                "protokit: with: the future's error must convert to the sink's error");
            pending_.emplace(std::move(out));
        } else if constexpr (returns_result) {
            if (out.has_error())
                return fail(sink_error_type(out.error()));
            buffered_.emplace(std::move(*out));
        } else {
            static_assert(std::is_constructible_v<inner_item, result_type&&>,
                          "protokit: with: the function must return the sink's item, a "
                          "boost::system::result of it or a Future of it");
            buffered_.emplace(std::move(out));
        }
        auto q = poll_pending();
        if (q.is_error())
            return fail(std::move(q).error());
        return accepted;
    }

    /// Finishes the pending item, then flushes the inner sink.
    poll_result<unit, sink_error_type> poll_complete()
    {
        auto p = poll_pending();
        if (!p.is_ready())
            return p;
        return sink_.poll_complete();
    }

    /// Finishes the pending item, then closes the inner sink.
    poll_result<unit, sink_error_type> close()
    {
        auto p = poll_pending();
        if (!p.is_ready())
            return p;
        return sink_.close();
    }

    /// The inner sink.
    S& get_ref() noexcept { return sink_; }

    /// The inner sink; a pending item is dropped.
    S into_inner() && { return std::move(sink_); }

private:
    poll_result<unit, sink_error_type> poll_pending()
    {
        if constexpr (returns_future) {
            if (pending_) {
                auto r = pending_->poll();
                if (r.is_not_ready())
                    return not_ready;
                pending_.reset();
                if (r.is_error())
                    return fail(sink_error_type(std::move(r).error()));
                buffered_.emplace(std::move(r).value());
            }
        }
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
        return ready();
    }

    S sink_;
    F f_;
    std::optional<pending_type> pending_;
    std::optional<inner_item> buffered_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_TAKE_WHILE_HPP
#define PROTOKIT_FUTURE_STREAM_TAKE_WHILE_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/detail/stream_lift.hpp>
#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `s.take_while(pred)`: the items up to the first for which
    `pred(item const&)` is false; then the end, for good.

    `pred` returns a `bool`, or a future (or a `boost::system::result`) of
    one. Errors of the stream pass through; an error of `pred`'s future is
    yielded and its item dropped.
*/
template <class S, class P>
class take_while_stream : public stream_facade<take_while_stream<S, P>> {
    using callback_result = detail::invoke_unit_result_t<P&, typename S::item_type const&>;
    using future_type = detail::lifted_future_t<callback_result, typename S::error_type>;
    static_assert(std::same_as<typename future_type::item_type, bool>,
                  "protokit: take_while's predicate must return a bool or a future of bool");
    static_assert(
        std::constructible_from<typename S::error_type, typename future_type::error_type&&>,
        "protokit: take_while's future must fail with the stream's error type");

public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    take_while_stream(S s, P pred) : inner_(std::move(s)), pred_(std::move(pred)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (done_)
            return end_of_stream;
        if (!pending_) {
            PROTOKIT_TRY_READY(item, inner_.poll_next());
            if (!item) {
                done_ = true;
                return end_of_stream;
            }
            item_.emplace(std::move(*item));
            item_type const& value = *item_;
            pending_.emplace(detail::lift_future<error_type>(detail::invoke_unit(pred_, value)));
        }
        auto f = pending_->poll();
        if (f.is_not_ready())
            return not_ready;
        pending_.reset();
        std::optional<item_type> item;
        item.swap(item_);
        if (f.is_error())
            return fail(error_type(std::move(f).error()));
        if (!f.value()) {
            done_ = true;
            return end_of_stream;
        }
        return ready(std::move(item));
    }

private:
    S inner_;
    P pred_;
    detail::stream_optional<future_type> pending_;
    detail::stream_optional<item_type> item_;
    bool done_ = false;
};

} // namespace protokit::future

#endif

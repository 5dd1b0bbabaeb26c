// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_AND_THEN_HPP
#define PROTOKIT_FUTURE_STREAM_AND_THEN_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/detail/stream_lift.hpp>
#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `s.and_then(g)`: for each item, the value of the future
    `g(item)` returns; errors of `s` and of those futures pass through.

    One future at a time: the next item of `s` is not taken until it is
    done.
*/
template <class S, class G>
class and_then_stream : public stream_facade<and_then_stream<S, G>> {
    using callback_result = detail::invoke_unit_result_t<G&, typename S::item_type&&>;
    static_assert(detail::is_future_or_result_v<callback_result>,
                  "protokit: and_then's function must return a future or a boost::system::result");
    using future_type = detail::lifted_future_t<callback_result, typename S::error_type>;
    static_assert(
        std::constructible_from<typename S::error_type, typename future_type::error_type&&>,
        "protokit: and_then's future must fail with the stream's error type");

public:
    using item_type = typename future_type::item_type;
    using error_type = typename S::error_type;

    and_then_stream(S s, G g) : inner_(std::move(s)), g_(std::move(g)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (!future_) {
            PROTOKIT_TRY_READY(item, inner_.poll_next());
            if (!item)
                return end_of_stream;
            future_.emplace(
                detail::lift_future<error_type>(detail::invoke_unit(g_, std::move(*item))));
        }
        auto f = future_->poll();
        if (f.is_not_ready())
            return not_ready;
        future_.reset();
        if (f.is_error())
            return fail(error_type(std::move(f).error()));
        return ready(std::optional<item_type>(std::move(f).value()));
    }

private:
    S inner_;
    G g_;
    detail::stream_optional<future_type> future_;
};

} // namespace protokit::future

#endif

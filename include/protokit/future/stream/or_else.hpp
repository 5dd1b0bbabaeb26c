// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_OR_ELSE_HPP
#define PROTOKIT_FUTURE_STREAM_OR_ELSE_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/detail/stream_lift.hpp>
#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `s.or_else(g)`: for each error, the outcome of the future
    `g(error)` returns (an item to go on with, or another error); items of
    `s` pass through.
*/
template <class S, class G>
class or_else_stream : public stream_facade<or_else_stream<S, G>> {
    using callback_result = detail::invoke_unit_result_t<G&, typename S::error_type&&>;
    static_assert(detail::is_future_or_result_v<callback_result>,
                  "protokit: or_else's function must return a future or a boost::system::result");
    using future_type = detail::lifted_future_t<callback_result, typename S::error_type>;
    static_assert(std::constructible_from<typename S::item_type, typename future_type::item_type&&>,
                  "protokit: or_else's future must yield the stream's item type");

public:
    using item_type = typename S::item_type;
    using error_type = typename future_type::error_type;

    or_else_stream(S s, G g) : inner_(std::move(s)), g_(std::move(g)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (!future_) {
            auto r = inner_.poll_next();
            if (r.is_ready())
                return ready(std::move(r).value());
            if (r.is_not_ready())
                return not_ready;
            future_.emplace(
                detail::lift_future<error_type>(detail::invoke_unit(g_, std::move(r).error())));
        }
        auto f = future_->poll();
        if (f.is_not_ready())
            return not_ready;
        future_.reset();
        if (f.is_error())
            return fail(std::move(f).error());
        return ready(std::optional<item_type>(item_type(std::move(f).value())));
    }

private:
    S inner_;
    G g_;
    detail::stream_optional<future_type> future_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FOR_EACH_HPP
#define PROTOKIT_FUTURE_STREAM_FOR_EACH_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/detail/stream_lift.hpp>
#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

/** The future of `s.for_each(g)`: `g(item)` for each item in turn, then `unit`.

    `g` returns `void` (or `unit`), or a future of `unit` that must finish
    before the next item is taken. The first error, of the stream or of a
    future of `g`, fails the whole future.
*/
template <class S, class G>
class for_each_future : public future_facade<for_each_future<S, G>> {
    using callback_result = detail::invoke_unit_result_t<G&, typename S::item_type&&>;
    using future_type = detail::lifted_future_t<callback_result, typename S::error_type>;
    static_assert(std::is_same_v<typename future_type::item_type, unit>,
                  "protokit: for_each's function must return void or a future of unit");
    static_assert(
        std::constructible_from<typename S::error_type, typename future_type::error_type&&>,
        "protokit: for_each's future must fail with the stream's error type");

public:
    using item_type = unit;
    using error_type = typename S::error_type;

    for_each_future(S s, G g) : inner_(std::move(s)), g_(std::move(g)) {}

    poll_result<unit, error_type> poll()
    {
        for (;;) {
            if (future_) {
                auto f = future_->poll();
                if (f.is_not_ready())
                    return not_ready;
                future_.reset();
                if (f.is_error())
                    return fail(error_type(std::move(f).error()));
            }
            PROTOKIT_TRY_READY(item, inner_.poll_next());
            if (!item)
                return ready();
            future_.emplace(
                detail::lift_future<error_type>(detail::invoke_unit(g_, std::move(*item))));
        }
    }

private:
    S inner_;
    G g_;
    detail::stream_optional<future_type> future_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_INTO_STREAM_HPP
#define PROTOKIT_FUTURE_INTO_STREAM_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/future/stream_facade.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `f.into_stream()`: `f`'s value (or error) as its one item, then the end.

    futures-rs's `IntoStream`.
*/
template <class F>
class future_stream : public stream_facade<future_stream<F>> {
public:
    using item_type = typename F::item_type;
    using error_type = typename F::error_type;

    explicit future_stream(F f) : future_(std::in_place, std::move(f)) {}

    poll_result<std::optional<item_type>, error_type> poll_next()
    {
        if (!future_)
            return ready(std::optional<item_type>());
        auto r = future_->poll();
        if (r.is_not_ready())
            return not_ready;
        future_.reset();
        if (r.is_error())
            return fail(std::move(r).error());
        return ready(std::optional<item_type>(std::move(r).value()));
    }

private:
    std::optional<F> future_;
};

} // namespace protokit::future

#endif

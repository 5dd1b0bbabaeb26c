// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FLATTEN_HPP
#define PROTOKIT_FUTURE_STREAM_FLATTEN_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `s.flatten()`, for a stream of streams: the items of each in turn.

    futures-rs's `Stream::flatten`. The error type is the inner streams';
    an error of `s` converts to it and passes through, as inner errors do.
    The next inner stream is taken from `s` once the current one ends; the
    stream ends with `s`.
*/
template <class S>
class flatten_stream : public stream_facade<flatten_stream<S>> {
    using inner_type = typename S::item_type;
    static_assert(Stream<inner_type>, "protokit: flatten needs a stream of streams");

public:
    using item_type = typename inner_type::item_type;
    using error_type = typename inner_type::error_type;

    static_assert(std::constructible_from<error_type, typename S::error_type&&>,
                  "protokit: flatten needs the outer stream's error to convert to the inner's");

    /// The items of the streams of `s`.
    explicit flatten_stream(S s) : outer_(std::move(s)) {}

    /// The next item of the current inner stream, taking the next one from `s` at its end.
    stream_poll_result<item_type, error_type> poll_next()
    {
        for (;;) {
            if (inner_) {
                auto r = inner_->poll_next();
                if (!r.is_ready() || r.value())
                    return r;
                inner_.reset();
            }
            auto next = outer_.poll_next();
            if (next.is_not_ready())
                return not_ready;
            if (next.is_error())
                return fail(error_type(std::move(next).error()));
            if (!next.value())
                return end_of_stream;
            inner_.emplace(std::move(*next.value()));
        }
    }

private:
    S outer_;
    detail::stream_optional<inner_type> inner_;
};

} // namespace protokit::future

#endif

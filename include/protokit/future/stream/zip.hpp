// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_ZIP_HPP
#define PROTOKIT_FUTURE_STREAM_ZIP_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `a.zip(b)`: pairs of an item of `a` and an item of `b`.

    An item that arrives first waits for its partner. The stream ends when
    either stream has ended with no item waiting for a partner from it.
    Errors of either stream pass through.
*/
template <class S1, class S2>
class zip_stream : public stream_facade<zip_stream<S1, S2>> {
    static_assert(std::same_as<typename S1::error_type, typename S2::error_type>,
                  "protokit: zip needs streams of the same error type");

public:
    using item_type = std::pair<typename S1::item_type, typename S2::item_type>;
    using error_type = typename S1::error_type;

    zip_stream(S1 a, S2 b) : a_(std::move(a)), b_(std::move(b)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (!queued_a_) {
            auto r = a_.poll_next();
            if (r.is_error())
                return fail(std::move(r).error());
            if (r.is_ready() && r.value())
                queued_a_.emplace(std::move(*r.value()));
        }
        if (!queued_b_) {
            auto r = b_.poll_next();
            if (r.is_error())
                return fail(std::move(r).error());
            if (r.is_ready() && r.value())
                queued_b_.emplace(std::move(*r.value()));
        }
        if (queued_a_ && queued_b_) {
            item_type pair(std::move(*queued_a_), std::move(*queued_b_));
            queued_a_.reset();
            queued_b_.reset();
            return ready(std::optional<item_type>(std::move(pair)));
        }
        if (a_.is_done() || b_.is_done())
            return end_of_stream;
        return not_ready;
    }

private:
    fuse_stream<S1> a_;
    fuse_stream<S2> b_;
    detail::stream_optional<typename S1::item_type> queued_a_;
    detail::stream_optional<typename S2::item_type> queued_b_;
};

} // namespace protokit::future

#endif

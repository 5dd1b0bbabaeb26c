// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_CHAIN_HPP
#define PROTOKIT_FUTURE_STREAM_CHAIN_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `a.chain(b)`: the items of `a`, then, once `a` has ended,
    those of `b`. Errors of both pass through.
*/
template <class S1, class S2>
class chain_stream : public stream_facade<chain_stream<S1, S2>> {
    static_assert(std::same_as<typename S1::item_type, typename S2::item_type> &&
                      std::same_as<typename S1::error_type, typename S2::error_type>,
                  "protokit: chain needs streams of the same item and error types");

public:
    using item_type = typename S1::item_type;
    using error_type = typename S1::error_type;

    chain_stream(S1 a, S2 b) : a_(std::move(a)), b_(std::move(b)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (a_) {
            auto r = a_->poll_next();
            if (!r.is_ready() || r.value())
                return r;
            a_.reset();
        }
        return b_.poll_next();
    }

private:
    detail::stream_optional<S1> a_;
    S2 b_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_SELECT_HPP
#define PROTOKIT_FUTURE_STREAM_SELECT_HPP

#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <utility>

namespace protokit::future {

/** The stream of `a.select(b)`: the items of both streams as they come,
    asking each first in turn so that neither starves the other.

    Ends when both have ended. Errors of either pass through.
*/
template <class S1, class S2>
class select_stream : public stream_facade<select_stream<S1, S2>> {
    static_assert(std::same_as<typename S1::item_type, typename S2::item_type> &&
                      std::same_as<typename S1::error_type, typename S2::error_type>,
                  "protokit: select needs streams of the same item and error types");

public:
    using item_type = typename S1::item_type;
    using error_type = typename S1::error_type;

    select_stream(S1 a, S2 b) : a_(std::move(a)), b_(std::move(b)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        bool const a_first = !b_first_;
        b_first_ = !b_first_;
        return a_first ? poll_pair(a_, b_) : poll_pair(b_, a_);
    }

private:
    template <class X, class Y>
    stream_poll_result<item_type, error_type> poll_pair(X& first, Y& second)
    {
        auto r = first.poll_next();
        if (r.is_error() || (r.is_ready() && r.value()))
            return r;
        bool const first_done = r.is_ready();
        auto s = second.poll_next();
        if (s.is_error())
            return s;
        if (s.is_ready() && s.value()) {
            if (first_done)
                b_first_ = !b_first_;
            return s;
        }
        if (s.is_ready() && first_done)
            return end_of_stream;
        return not_ready;
    }

    fuse_stream<S1> a_;
    fuse_stream<S2> b_;
    bool b_first_ = false;
};

} // namespace protokit::future

#endif

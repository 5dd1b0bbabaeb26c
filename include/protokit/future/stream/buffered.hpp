// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_BUFFERED_HPP
#define PROTOKIT_FUTURE_STREAM_BUFFERED_HPP

#include <protokit/future/detail/stream_fwd.hpp>
#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream/futures_ordered.hpp>
#include <protokit/future/stream/futures_unordered.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace protokit::future {

/** The stream of `s.buffered(n)` (`Ordered`) and of `s.buffer_unordered(n)`, for a stream `s` of
   futures.

    Their values, with up to `n` futures running at once: in the order of
    `s` for `buffered` (the futures run in a `futures_ordered`), as they
    finish for `buffer_unordered` (a `futures_unordered`). Each poll first
    takes futures from `s` while fewer than `n` run, then yields a value
    if one is ready. An error of `s` is yielded at once; an error of a
    future when it happens (in `buffered`, its place in the order is
    skipped: see `futures_ordered`). Ends when `s` has ended and every
    value has been yielded. The set's slab grows to `n` futures at most,
    then allocates no more.
*/
template <class S, bool Ordered>
class buffer_stream : public stream_facade<buffer_stream<S, Ordered>> {
    using future_type = typename S::item_type;
    static_assert(Future<future_type>,
                  "protokit: buffered and buffer_unordered need a stream of futures");
    static_assert(
        std::constructible_from<typename S::error_type, typename future_type::error_type&&>,
        "protokit: buffered and buffer_unordered need futures whose error converts to the "
        "stream's error");
    using set_type =
        std::conditional_t<Ordered, futures_ordered<future_type>, futures_unordered<future_type>>;

public:
    using item_type = typename future_type::item_type;
    using error_type = typename S::error_type;

    /// Runs the futures of `s`, up to `n` at once.
    buffer_stream(S s, std::size_t n) : inner_(std::move(s)), max_(n)
    {
        BOOST_ASSERT_MSG(n > 0, "protokit: buffered needs room for at least one future");
    }

    stream_poll_result<item_type, error_type> poll_next()
    {
        while (running_.size() < max_) {
            auto r = inner_.poll_next();
            if (r.is_error())
                return fail(std::move(r).error());
            if (!r.is_ready() || !r.value())
                break;
            running_.push(std::move(*r.value()));
        }
        auto v = running_.poll_next();
        if (v.is_error())
            return fail(error_type(std::move(v).error()));
        if (v.is_ready() && v.value())
            return ready(std::move(v).value());
        if (inner_.is_done() && running_.empty())
            return end_of_stream;
        return not_ready;
    }

private:
    fuse_stream<S> inner_;
    set_type running_;
    std::size_t max_;
};

} // namespace protokit::future

#endif

#ifndef PROTOKIT_FUTURE_STREAM_BUFFERED_HPP
#define PROTOKIT_FUTURE_STREAM_BUFFERED_HPP

#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream/futures_ordered.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <cstddef>
#include <utility>

namespace protokit::future {

/** The stream of `s.buffered(n)`, for a stream `s` of futures: their
    values, in the order of `s`, with up to `n` futures running at once.

    Each poll first takes futures from `s` while fewer than `n` run, then
    yields the next value if it is ready. An error of `s` is yielded at
    once; an error of a future is yielded when it happens (see
    `futures_ordered`). Ends when `s` has ended and every value has been
    yielded.
*/
template <class S>
class buffered_stream : public stream_facade<buffered_stream<S>> {
    using future_type = typename S::item_type;
    static_assert(Future<future_type>, "protokit: buffered needs a stream of futures");
    static_assert(
        std::constructible_from<typename S::error_type, typename future_type::error_type&&>,
        "protokit: buffered needs futures whose error converts to the stream's error");

public:
    using item_type = typename future_type::item_type;
    using error_type = typename S::error_type;

    buffered_stream(S s, std::size_t n) : inner_(std::move(s)), max_(n)
    {
        BOOST_ASSERT_MSG(n > 0, "buffered needs room for at least one future");
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
    futures_ordered<future_type> running_;
    std::size_t max_;
};

} // namespace protokit::future

#endif

#ifndef PROTOKIT_FUTURE_STREAM_BUFFER_UNORDERED_HPP
#define PROTOKIT_FUTURE_STREAM_BUFFER_UNORDERED_HPP

#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream/futures_unordered.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <cstddef>
#include <utility>

namespace protokit::future {

/** The stream of `s.buffer_unordered(n)`, for a stream `s` of futures:
    their values as they finish, with up to `n` futures running at once.

    Each poll first takes futures from `s` while fewer than `n` run, then
    yields a value of a future that has finished. Errors of `s` and of the
    futures are yielded when they happen. Ends when `s` has ended and every
    value has been yielded.
*/
template <class S>
class buffer_unordered_stream : public stream_facade<buffer_unordered_stream<S>> {
    using future_type = typename S::item_type;
    static_assert(Future<future_type>, "protokit: buffer_unordered needs a stream of futures");
    static_assert(
        std::constructible_from<typename S::error_type, typename future_type::error_type&&>,
        "protokit: buffer_unordered needs futures whose error converts to the stream's error");

public:
    using item_type = typename future_type::item_type;
    using error_type = typename S::error_type;

    buffer_unordered_stream(S s, std::size_t n) : inner_(std::move(s)), max_(n)
    {
        BOOST_ASSERT_MSG(n > 0, "buffer_unordered needs room for at least one future");
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
    futures_unordered<future_type> running_;
    std::size_t max_;
};

} // namespace protokit::future

#endif

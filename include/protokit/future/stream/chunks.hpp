// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_CHUNKS_HPP
#define PROTOKIT_FUTURE_STREAM_CHUNKS_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace protokit::future {

/** The stream of `s.chunks(n)`: the items in `std::vector`s of `n`.

    A chunk is yielded when it is full, and at the end of the stream if it
    holds anything (so the last chunk may be shorter). As in futures 0.1,
    an error that arrives while a chunk is partly filled is held back: the
    partial chunk is yielded first, the error at the next poll, and then the
    stream goes on with a new chunk. An error with an empty chunk is yielded
    at once. The stream is fused: once it has ended (the last chunk out),
    later polls yield the end without polling it again.
*/
template <class S>
class chunks_stream : public stream_facade<chunks_stream<S>> {
public:
    using item_type = std::vector<typename S::item_type>;
    using error_type = typename S::error_type;

    chunks_stream(S s, std::size_t n) : inner_(std::move(s)), size_(n)
    {
        BOOST_ASSERT_MSG(n > 0, "chunks needs a size of at least 1");
        items_.reserve(size_);
    }

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (error_) {
            std::optional<error_type> e;
            e.swap(error_);
            return fail(std::move(*e));
        }
        for (;;) {
            auto r = inner_.poll_next();
            if (r.is_not_ready())
                return not_ready;
            if (r.is_error()) {
                if (items_.empty())
                    return fail(std::move(r).error());
                error_.emplace(std::move(r).error());
                return ready(take());
            }
            if (!r.value()) {
                if (items_.empty())
                    return end_of_stream;
                return ready(take());
            }
            items_.push_back(std::move(*r.value()));
            if (items_.size() >= size_)
                return ready(take());
        }
    }

private:
    std::optional<item_type> take()
    {
        item_type full;
        full.reserve(size_);
        full.swap(items_);
        return std::optional<item_type>(std::move(full));
    }

    fuse_stream<S> inner_;
    std::size_t size_;
    item_type items_;
    detail::stream_optional<error_type> error_;
};

} // namespace protokit::future

#endif

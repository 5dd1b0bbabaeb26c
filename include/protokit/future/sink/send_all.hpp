// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_SEND_ALL_HPP
#define PROTOKIT_FUTURE_SINK_SEND_ALL_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream/fuse.hpp>

#include <boost/assert.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

/** The future of `sink.send_all(stream)`: sends every item, yields {sink, stream}.

    Each poll moves items from the stream to the sink until one of them is
    not ready. When the stream is not ready, the sink is flushed before
    returning (both may have registered the task); when the sink hands an
    item back, the item is kept for the next poll. Once the stream ends
    the sink is closed (which flushes it), as futures 0.1 does, and the
    future is ready once the close is. The stream is fused: after its end
    it is never polled again, even while the close waits. An error of
    either fails the future.
*/
template <class S, class St>
class send_all_future : public future_facade<send_all_future<S, St>> {
    static_assert(Sink<S>, "protokit: send_all needs a Sink");
    static_assert(Stream<St>, "protokit: send_all needs a Stream");
    static_assert(std::is_constructible_v<typename S::sink_item_type, typename St::item_type&&>,
                  "protokit: send_all: the stream's items must convert to the sink's");
    static_assert(std::is_constructible_v<typename S::sink_error_type, typename St::error_type&&>,
                  "protokit: send_all: the stream's error must convert to the sink's");

public:
    using item_type = std::pair<S, St>;
    using error_type = typename S::sink_error_type;

    /// A future that sends every item of `stream` to `sink`.
    send_all_future(S sink, St stream)
        : sink_(std::in_place, std::move(sink)),
          stream_(std::in_place, fuse_stream<St>(std::move(stream)))
    {
    }

    /// Moves items until the stream or the sink is not ready; ready with both at the end.
    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(sink_ && stream_, "send_all_future polled after completion");
        if (buffered_) {
            auto item = std::move(*buffered_);
            buffered_.reset();
            auto r = try_start_send(std::move(item));
            if (!r.is_ready())
                return std::move(r).template propagate<item_type>();
        }
        for (;;) {
            auto next = stream_->poll_next();
            if (next.is_error())
                return fail(error_type(std::move(next).error()));
            if (next.is_not_ready()) {
                auto c = sink_->poll_complete();
                if (c.is_error())
                    return fail(std::move(c).error());
                return not_ready;
            }
            auto& item = next.value();
            if (!item) {
                auto c = sink_->close();
                if (!c.is_ready())
                    return std::move(c).template propagate<item_type>();
                item_type both(std::move(*sink_), std::move(*stream_).into_inner());
                sink_.reset();
                stream_.reset();
                return ready(std::move(both));
            }
            auto r = try_start_send(typename S::sink_item_type(std::move(*item)));
            if (!r.is_ready())
                return std::move(r).template propagate<item_type>();
        }
    }

private:
    poll_result<unit, error_type> try_start_send(typename S::sink_item_type item)
    {
        auto r = sink_->start_send(std::move(item));
        if (r.is_not_ready()) {
            buffered_.emplace(std::move(r).item());
            return not_ready;
        }
        if (r.is_error())
            return fail(std::move(r).error());
        return ready();
    }

    detail::stream_optional<S> sink_;
    detail::stream_optional<fuse_stream<St>> stream_;
    detail::stream_optional<typename S::sink_item_type> buffered_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FORWARD_HPP
#define PROTOKIT_FUTURE_STREAM_FORWARD_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/** The future of `s.forward(sink)`: every item of `s` sent into `sink`;
    once `s` has ended, `sink` is closed (which flushes it), and the future
    yields both back.

    Backpressure: an item the sink hands back is kept and offered again at
    the next poll, before anything else is taken from `s`. When `s` is not
    ready the sink is flushed, so that nothing accepted waits in it while
    the stream is idle. As in futures 0.1 the sink is closed, not only
    flushed, at the end: a channel's receiver then sees the end too.

    The first error, of the stream or of the sink (converted to the
    stream's error type), fails the future.
*/
template <class S, class K>
class forward_future : public future_facade<forward_future<S, K>> {
    static_assert(std::same_as<typename S::item_type, typename K::sink_item_type>,
                  "protokit: forward needs a sink of the stream's item type");
    static_assert(std::constructible_from<typename S::error_type, typename K::sink_error_type&&>,
                  "protokit: forward needs a sink whose error converts to the stream's error");

public:
    using item_type = std::pair<S, K>;
    using error_type = typename S::error_type;

    forward_future(S s, K sink) : stream_(std::in_place, std::move(s)), sink_(std::move(sink)) {}

    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(stream_ && sink_, "forward_future polled after completion");
        if (buffered_) {
            std::optional<typename S::item_type> item;
            item.swap(buffered_);
            auto sent = try_send(std::move(*item));
            if (!sent.is_ready())
                return std::move(sent).template propagate<item_type>();
        }
        for (;;) {
            auto r = stream_->poll_next();
            if (r.is_error())
                return fail(std::move(r).error());
            if (r.is_not_ready()) {
                auto flushed = sink_->poll_complete();
                if (flushed.is_error())
                    return fail(error_type(std::move(flushed).error()));
                return not_ready;
            }
            if (!r.value()) {
                auto closed = sink_->close();
                if (closed.is_not_ready())
                    return not_ready;
                if (closed.is_error())
                    return fail(error_type(std::move(closed).error()));
                item_type both(std::move(*stream_).into_inner(), std::move(*sink_));
                stream_.reset();
                sink_.reset();
                return ready(std::move(both));
            }
            auto sent = try_send(std::move(*r.value()));
            if (!sent.is_ready())
                return std::move(sent).template propagate<item_type>();
        }
    }

private:
    poll_result<unit, error_type> try_send(typename S::item_type&& item)
    {
        auto s = sink_->start_send(std::move(item));
        if (s.is_accepted())
            return ready();
        if (s.is_error())
            return fail(error_type(std::move(s).error()));
        buffered_.emplace(std::move(s).item());
        return not_ready;
    }

    detail::stream_optional<fuse_stream<S>> stream_;
    detail::stream_optional<K> sink_;
    detail::stream_optional<typename S::item_type> buffered_;
};

} // namespace protokit::future

#endif

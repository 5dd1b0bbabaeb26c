// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_SEND_HPP
#define PROTOKIT_FUTURE_SINK_SEND_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/future/sink_facade.hpp>

#include <boost/assert.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/** The future of `sink.send(item)`: sends the item, flushes, yields the sink.

    Not ready while the sink hands the item back or is not yet flushed;
    the sink has then registered the task. An error of the sink fails it.
*/
template <class S>
class send_future : public future_facade<send_future<S>> {
    static_assert(Sink<S>, "protokit: send needs a Sink");

public:
    using item_type = S;
    using error_type = typename S::sink_error_type;

    /// A future that sends `item` to `sink`.
    send_future(S sink, typename S::sink_item_type item)
        : sink_(std::in_place, std::move(sink)), item_(std::in_place, std::move(item))
    {
    }

    /// Sends the item if not yet accepted, then flushes; ready with the sink.
    poll_result<S, error_type> poll()
    {
        BOOST_ASSERT_MSG(sink_, "send_future polled after completion");
        if (item_) {
            auto item = std::move(*item_);
            item_.reset();
            auto r = sink_->start_send(std::move(item));
            if (r.is_not_ready()) {
                item_.emplace(std::move(r).item());
                return not_ready;
            }
            if (r.is_error())
                return fail(std::move(r).error());
        }
        auto c = sink_->poll_complete();
        if (!c.is_ready())
            return std::move(c).template propagate<S>();
        S sink = std::move(*sink_);
        sink_.reset();
        return ready(std::move(sink));
    }

    /// The sink, until the future completes.
    S& get_ref() noexcept
    {
        BOOST_ASSERT(sink_);
        return *sink_;
    }

private:
    std::optional<S> sink_;
    std::optional<typename S::sink_item_type> item_;
};

} // namespace protokit::future

#endif

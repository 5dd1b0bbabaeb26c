// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_BUFFER_HPP
#define PROTOKIT_FUTURE_SINK_BUFFER_HPP

#include <protokit/future/detail/ring_buffer.hpp>
#include <protokit/future/sink_facade.hpp>

#include <cstddef>
#include <utility>

namespace protokit::future {

/** The sink of `sink.buffer(n)`: accepts up to `n` items the inner sink is not ready for.

    Each call first moves queued items to the inner sink, oldest first.
    `start_send` hands the item back (not ready) only when the queue is
    full and the inner sink refused the oldest item, so the inner sink has
    registered the task. `poll_complete` and `close` empty the queue into
    the inner sink first. The queue's storage is allocated once, on
    construction.
*/
template <class S>
class buffer_sink : public sink_facade<buffer_sink<S>> {
    static_assert(Sink<S>, "protokit: buffer needs a Sink");

public:
    using sink_item_type = typename S::sink_item_type;
    using sink_error_type = typename S::sink_error_type;

    /// A sink that queues up to `n` items for `sink`.
    buffer_sink(S sink, std::size_t n) : sink_(std::move(sink)), queue_(n), capacity_(n) {}

    /// Queues `item` (or passes it on, with `n == 0`) unless the queue is full.
    start_send_result<sink_item_type, sink_error_type> start_send(sink_item_type item)
    {
        if (capacity_ == 0)
            return sink_.start_send(std::move(item));
        auto p = empty_queue();
        if (p.is_error())
            return fail(std::move(p).error());
        if (queue_.size() == capacity_)
            return not_ready_with(std::move(item));
        queue_.push_back(std::move(item));
        return accepted;
    }

    /// Moves every queued item to the inner sink, then flushes it.
    poll_result<unit, sink_error_type> poll_complete()
    {
        auto p = empty_queue();
        if (!p.is_ready())
            return p;
        return sink_.poll_complete();
    }

    /// Moves every queued item to the inner sink, then closes it.
    poll_result<unit, sink_error_type> close()
    {
        auto p = empty_queue();
        if (!p.is_ready())
            return p;
        return sink_.close();
    }

    /// The number of items queued here.
    std::size_t size() const noexcept { return queue_.size(); }

    /// The inner sink.
    S& get_ref() noexcept { return sink_; }

    /// The inner sink; queued items are dropped.
    S into_inner() && { return std::move(sink_); }

private:
    poll_result<unit, sink_error_type> empty_queue()
    {
        while (!queue_.empty()) {
            auto r = sink_.start_send(queue_.pop_front());
            if (r.is_not_ready()) {
                queue_.push_front(std::move(r).item());
                return not_ready;
            }
            if (r.is_error())
                return fail(std::move(r).error());
        }
        return ready();
    }

    S sink_;
    detail::ring_buffer<sink_item_type> queue_;
    std::size_t capacity_;
};

} // namespace protokit::future

#endif

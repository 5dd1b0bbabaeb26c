// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_FLUSH_HPP
#define PROTOKIT_FUTURE_SINK_FLUSH_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/future/sink_facade.hpp>

#include <boost/assert.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/** The future of `sink.flush()`: polls `poll_complete` until ready, yields the sink.

    Not ready while the sink is not flushed (it registered the task); an
    error of the sink fails it.
*/
template <class S>
class flush_future : public future_facade<flush_future<S>> {
    static_assert(Sink<S>, "protokit: flush needs a Sink");

public:
    using item_type = S;
    using error_type = typename S::sink_error_type;

    /// A future that flushes `sink`.
    explicit flush_future(S sink) : sink_(std::in_place, std::move(sink)) {}

    /// Flushes; ready with the sink.
    poll_result<S, error_type> poll()
    {
        BOOST_ASSERT_MSG(sink_, "flush_future polled after completion");
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
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_FANOUT_HPP
#define PROTOKIT_FUTURE_SINK_FANOUT_HPP

#include <protokit/future/sink_facade.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

/** The sink of `a.fanout(b)`: each item goes to both `a` (a copy) and `b`.

    An item is accepted only when neither sink still holds back an earlier
    one; a sink that hands its copy back keeps it here and gets it again on
    the next call. So `start_send` is not ready (the refusing sink
    registered the task) while either side lags. `poll_complete` and
    `close` act on both and are ready when both are.
*/
template <class A, class B>
class fanout_sink : public sink_facade<fanout_sink<A, B>> {
    static_assert(Sink<A> && Sink<B>, "protokit: fanout needs two Sinks");
    static_assert(std::is_same_v<typename A::sink_item_type, typename B::sink_item_type>,
                  "protokit: fanout: both sinks must take the same items");
    static_assert(std::is_same_v<typename A::sink_error_type, typename B::sink_error_type>,
                  "protokit: fanout: both sinks must have the same error type");
    static_assert(std::is_copy_constructible_v<typename A::sink_item_type>,
                  "protokit: fanout: the items must be copyable");

public:
    using sink_item_type = typename A::sink_item_type;
    using sink_error_type = typename A::sink_error_type;

    /// A sink that sends each item to `a` and `b`.
    fanout_sink(A a, B b) : left_{std::move(a), std::nullopt}, right_{std::move(b), std::nullopt} {}

    /// Accepts `item` if both sinks took their previous items; sends it to both.
    start_send_result<sink_item_type, sink_error_type> start_send(sink_item_type item)
    {
        auto l = left_.keep_sending();
        if (l.is_error())
            return fail(std::move(l).error());
        auto r = right_.keep_sending();
        if (r.is_error())
            return fail(std::move(r).error());
        if (left_.pending || right_.pending)
            return not_ready_with(std::move(item));
        left_.pending.emplace(item);
        right_.pending.emplace(std::move(item));
        l = left_.keep_sending();
        if (l.is_error())
            return fail(std::move(l).error());
        r = right_.keep_sending();
        if (r.is_error())
            return fail(std::move(r).error());
        return accepted;
    }

    /// Sends the items held back, then flushes both sinks.
    poll_result<unit, sink_error_type> poll_complete()
    {
        return both([](auto& s) { return s.poll_complete(); });
    }

    /// Sends the items held back, then closes both sinks.
    poll_result<unit, sink_error_type> close()
    {
        return both([](auto& s) { return s.close(); });
    }

    /// The first sink.
    A& first() noexcept { return left_.sink; }

    /// The second sink.
    B& second() noexcept { return right_.sink; }

    /// Both sinks; items held back are dropped.
    std::pair<A, B> into_inner() && { return {std::move(left_.sink), std::move(right_.sink)}; }

private:
    template <class S>
    struct downstream {
        S sink;
        std::optional<sink_item_type> pending;

        poll_result<unit, sink_error_type> keep_sending()
        {
            if (!pending)
                return ready();
            sink_item_type item = std::move(*pending);
            pending.reset();
            auto r = sink.start_send(std::move(item));
            if (r.is_not_ready()) {
                pending.emplace(std::move(r).item());
                return not_ready;
            }
            if (r.is_error())
                return fail(std::move(r).error());
            return ready();
        }

        template <class Op>
        poll_result<unit, sink_error_type> then(Op op)
        {
            auto k = keep_sending();
            if (!k.is_ready())
                return k;
            return op(sink);
        }
    };

    template <class Op>
    poll_result<unit, sink_error_type> both(Op op)
    {
        auto l = left_.then(op);
        auto r = right_.then(op);
        if (l.is_error())
            return l;
        if (r.is_error())
            return r;
        if (l.is_ready() && r.is_ready())
            return ready();
        return not_ready;
    }

    downstream<A> left_;
    downstream<B> right_;
};

} // namespace protokit::future

#endif

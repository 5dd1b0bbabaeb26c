// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_FACADE_HPP
#define PROTOKIT_FUTURE_SINK_FACADE_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/sink_fwd.hpp>
#include <protokit/future/sink/detail/argument.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace protokit::future {

/** The combinators of every sink, as member functions.

    A sink type derives from `sink_facade<itself>` to get `.send(...)`,
    `.with(...)` and the rest. Each combinator consumes the sink (call it
    on an rvalue) and returns a future or a new sink; nothing is allocated
    (but `buffer`'s queue, once). Include `<protokit/future/sink.hpp>` to
    have every combinator defined.
*/
template <class Derived>
class sink_facade {
public:
    /** A future that sends `item` and flushes the sink; it yields the sink back.

        It completes once the item is accepted and `poll_complete` is ready.
    */
    template <class D = Derived>
    send_future<D> send(typename D::sink_item_type item) &&
    {
        return send_future<D>(std::move(self()), std::move(item));
    }

    /** A future that sends every item of `stream`; it yields {sink, stream}.

        The sink is flushed whenever the stream is not ready, and closed
        once the stream ends (futures 0.1's contract; the stream is never
        polled after its end). The stream's items must convert to
        the sink's items, its errors to the sink's error (a stream error
        fails the future).
    */
    template <Stream St>
    send_all_future<Derived, St> send_all(St stream) &&
    {
        return send_all_future<Derived, St>(std::move(self()), std::move(stream));
    }

    /// A future that flushes the sink (`poll_complete` until ready); it yields the sink back.
    flush_future<Derived> flush() && { return flush_future<Derived>(std::move(self())); }

    /** A sink of `U` that sends `f(u)` here.

        `f` returns the item, a `boost::system::result` of it (an error
        fails the send), or a Future of it (its error converts to this
        sink's error); a future runs to completion before the next item is
        taken. `U` is deduced from `f`'s parameter unless given.
    */
    template <class U = detail::deduce_argument, class F>
    with_sink<Derived, detail::with_argument_t<U, std::decay_t<F>>, std::decay_t<F>> with(F&& f) &&
    {
        return {std::move(self()), std::forward<F>(f)};
    }

    /** A sink of `U` that sends every item of the Stream `f(u)` here.

        The stream is drained before the next `U` is taken; its errors
        convert to this sink's error. `U` is deduced from `f`'s parameter
        unless given.
    */
    template <class U = detail::deduce_argument, class F>
    with_flat_map_sink<Derived, detail::with_argument_t<U, std::decay_t<F>>, std::decay_t<F>>
    with_flat_map(F&& f) &&
    {
        return {std::move(self()), std::forward<F>(f)};
    }

    /** A sink that accepts up to `n` items while this one is not ready.

        With `n == 0` it adds nothing. Its queue is allocated once.
    */
    buffer_sink<Derived> buffer(std::size_t n) &&
    {
        return buffer_sink<Derived>(std::move(self()), n);
    }

    /// A sink whose errors are `g(error)`.
    template <class G>
    map_err_sink<Derived, std::decay_t<G>> sink_map_err(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// A sink whose errors are converted to `E` (futures-rs's `sink_from_err`).
    template <class E>
    from_err_sink<Derived, E> sink_from_err() &&
    {
        return from_err_sink<Derived, E>(std::move(self()));
    }

    /** A blocking sink, for a thread that may wait: `send`, `flush`, `close`.

        Never on a reactor's thread; see `wait_sink`.
    */
    wait_sink<Derived> wait() && { return wait_sink<Derived>(std::move(self())); }

    /** A sink that sends a copy of each item here and the item to `other`.

        An item is taken only when both are ready for it: backpressure from
        either holds it. Both sinks must have the same item and error types.
    */
    template <class Other>
    fanout_sink<Derived, Other> fanout(Other other) &&
    {
        return {std::move(self()), std::move(other)};
    }

protected:
    sink_facade() = default;

private:
    Derived& self() noexcept { return static_cast<Derived&>(*this); }
};

} // namespace protokit::future

// Every type the members above return is defined with the facade (see
// `future_facade.hpp`), and so are the future combinators of what they return.
#include <protokit/future/future_facade.hpp>

#include <protokit/future/sink/buffer.hpp>
#include <protokit/future/sink/fanout.hpp>
#include <protokit/future/sink/flush.hpp>
#include <protokit/future/sink/from_err.hpp>
#include <protokit/future/sink/map_err.hpp>
#include <protokit/future/sink/send.hpp>
#include <protokit/future/sink/send_all.hpp>
#include <protokit/future/sink/wait.hpp>
#include <protokit/future/sink/with.hpp>
#include <protokit/future/sink/with_flat_map.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FACADE_HPP
#define PROTOKIT_FUTURE_STREAM_FACADE_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/stream_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace protokit::future {

/** The combinators of every stream, as member functions.

    A stream type derives from `stream_facade<itself>` to get `.map(...)`,
    `.for_each(...)` and the rest. Each combinator consumes the stream (call
    it on an rvalue) and returns a new stream or future. Most allocate
    nothing; those that gather items (`collect`, `concat`, `chunks`), run a
    set of futures (`buffered`, `buffer_unordered`: up to the set's largest
    size, then never again), share the stream (`split`: once) or erase its
    type (`boxed`: if it does not fit the small buffer) say so. Callbacks are called through
    `detail::invoke_unit`: a callback of no argument takes a `unit` item, and
    one returning `void` returns `unit`. Where a callback returns "a future",
    it may also return a `boost::system::result`, taken as a future that is
    ready at once. Include `<protokit/future/stream.hpp>` to have every
    combinator defined.

    As in futures 0.1, an error does not end a stream: the combinators that
    pass errors through go on with the items after it; those that make a
    future of the whole stream (`for_each`, `fold`, `collect`, `concat`,
    `forward`) fail with the first error.
*/
template <class Derived>
class stream_facade {
public:
    /// A stream of `g(item)`; errors pass through.
    template <class G>
    map_stream<Derived, std::decay_t<G>> map(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// A stream whose errors are `g(error)`; items pass through.
    template <class G>
    map_err_stream<Derived, std::decay_t<G>> map_err(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// The items for which `pred(item const&)` is true; errors pass through.
    template <class P>
    filter_stream<Derived, std::decay_t<P>> filter(P&& pred) &&
    {
        return {std::move(self()), std::forward<P>(pred)};
    }

    /// The values of the `std::optional`s that `g(item)` returns, skipping the empty ones.
    template <class G>
    filter_map_stream<Derived, std::decay_t<G>> filter_map(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// For each item or error, as a `boost::system::result`, the outcome of the future `g` returns.
    template <class G>
    then_stream<Derived, std::decay_t<G>> then(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// For each item, the value of the future `g(item)` returns; errors pass through.
    template <class G>
    and_then_stream<Derived, std::decay_t<G>> and_then(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// For each error, the outcome of the future `g(error)` returns; items pass through.
    template <class G>
    or_else_stream<Derived, std::decay_t<G>> or_else(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// A future that runs `g(item)` (returning a future of `unit`, or `void`) for each item in
    /// turn.
    template <class G>
    for_each_future<Derived, std::decay_t<G>> for_each(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// A future of `g(...g(g(init, item0), item1)..., itemN)`; `g` may return a future.
    template <class A, class G>
    fold_future<Derived, std::decay_t<A>, std::decay_t<G>> fold(A&& init, G&& g) &&
    {
        return {std::move(self()), std::forward<A>(init), std::forward<G>(g)};
    }

    /// A future of every item, in a `std::vector`.
    collect_future<Derived> collect() && { return collect_future<Derived>(std::move(self())); }

    /// A future of the items appended together (strings, vectors, any container).
    concat_future<Derived> concat() && { return concat_future<Derived>(std::move(self())); }

    /// The first `n` items; errors pass through and do not count.
    take_stream<Derived> take(std::uint64_t n) && { return {std::move(self()), n}; }

    /// The items after the first `n`; errors pass through and do not count.
    skip_stream<Derived> skip(std::uint64_t n) && { return {std::move(self()), n}; }

    /// The items up to the first for which `pred` (a `bool` or a future of one) is false.
    template <class P>
    take_while_stream<Derived, std::decay_t<P>> take_while(P&& pred) &&
    {
        return {std::move(self()), std::forward<P>(pred)};
    }

    /// The items from the first for which `pred` (a `bool` or a future of one) is false.
    template <class P>
    skip_while_stream<Derived, std::decay_t<P>> skip_while(P&& pred) &&
    {
        return {std::move(self()), std::forward<P>(pred)};
    }

    /// The items in `std::vector`s of `n` (the last may be shorter).
    chunks_stream<Derived> chunks(std::size_t n) && { return {std::move(self()), n}; }

    /// For a stream of futures: their values in order, with up to `n` of them running.
    buffered_stream<Derived> buffered(std::size_t n) && { return {std::move(self()), n}; }

    /// For a stream of futures: their values as they finish, with up to `n` of them running.
    buffer_unordered_stream<Derived> buffer_unordered(std::size_t n) &&
    {
        return {std::move(self()), n};
    }

    /// A future that sends every item into `sink`, closes it, and yields both back.
    template <Sink K>
    forward_future<Derived, K> forward(K sink) &&
    {
        return {std::move(self()), std::move(sink)};
    }

    /// Pairs of an item of each stream; ends when either ends.
    template <Stream S2>
    zip_stream<Derived, S2> zip(S2 other) &&
    {
        return {std::move(self()), std::move(other)};
    }

    /// The items of this stream, then those of `other`.
    template <Stream S2>
    chain_stream<Derived, S2> chain(S2 other) &&
    {
        return {std::move(self()), std::move(other)};
    }

    /// The items of both streams, taking each in turn; ends when both end.
    template <Stream S2>
    select_stream<Derived, S2> select(S2 other) &&
    {
        return {std::move(self()), std::move(other)};
    }

    /// The items of both streams, of different types, as `merged_item`s; ends when both end.
    template <Stream S2>
    merge_stream<Derived, S2> merge(S2 other) &&
    {
        return {std::move(self()), std::move(other)};
    }

    /// A stream that may be polled after its end, and keeps ending.
    fuse_stream<Derived> fuse() && { return fuse_stream<Derived>(std::move(self())); }

    /// For a stream of streams: the items of each inner stream in turn.
    template <class D = Derived>
    flatten_stream<D> flatten() &&
    {
        return flatten_stream<D>(std::move(self()));
    }

    /// This stream, showing each item to `g` (as a const reference) on the way.
    template <class G>
    inspect_stream<Derived, std::decay_t<G>> inspect(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// This stream, showing each error to `g` (as a const reference) on the way.
    template <class G>
    inspect_err_stream<Derived, std::decay_t<G>> inspect_err(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// This stream, its errors converted to `E` (futures-rs's `from_err`).
    template <class E>
    from_err_stream<Derived, E> from_err() &&
    {
        return from_err_stream<Derived, E>(std::move(self()));
    }

    /** This stream, polled where it is: combinators take items from it and leave it.

        futures-rs's `by_ref`: `s.by_ref().take(2)` takes two items, and `s`
        goes on after them. `s` must outlive what is made of it.
    */
    ref_stream<Derived> by_ref() & { return ref_stream<Derived>(self()); }

    /** A blocking iterator of this stream's items (and errors), for a thread that may wait.

        Never on a reactor's thread; see `wait_stream`.
    */
    wait_stream<Derived> wait() && { return wait_stream<Derived>(std::move(self())); }

    /// A stream whose next item can be looked at before it is taken.
    peekable_stream<Derived> peekable() && { return peekable_stream<Derived>(std::move(self())); }

    /// A future of the next item (or the end) and the rest of the stream.
    stream_future<Derived> into_future() && { return stream_future<Derived>(std::move(self())); }

    /// For a stream that is also a sink: a stream half and a sink half, usable on two threads.
    template <class D = Derived>
    requires Sink<D> std::pair<split_stream<D>, split_sink<D>> split() &&;

    /// The stream behind a type-erased handle (allocates if it does not fit a small buffer).
    template <class D = Derived>
    boxed_stream<typename D::item_type, typename D::error_type> boxed() &&
    {
        return boxed_stream<typename D::item_type, typename D::error_type>(std::move(self()));
    }

protected:
    stream_facade() = default;

private:
    Derived& self() noexcept { return static_cast<Derived&>(*this); }
};

} // namespace protokit::future

// Every type the members above return is defined with the facade (see
// `future_facade.hpp`), and so are the future combinators of what they return.
#include <protokit/future/future_facade.hpp>

#include <protokit/future/stream/and_then.hpp>
#include <protokit/future/stream/boxed.hpp>
#include <protokit/future/stream/buffer_unordered.hpp>
#include <protokit/future/stream/buffered.hpp>
#include <protokit/future/stream/by_ref.hpp>
#include <protokit/future/stream/chain.hpp>
#include <protokit/future/stream/chunks.hpp>
#include <protokit/future/stream/collect.hpp>
#include <protokit/future/stream/concat.hpp>
#include <protokit/future/stream/filter.hpp>
#include <protokit/future/stream/filter_map.hpp>
#include <protokit/future/stream/flatten.hpp>
#include <protokit/future/stream/fold.hpp>
#include <protokit/future/stream/for_each.hpp>
#include <protokit/future/stream/forward.hpp>
#include <protokit/future/stream/from_err.hpp>
#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream/inspect.hpp>
#include <protokit/future/stream/into_future.hpp>
#include <protokit/future/stream/map.hpp>
#include <protokit/future/stream/merge.hpp>
#include <protokit/future/stream/or_else.hpp>
#include <protokit/future/stream/peekable.hpp>
#include <protokit/future/stream/select.hpp>
#include <protokit/future/stream/skip.hpp>
#include <protokit/future/stream/skip_while.hpp>
#include <protokit/future/stream/split.hpp>
#include <protokit/future/stream/take.hpp>
#include <protokit/future/stream/take_while.hpp>
#include <protokit/future/stream/then.hpp>
#include <protokit/future/stream/wait.hpp>
#include <protokit/future/stream/zip.hpp>

#endif

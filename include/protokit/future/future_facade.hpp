// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_FUTURE_FACADE_HPP
#define PROTOKIT_FUTURE_FUTURE_FACADE_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/future_fwd.hpp>

#include <type_traits>
#include <utility>

namespace protokit::future {

/** The combinators of every future, as member functions.

    A future type derives from `future_facade<itself>` to get `.map(...)`,
    `.and_then(...)` and the rest. Each combinator consumes the future
    (call it on an rvalue) and returns a new future; nothing is allocated
    but by `shared()` (once) and by `boxed()` (only for a future too large
    for its buffer). Include `<protokit/future/future.hpp>` to have every
    combinator defined.
*/
template <class Derived>
class future_facade {
public:
    /// A future of `g(value)`.
    template <class G>
    map_future<Derived, std::decay_t<G>> map(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// A future whose error is `g(error)`.
    template <class G>
    map_err_future<Derived, std::decay_t<G>> map_err(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// A future whose error is converted to `E` (futures-rs's `from_err`).
    template <class E>
    from_err_future<Derived, E> from_err() &&
    {
        return from_err_future<Derived, E>(std::move(self()));
    }

    /** A future that runs `g(result)` once this one completes, either way.

        `g` takes a `boost::system::result<item, error>` and returns the
        future to run next (or a `boost::system::result`, taken as ready).
    */
    template <class G>
    then_future<Derived, std::decay_t<G>> then(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /** A future that runs `g(value)` once this one succeeds.

        `g` returns the future to run next, or a `boost::system::result`
        taken as ready. An error of this future skips `g`; the next
        future's error must convert to this future's error type.
    */
    template <class G>
    and_then_future<Derived, std::decay_t<G>> and_then(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /** A future that runs `g(error)` if this one fails, to recover.

        `g` returns the future to run next, or a `boost::system::result`
        taken as ready; its error type is the error type of the result.
        A value of this future skips `g`.
    */
    template <class G>
    or_else_future<Derived, std::decay_t<G>> or_else(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /** A future of the values of this future and of `others`, as a tuple.

        Takes one to four other futures with the same error type. The first
        error wins: the futures still running are dropped at once.
    */
    template <class... Fs>
    requires(sizeof...(Fs) >= 1 &&
             sizeof...(Fs) <= 4) join_future<Derived, std::decay_t<Fs>...> join(Fs&&... others) && {
        return join_future<Derived, std::decay_t<Fs>...>(std::move(self()),
                                                         std::forward<Fs>(others)...);
    }

    /** A future of whichever of this future and `other` completes first.

        Both have the same item and error types. The outcome comes with the
        unfinished future, which may be polled on to completion: the value
        is a `std::pair<item, unfinished>` and the error a
        `std::pair<error, unfinished>`.
    */
    template <class F>
    select_future<Derived, std::decay_t<F>> select(F&& other) &&
    {
        return {std::move(self()), std::forward<F>(other)};
    }

    /** Like `select`, for a future `other` of other item or error types.

        The value (and the error) is a `std::variant`: index 0 when this
        future won, paired with `other`; index 1 when `other` won, paired
        with this future.
    */
    template <class F>
    select2_future<Derived, std::decay_t<F>> select2(F&& other) &&
    {
        return {std::move(self()), std::forward<F>(other)};
    }

    /// A future of the future this one yields (futures-rs's `flatten`).
    template <class D = Derived>
    flatten_future<D> flatten() &&
    {
        return flatten_future<D>(std::move(self()));
    }

    /// A stream of the items of the stream this future yields.
    template <class D = Derived>
    flattened_stream<D> flatten_stream() &&
    {
        return flattened_stream<D>(std::move(self()));
    }

    /// A stream of this future's one value (or error), then the end.
    template <class D = Derived>
    future_stream<D> into_stream() &&
    {
        return future_stream<D>(std::move(self()));
    }

    /// A future that may be polled after it completed: it then stays not ready.
    template <class D = Derived>
    fuse_future<D> fuse() &&
    {
        return fuse_future<D>(std::move(self()));
    }

    /// A future that shows its value to `g` (as a const reference) on the way.
    template <class G>
    inspect_future<Derived, std::decay_t<G>> inspect(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /** A copyable future: every copy gets a copy of this future's outcome.

        Copies may be polled on different threads. Allocates once.
    */
    template <class D = Derived>
    shared_future<D> shared() &&
    {
        return shared_future<D>(std::move(self()));
    }

    /** This future, failing with `error::timed_out` unless it completes within `d`.

        `h` is a `reactor::handle`: the deadline is on its core's clock,
        `d` from now, and the future must be polled on that core's thread.
        The member only forwards to `timeout_after(future, h, d)`, found
        next to the handle's type (`reactor/timeout.hpp`, which any header
        that hands out a handle includes), so that the futures layer knows
        nothing of the reactor. The error type must be constructible from
        an `error_code` (`map_err` or `from_err` first, if it is not).
    */
    template <class Handle, class Duration, class D = Derived>
    auto timeout(Handle const& h, Duration d) &&
    {
        return timeout_after(std::move(static_cast<D&>(*this)), h, d);
    }

    /// This future behind a type-erased, move-only handle.
    template <class D = Derived>
    boxed_future<typename D::item_type, typename D::error_type> boxed() &&
    {
        return boxed_future<typename D::item_type, typename D::error_type>(std::move(self()));
    }

protected:
    future_facade() = default;

private:
    Derived& self() noexcept { return static_cast<Derived&>(*this); }
};

} // namespace protokit::future

// Every type the members above return is defined with the facade, so that
// any header handing out a future makes its combinators usable. The
// combinator headers include this one first: they need only the
// declarations of `detail/future_fwd.hpp` until a combinator is used.
#include <protokit/future/boxed.hpp>
#include <protokit/future/flatten.hpp>
#include <protokit/future/fuse.hpp>
#include <protokit/future/inspect.hpp>
#include <protokit/future/into_stream.hpp>
#include <protokit/future/join.hpp>
#include <protokit/future/map.hpp>
#include <protokit/future/select.hpp>
#include <protokit/future/shared.hpp>
#include <protokit/future/then.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_SPLIT_HPP
#define PROTOKIT_FUTURE_STREAM_SPLIT_HPP

#include <protokit/future/detail/bilock.hpp>
#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream_facade.hpp>

#include <utility>

namespace protokit::future {

/** The stream half of `t.split()`: `t`'s items.

    The halves share `t` through a lock that each takes for the length of
    one call. If the sink half holds it, the poll returns not ready and the
    task is woken when the sink half lets go. The halves may be used by
    different tasks, on different threads.
*/
template <class T>
class split_stream : public stream_facade<split_stream<T>> {
public:
    using item_type = typename T::item_type;
    using error_type = typename T::error_type;

    explicit split_stream(detail::bilock<T> lock) noexcept : lock_(std::move(lock)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        auto guard = lock_.poll_lock();
        if (!guard.is_ready())
            return not_ready;
        return (*guard.value()).poll_next();
    }

    /// True if `sink` is the other half of this one.
    bool is_pair_of(split_sink<T> const& sink) const noexcept;

private:
    friend class split_sink<T>;
    template <class U>
    friend U reunite(split_stream<U> stream, split_sink<U> sink);

    detail::bilock<T> lock_;
};

/** The sink half of `t.split()`: `t`'s sink operations.

    If the stream half holds the shared object, `start_send` hands the item
    back (not ready) and `poll_complete` and `close` return not ready; the
    task is woken when the stream half lets go.
*/
template <class T>
class split_sink : public sink_facade<split_sink<T>> {
public:
    using sink_item_type = typename T::sink_item_type;
    using sink_error_type = typename T::sink_error_type;

    explicit split_sink(detail::bilock<T> lock) noexcept : lock_(std::move(lock)) {}

    start_send_result<sink_item_type, sink_error_type> start_send(sink_item_type&& item)
    {
        auto guard = lock_.poll_lock();
        if (!guard.is_ready())
            return not_ready_with(std::move(item));
        return (*guard.value()).start_send(std::move(item));
    }

    poll_result<unit, sink_error_type> poll_complete()
    {
        auto guard = lock_.poll_lock();
        if (!guard.is_ready())
            return not_ready;
        return (*guard.value()).poll_complete();
    }

    poll_result<unit, sink_error_type> close()
    {
        auto guard = lock_.poll_lock();
        if (!guard.is_ready())
            return not_ready;
        return (*guard.value()).close();
    }

private:
    friend class split_stream<T>;
    template <class U>
    friend U reunite(split_stream<U> stream, split_sink<U> sink);

    detail::bilock<T> lock_;
};

/// Puts the two halves of one `split()` back together.
template <class T>
T reunite(split_stream<T> stream, split_sink<T> sink)
{
    return detail::bilock<T>::reunite(std::move(stream.lock_), std::move(sink.lock_));
}

template <class T>
bool split_stream<T>::is_pair_of(split_sink<T> const& sink) const noexcept
{
    return lock_.is_pair_of(sink.lock_);
}

template <class Derived>
template <class D>
requires Sink<D> std::pair<split_stream<D>, split_sink<D>> stream_facade<Derived>::split() && {
    auto [a, b] = detail::bilock<D>::make(std::move(self()));
    return {split_stream<D>(std::move(a)), split_sink<D>(std::move(b))};
}

} // namespace protokit::future

#endif

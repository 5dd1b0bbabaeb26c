// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FUTURES_UNORDERED_HPP
#define PROTOKIT_FUTURE_STREAM_FUTURES_UNORDERED_HPP

#include <protokit/future/detail/range.hpp>
#include <protokit/future/detail/task_set.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <ranges>
#include <type_traits>
#include <utility>

namespace protokit::future {

/** A stream of the values of a changing set of futures, as they finish
    (futures 0.1's `FuturesUnordered`).

    Each member is polled as its own task, so a wake-up polls only the
    members that were notified (and those pushed since the last poll), never
    all of them; members may be notified from any thread. The members live
    in a slab whose slots are reused: once the set has held its largest
    number of members, `push`, `poll_next` and completions allocate nothing.

    `push` does not poll the future: poll the set afterwards. A member's
    error is yielded as an error of the stream, which goes on with the other
    members. The stream yields the end whenever the set is empty; more
    futures may be pushed after that.
*/
template <Future F>
class futures_unordered : public stream_facade<futures_unordered<F>> {
public:
    using item_type = typename F::item_type;
    using error_type = typename F::error_type;

    /// An empty set.
    futures_unordered() = default;

    /** A set of every future of `futures`, in order (futures 0.1's `futures_unordered(iter)`).

        The futures are moved out of an rvalue range, copied out of an
        lvalue one; none is polled yet.
    */
    template <detail::FutureRange R>
    requires(!std::same_as<std::remove_cvref_t<R>, futures_unordered> &&
             std::same_as<std::ranges::range_value_t<R>, F>) explicit futures_unordered(R&& futures)
    {
        for (auto&& f : futures) {
            if constexpr (std::is_lvalue_reference_v<R>)
                push(F(f));
            else
                push(std::move(f));
        }
    }

    /// Adds `f` to the set.
    void push(F f) { set_.insert(std::move(f)); }

    /// The number of futures in the set.
    std::size_t size() const noexcept { return set_.size(); }

    /// True if the set holds no future.
    bool empty() const noexcept { return set_.empty(); }

    /// The number of slots in the slab: the largest number of futures the set has held.
    std::size_t capacity() const noexcept { return set_.capacity(); }

    /** The value of a member that has finished.

        Not ready means that no notified member finished, and the current
        task will be woken when a member is notified.
    */
    stream_poll_result<item_type, error_type> poll_next()
    {
        if (set_.empty())
            return end_of_stream;
        auto done = set_.poll_any();
        if (!done)
            return not_ready;
        if (done->result.is_error())
            return fail(std::move(done->result).error());
        return ready(std::optional<item_type>(std::move(done->result).value()));
    }

private:
    detail::task_set<F> set_;
};

/// `futures_unordered(range)` deduces the future type from the range.
template <detail::FutureRange R>
futures_unordered(R&&) -> futures_unordered<std::ranges::range_value_t<R>>;

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FUTURES_ORDERED_HPP
#define PROTOKIT_FUTURE_STREAM_FUTURES_ORDERED_HPP

#include <protokit/future/detail/range.hpp>
#include <protokit/future/detail/task_set.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::future {

/** A stream of the values of a changing set of futures, in the order they
    were pushed (futures 0.1's `FuturesOrdered`).

    The futures run together, each polled only when notified (as in
    `futures_unordered`); a value that arrives before those pushed earlier
    waits in a ring, in order, until they have been yielded. Once the set
    has held its largest number of futures, `push`, `poll_next` and
    completions allocate nothing.

    A member's error is yielded as soon as it happens, out of order, and
    that member's place in the order is skipped: the stream goes on with
    the values of the others. (futures 0.1 yields the error too, but then
    waits forever for the failed member's value.) The stream yields the end
    whenever the set is empty.
*/
template <Future F>
class futures_ordered : public stream_facade<futures_ordered<F>> {
public:
    using item_type = typename F::item_type;
    using error_type = typename F::error_type;

    /// An empty set.
    futures_ordered() = default;

    /** A set of every future of `futures`, in order (futures 0.1's `futures_ordered(iter)`).

        The futures are moved out of an rvalue range, copied out of an
        lvalue one; none is polled yet.
    */
    template <detail::FutureRange R>
    requires(!std::same_as<std::remove_cvref_t<R>, futures_ordered> &&
             std::same_as<std::ranges::range_value_t<R>, F>) explicit futures_ordered(R&& futures)
    {
        for (auto&& f : futures) {
            if constexpr (std::is_lvalue_reference_v<R>)
                push(F(f));
            else
                push(std::move(f));
        }
    }

    /// Adds `f` after every future pushed before it.
    void push(F f)
    {
        if (sequence_of_.size() <= set_.capacity())
            sequence_of_.resize(set_.capacity() + 1);
        slot& s = next_slot();
        s.done = false;
        s.value.reset();
        auto const key = set_.insert(std::move(f));
        sequence_of_[key] = head_sequence_ + count_;
        ++count_;
    }

    /** Adds a value that is already there, after every future pushed before it.

        For a caller that polled a future once itself and found it ready:
        the value waits its turn in the ring without the set ever running
        a future for it.
    */
    void push_ready(item_type value)
    {
        slot& s = next_slot();
        s.done = true;
        s.value.emplace(std::move(value));
        ++count_;
    }

    /// The number of futures pushed whose value or error has not been yielded yet.
    std::size_t size() const noexcept { return count_ - skipped_; }

    /// True if every future pushed has been yielded.
    bool empty() const noexcept { return size() == 0; }

    /// The number of slots in the slab: the largest number of futures the set has run at once.
    std::size_t capacity() const noexcept { return set_.capacity(); }

    /** The value of the earliest future pushed that has not been yielded.

        Not ready means that it has not finished, and the current task will
        be woken when a member is notified.
    */
    stream_poll_result<item_type, error_type> poll_next()
    {
        for (;;) {
            while (count_ != 0 && ring_[head_].done && !ring_[head_].value) {
                --skipped_;
                advance();
            }
            if (count_ == 0)
                return end_of_stream;
            slot& front = ring_[head_];
            if (front.done) {
                std::optional<item_type> value;
                value.swap(front.value);
                advance();
                return ready(std::move(value));
            }
            auto done = set_.poll_any();
            if (!done)
                return not_ready;
            std::uint64_t const sequence = sequence_of_[done->key];
            slot& s = ring_[(head_ + (sequence - head_sequence_)) % ring_.size()];
            s.done = true;
            if (done->result.is_error()) {
                ++skipped_;
                return fail(std::move(done->result).error());
            }
            s.value.emplace(std::move(done->result).value());
        }
    }

private:
    struct slot {
        std::optional<item_type> value;
        bool done = false;
    };

    /// The ring slot after the last one pushed, growing the ring if it is full.
    slot& next_slot()
    {
        if (count_ == ring_.size())
            grow();
        return ring_[(head_ + count_) % ring_.size()];
    }

    void advance() noexcept
    {
        head_ = (head_ + 1) % ring_.size();
        ++head_sequence_;
        --count_;
    }

    void grow()
    {
        std::vector<slot> ring(ring_.empty() ? 4 : ring_.size() * 2);
        for (std::size_t i = 0; i != count_; ++i) {
            slot& from = ring_[(head_ + i) % ring_.size()];
            ring[i].done = from.done;
            if (from.value)
                ring[i].value.emplace(std::move(*from.value));
        }
        ring_.swap(ring);
        head_ = 0;
    }

    detail::task_set<F> set_;
    std::vector<std::uint64_t> sequence_of_;
    std::vector<slot> ring_;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
    std::size_t skipped_ = 0;
    std::uint64_t head_sequence_ = 0;
};

/// `futures_ordered(range)` deduces the future type from the range.
template <detail::FutureRange R>
futures_ordered(R&&) -> futures_ordered<std::ranges::range_value_t<R>>;

} // namespace protokit::future

#endif

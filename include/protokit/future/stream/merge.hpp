// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_MERGE_HPP
#define PROTOKIT_FUTURE_STREAM_MERGE_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/** An item of `a.merge(b)`: an item of `a`, an item of `b`, or one of each
    (futures 0.1's `MergedItem::{First, Second, Both}`).
*/
template <class A, class B>
class merged_item {
public:
    /// An item of the first stream only.
    static merged_item first(A a) { return merged_item(std::move(a), std::nullopt); }
    /// An item of the second stream only.
    static merged_item second(B b) { return merged_item(std::nullopt, std::move(b)); }
    /// An item of each stream.
    static merged_item both(A a, B b) { return merged_item(std::move(a), std::move(b)); }

    /// True if it holds an item of the first stream.
    bool has_first() const noexcept { return first_.has_value(); }
    /// True if it holds an item of the second stream.
    bool has_second() const noexcept { return second_.has_value(); }
    /// True if it holds an item of each stream.
    bool is_both() const noexcept { return has_first() && has_second(); }

    /// The item of the first stream.
    A& first_item() noexcept
    {
        BOOST_ASSERT(has_first());
        return *first_;
    }
    /// The item of the second stream.
    B& second_item() noexcept
    {
        BOOST_ASSERT(has_second());
        return *second_;
    }

private:
    merged_item(std::optional<A> a, std::optional<B> b)
        : first_(std::move(a)), second_(std::move(b))
    {
    }

    detail::stream_optional<A> first_;
    detail::stream_optional<B> second_;
};

/** The stream of `a.merge(b)`: the items of two streams of different item
    types, as `merged_item`s, as they come; ends when both have ended.

    Each poll asks `a` first; if both have an item they come together
    (`both`). As in futures 0.1, an error of `b` that arrives with an item
    of `a` is held back and yielded at the next poll.
*/
template <class S1, class S2>
class merge_stream : public stream_facade<merge_stream<S1, S2>> {
    static_assert(std::same_as<typename S1::error_type, typename S2::error_type>,
                  "protokit: merge needs streams of the same error type");

public:
    using item_type = merged_item<typename S1::item_type, typename S2::item_type>;
    using error_type = typename S1::error_type;

    merge_stream(S1 a, S2 b) : a_(std::move(a)), b_(std::move(b)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (error_) {
            std::optional<error_type> e;
            e.swap(error_);
            return fail(std::move(*e));
        }
        auto r = a_.poll_next();
        if (r.is_error())
            return fail(std::move(r).error());
        if (r.is_ready() && r.value()) {
            auto s = b_.poll_next();
            if (s.is_error()) {
                error_.emplace(std::move(s).error());
                return ready(item_type::first(std::move(*r.value())));
            }
            if (s.is_ready() && s.value())
                return ready(item_type::both(std::move(*r.value()), std::move(*s.value())));
            return ready(item_type::first(std::move(*r.value())));
        }
        bool const a_done = r.is_ready();
        PROTOKIT_TRY_READY(item, b_.poll_next());
        if (item)
            return ready(item_type::second(std::move(*item)));
        if (a_done)
            return end_of_stream;
        return not_ready;
    }

private:
    fuse_stream<S1> a_;
    fuse_stream<S2> b_;
    detail::stream_optional<error_type> error_;
};

} // namespace protokit::future

#endif

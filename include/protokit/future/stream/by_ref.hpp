// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_BY_REF_HPP
#define PROTOKIT_FUTURE_STREAM_BY_REF_HPP

#include <protokit/future/stream_facade.hpp>

#include <memory>

namespace protokit::future {

/** The stream of `s.by_ref()`: polls `s` where it is, without taking it.

    futures-rs's `by_ref` (a `&mut S` is a stream): combinators can take
    some of a stream's items and leave it to be used on, as in
    `s.by_ref().take(2).collect()`. It holds a pointer: `s` must outlive it.
*/
template <class S>
class ref_stream : public stream_facade<ref_stream<S>> {
public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    /// Polls `s`, which must outlive this stream.
    explicit ref_stream(S& s) noexcept : inner_(std::addressof(s)) {}

    /// The next item of `s`.
    stream_poll_result<item_type, error_type> poll_next() { return inner_->poll_next(); }

    /// The stream polled.
    S& get_ref() const noexcept { return *inner_; }

private:
    S* inner_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_PEEKABLE_HPP
#define PROTOKIT_FUTURE_STREAM_PEEKABLE_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream_facade.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `s.peekable()`: `s`, whose next item can be looked at
    with `poll_peek()` before `poll_next()` takes it.

    The inner stream is fused, so both may be polled after the end.
*/
template <class S>
class peekable_stream : public stream_facade<peekable_stream<S>> {
public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    explicit peekable_stream(S s) : inner_(std::move(s)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (peeked_) {
            std::optional<item_type> item;
            item.swap(peeked_);
            return ready(std::move(item));
        }
        return inner_.poll_next();
    }

    /** A pointer to the next item, which stays in the stream; `nullptr` at the end.

        Not ready and errors are those of the inner stream. The pointer is
        valid until the next call of `poll_next` (or the stream is moved).
    */
    poll_result<item_type*, error_type> poll_peek()
    {
        if (!peeked_) {
            PROTOKIT_TRY_READY(item, inner_.poll_next());
            if (!item)
                return ready(static_cast<item_type*>(nullptr));
            peeked_.emplace(std::move(*item));
        }
        return ready(&*peeked_);
    }

private:
    fuse_stream<S> inner_;
    detail::stream_optional<item_type> peeked_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_TAKE_HPP
#define PROTOKIT_FUTURE_STREAM_TAKE_HPP

#include <protokit/future/stream_facade.hpp>

#include <cstdint>
#include <utility>

namespace protokit::future {

/** The stream of `s.take(n)`: the first `n` items, then the end.

    Errors pass through and do not count. Once `n` items have been yielded
    the inner stream is no longer polled.
*/
template <class S>
class take_stream : public stream_facade<take_stream<S>> {
public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    take_stream(S s, std::uint64_t n) : inner_(std::move(s)), remaining_(n) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (remaining_ == 0)
            return end_of_stream;
        PROTOKIT_TRY_READY(item, inner_.poll_next());
        if (item)
            --remaining_;
        else
            remaining_ = 0;
        return ready(std::move(item));
    }

private:
    S inner_;
    std::uint64_t remaining_;
};

} // namespace protokit::future

#endif

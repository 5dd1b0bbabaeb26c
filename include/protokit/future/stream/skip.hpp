// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_SKIP_HPP
#define PROTOKIT_FUTURE_STREAM_SKIP_HPP

#include <protokit/future/stream_facade.hpp>

#include <cstdint>
#include <utility>

namespace protokit::future {

/// The stream of `s.skip(n)`: the items after the first `n`; errors pass through and do not count.
template <class S>
class skip_stream : public stream_facade<skip_stream<S>> {
public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    skip_stream(S s, std::uint64_t n) : inner_(std::move(s)), remaining_(n) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        for (;;) {
            PROTOKIT_TRY_READY(item, inner_.poll_next());
            if (!item || remaining_ == 0)
                return ready(std::move(item));
            --remaining_;
        }
    }

private:
    S inner_;
    std::uint64_t remaining_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_EMPTY_HPP
#define PROTOKIT_FUTURE_STREAM_EMPTY_HPP

#include <protokit/future/stream_facade.hpp>

namespace protokit::future {

/// A stream that ends at once (futures-rs's `stream::empty`): `empty_stream<int>()`.
template <class T, class E = error_code>
class empty_stream : public stream_facade<empty_stream<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    empty_stream() = default;

    stream_poll_result<T, E> poll_next() { return end_of_stream; }
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_BUFFER_UNORDERED_HPP
#define PROTOKIT_FUTURE_STREAM_BUFFER_UNORDERED_HPP

// `buffer_unordered_stream` is `buffer_stream<S, false>`, which
// `buffered.hpp` defines with `buffered_stream`.
#include <protokit/future/stream/buffered.hpp>

#endif

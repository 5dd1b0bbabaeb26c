// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_HPP
#define PROTOKIT_FUTURE_STREAM_HPP

// Streams: the Stream concept, the combinators of `stream_facade`, the
// stream constructors, and the sets of futures polled as they are notified.

#include <protokit/future/concepts.hpp>
#include <protokit/future/stream_facade.hpp>

#include <protokit/future/stream/and_then.hpp>
#include <protokit/future/stream/boxed.hpp>
#include <protokit/future/stream/buffer_unordered.hpp>
#include <protokit/future/stream/buffered.hpp>
#include <protokit/future/stream/by_ref.hpp>
#include <protokit/future/stream/chain.hpp>
#include <protokit/future/stream/chunks.hpp>
#include <protokit/future/stream/collect.hpp>
#include <protokit/future/stream/concat.hpp>
#include <protokit/future/stream/empty.hpp>
#include <protokit/future/stream/filter.hpp>
#include <protokit/future/stream/filter_map.hpp>
#include <protokit/future/stream/flatten.hpp>
#include <protokit/future/stream/fold.hpp>
#include <protokit/future/stream/for_each.hpp>
#include <protokit/future/stream/forward.hpp>
#include <protokit/future/stream/from_err.hpp>
#include <protokit/future/stream/fuse.hpp>
#include <protokit/future/stream/futures_ordered.hpp>
#include <protokit/future/stream/futures_unordered.hpp>
#include <protokit/future/stream/inspect.hpp>
#include <protokit/future/stream/into_future.hpp>
#include <protokit/future/stream/iter_ok.hpp>
#include <protokit/future/stream/iter_result.hpp>
#include <protokit/future/stream/map.hpp>
#include <protokit/future/stream/merge.hpp>
#include <protokit/future/stream/once.hpp>
#include <protokit/future/stream/or_else.hpp>
#include <protokit/future/stream/peekable.hpp>
#include <protokit/future/stream/poll_fn.hpp>
#include <protokit/future/stream/repeat.hpp>
#include <protokit/future/stream/select.hpp>
#include <protokit/future/stream/skip.hpp>
#include <protokit/future/stream/skip_while.hpp>
#include <protokit/future/stream/split.hpp>
#include <protokit/future/stream/take.hpp>
#include <protokit/future/stream/take_while.hpp>
#include <protokit/future/stream/then.hpp>
#include <protokit/future/stream/unfold.hpp>
#include <protokit/future/stream/wait.hpp>
#include <protokit/future/stream/zip.hpp>

#endif

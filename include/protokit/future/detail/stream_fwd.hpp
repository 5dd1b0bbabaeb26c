// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_STREAM_FWD_HPP
#define PROTOKIT_FUTURE_DETAIL_STREAM_FWD_HPP

// Declarations of the stream types that the facade, the combinators and the
// detail headers name before their definitions.

#include <protokit/future/concepts.hpp>
#include <protokit/future/poll.hpp>

namespace protokit::future {

template <class Derived>
class stream_facade;

template <class S, class G>
class map_stream;
template <class S, class G>
class map_err_stream;
template <class S, class P>
class filter_stream;
template <class S, class G>
class filter_map_stream;
template <class S, class G>
class then_stream;
template <class S, class G>
class and_then_stream;
template <class S, class G>
class or_else_stream;
template <class S, class G>
class for_each_future;
template <class S, class A, class G>
class fold_future;
template <class S>
class collect_future;
template <class S>
class concat_future;
template <class S>
class take_stream;
template <class S>
class skip_stream;
template <class S, class P>
class take_while_stream;
template <class S, class P>
class skip_while_stream;
template <class S>
class chunks_stream;
template <Future F>
class futures_ordered;
template <Future F>
class futures_unordered;
template <class S, bool Ordered>
class buffer_stream;
/// The stream of `s.buffered(n)`.
template <class S>
using buffered_stream = buffer_stream<S, true>;
/// The stream of `s.buffer_unordered(n)`.
template <class S>
using buffer_unordered_stream = buffer_stream<S, false>;
template <class S, class K>
class forward_future;
template <class S1, class S2>
class zip_stream;
template <class S1, class S2>
class chain_stream;
template <class S1, class S2>
class select_stream;
template <class S1, class S2>
class merge_stream;
template <class S>
class fuse_stream;
template <class S>
class peekable_stream;
template <class S>
class stream_future;
template <class T>
class split_stream;
template <class T>
class split_sink;
template <class T, class E = error_code>
class boxed_stream;
template <class S>
class flatten_stream;
template <class S, class G>
class inspect_stream;
template <class S, class G>
class inspect_err_stream;
template <class S, class E>
class from_err_stream;
template <class S>
class ref_stream;
template <class S>
class wait_stream;

} // namespace protokit::future

#endif

#ifndef PROTOKIT_FUTURE_DETAIL_STREAM_FWD_HPP
#define PROTOKIT_FUTURE_DETAIL_STREAM_FWD_HPP

// Declarations of the stream combinator types, so that `stream_facade` can
// name them before their definitions.

#include <protokit/future/poll.hpp>

namespace protokit::future {

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
template <class S>
class buffered_stream;
template <class S>
class buffer_unordered_stream;
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

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_SINK_FWD_HPP
#define PROTOKIT_FUTURE_DETAIL_SINK_FWD_HPP

// Declarations of the sink combinator types, so that `sink_facade` can
// name them before their definitions.

namespace protokit::future {

template <class Derived>
class sink_facade;

template <class S>
class send_future;
template <class S, class St>
class send_all_future;
template <class S>
class flush_future;
template <class S, class U, class F>
class with_sink;
template <class S, class U, class F>
class with_flat_map_sink;
template <class S>
class buffer_sink;
template <class S, class G>
class map_err_sink;
template <class A, class B>
class fanout_sink;
template <class S, class E>
class from_err_sink;
template <class S>
class wait_sink;

} // namespace protokit::future

#endif

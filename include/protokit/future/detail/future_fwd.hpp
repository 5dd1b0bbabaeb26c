// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_FUTURE_FWD_HPP
#define PROTOKIT_FUTURE_DETAIL_FUTURE_FWD_HPP

// Declarations of the future types that the facade and the detail headers
// name before their definitions: the facade, its combinators, the ready
// future.

namespace protokit::future {

template <class Derived>
class future_facade;
template <class T, class E>
class ready_future;
template <class A, class B>
class either;

template <class F, class G>
class map_future;
template <class F, class G>
class map_err_future;
template <class F, class E>
class from_err_future;
template <class F, class G>
class then_future;
template <class F, class G>
class and_then_future;
template <class F, class G>
class or_else_future;
template <class... Fs>
class join_future;
template <class A, class B>
class select_future;
template <class A, class B>
class select2_future;
template <class F>
class flatten_future;
template <class F>
class flattened_stream;
template <class F>
class future_stream;
template <class F>
class fuse_future;
template <class F, class G>
class inspect_future;
template <class F>
class shared_future;
template <class T, class E>
class boxed_future;

} // namespace protokit::future

#endif

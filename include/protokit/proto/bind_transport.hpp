// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_BIND_TRANSPORT_HPP
#define PROTOKIT_PROTO_BIND_TRANSPORT_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/ok.hpp>

#include <boost/system/result.hpp>

#include <type_traits>
#include <utility>

namespace protokit::proto {

namespace detail {

template <class R>
struct transport_future {
    using type = future::ready_future<R, future::error_code>;
    static type make(R&& r) { return type(future::ready(std::move(r))); }
};

template <future::Future F>
struct transport_future<F> {
    using type = F;
    static F make(F&& f) { return std::move(f); }
};

template <class T>
struct transport_future<boost::system::result<T>> {
    using type = future::ready_future<T, future::error_code>;
    static type make(boost::system::result<T>&& r)
    {
        if (r)
            return type(future::ready(std::move(*r)));
        return type(future::fail(r.error()));
    }
};

template <class P, class Io>
using raw_bind_t =
    std::remove_cvref_t<decltype(std::declval<P const&>().bind_transport(std::declval<Io&&>()))>;

} // namespace detail

/** The future of a protocol's transport over `io`.

    A protocol's `bind_transport(io)` may return the transport itself, a
    `boost::system::result` of it, or a Future of it (where a handshake,
    TLS setup or socket options happen). This makes all three a Future.
*/
template <class P, class Io>
using bind_future_t = typename detail::transport_future<detail::raw_bind_t<P, Io>>::type;

/// The transport type a protocol binds over `Io`.
template <class P, class Io>
using transport_t = typename bind_future_t<P, Io>::item_type;

/// Calls `proto.bind_transport(io)` and makes the outcome a Future of the transport.
template <class P, class Io>
bind_future_t<P, Io> bind_transport(P const& proto, Io io)
{
    return detail::transport_future<detail::raw_bind_t<P, Io>>::make(
        proto.bind_transport(std::move(io)));
}

} // namespace protokit::proto

#endif

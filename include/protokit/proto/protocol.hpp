// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_PROTOCOL_HPP
#define PROTOKIT_PROTO_PROTOCOL_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/proto/bind_transport.hpp>

#include <concepts>
#include <cstdint>
#include <optional>
#include <utility>

namespace protokit {

namespace pipeline {

struct family;

/** Base of a pipelined server protocol (tokio-proto's `pipeline::ServerProto`).

    A protocol derives from it and names `request_type`, `response_type`
    and `template <class Io> bind_transport(Io) const`, which returns a
    transport (a Stream of requests and a Sink of responses, errors as
    `error_code`), a `boost::system::result` of one, or a Future of one.
    Optionally `std::optional<response_type> error_response(E const&) const`
    turns a service error into a response; without it a service error closes
    the connection once the responses before it are written.
*/
struct server_proto {
    /// How `tcp_server` and `bind_server` serve it (see `proto::ServerProtocol`).
    using server_family = family;
};

/** Base of a pipelined client protocol (tokio-proto's `pipeline::ClientProto`).

    Names `request_type`, `response_type` and `bind_transport(Io)`, whose
    transport is a Sink of requests and a Stream of responses.
*/
struct client_proto {
    /// How `tcp_client` and `bind_client` connect it (see `proto::ClientProtocol`).
    using client_family = family;
};

} // namespace pipeline

namespace multiplex {

/// The default request id of multiplexed protocols.
using request_id = std::uint64_t;

struct family;

/** Base of a multiplexed server protocol (tokio-proto's `multiplex::ServerProto`).

    As `pipeline::server_proto`, but the transport carries
    `std::pair<request_id_type, request_type>` in and
    `std::pair<request_id_type, response_type>` out; responses leave in the
    order they complete. `request_id_type` is optional (default
    `multiplex::request_id`).
*/
struct server_proto {
    /// How `tcp_server` and `bind_server` serve it (see `proto::ServerProtocol`).
    using server_family = family;
};

/** Base of a multiplexed client protocol (tokio-proto's `multiplex::ClientProto`).

    The transport is a Sink of `std::pair<id, request_type>` and a Stream of
    `std::pair<id, response_type>`. The client assigns the ids (an unsigned
    integer type) and never reuses a live one; with an id type narrower
    than `max_in_flight` distinct ids, fewer calls are let in flight.
*/
struct client_proto {
    /// How `tcp_client` and `bind_client` connect it (see `proto::ClientProtocol`).
    using client_family = family;
};

} // namespace multiplex

namespace proto {

namespace detail {

template <class P>
struct id_of {
    using type = multiplex::request_id;
};

template <class P>
requires requires
{
    typename P::request_id_type;
}
struct id_of<P> {
    using type = typename P::request_id_type;
};

} // namespace detail

/// The request id type of a multiplexed protocol.
template <class P>
using request_id_t = typename detail::id_of<P>::type;

/** A server protocol of some family: `P::server_family` says how to serve it.

    A family (`pipeline::family`, `multiplex::family`, ...) is the one
    place that knows how a protocol of its kind becomes a connection:
    `Family::server_connection(proto, io, service, options, control)` and,
    for clients, `Family::client_t<P>` and `Family::bind_client(proto,
    executor, io, max_in_flight)`. `tcp_server`, `tcp_client` and the
    `bind_*` functions go through it, so that adding a family touches
    nothing else.
*/
template <class P>
concept ServerProtocol = requires
{
    typename P::server_family;
};

/// A client protocol of some family: `P::client_family` says how to connect it.
template <class P>
concept ClientProtocol = requires
{
    typename P::client_family;
};

/// The client service type a client protocol's family gives.
template <ClientProtocol P>
using client_service_t = typename P::client_family::template client_t<P>;

} // namespace proto

} // namespace protokit

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_STREAMING_MULTIPLEX_HPP
#define PROTOKIT_PROTO_STREAMING_MULTIPLEX_HPP

#include <protokit/proto/detail/body_layer.hpp>
#include <protokit/proto/streaming/pipeline.hpp>

#include <concepts>
#include <cstddef>
#include <utility>

namespace protokit::streaming::multiplex {

struct family;

/** Base of a multiplexed streaming server protocol (tokio-proto's
   `streaming::multiplex::ServerProto`).

    As `streaming::pipeline::server_proto`, with every frame a
    `tagged_frame<request_id_type, ...>`: bodies of several messages
    interleave, and responses leave as they complete. `request_id_type` is
    optional (default `protokit::multiplex::request_id`). A head marked
    `solo` is a one-way message: the service is called, no response is
    written. A service error the protocol has no `error_response` for is
    an error frame for its request's id: the connection goes on
    (tokio-proto's behaviour).
*/
struct server_proto {
    using server_family = family;
};

/// Base of a multiplexed streaming client protocol: the same names, the transport the other way
/// round.
struct client_proto {
    using client_family = family;
};

/// The client service of a multiplexed streaming protocol.
template <class Proto>
using client = proto::basic_client<request_t<Proto>, response_t<Proto>, proto::request_id_t<Proto>>;

} // namespace protokit::streaming::multiplex

namespace protokit::proto::detail {

/// Multiplexed streaming: frames tagged with ids, bodies interleaved, answers as they complete.
struct streaming_by_id {
    template <class Proto>
    using id_type = request_id_t<Proto>;
    template <class View, class Service>
    using calls = multiplex_server_policy<View, Service, true>;
    template <class Proto, class Side, class InHead, class InChunk, class OutHead, class OutChunk>
    using layer =
        multiplex_body_layer<Side, request_id_t<Proto>, InHead, InChunk, OutHead, OutChunk>;
    template <class Proto, class Head, class Chunk>
    using frame = streaming::tagged_frame<request_id_t<Proto>, Head, Chunk>;
    using server_base = streaming::multiplex::server_proto;
    using client_base = streaming::multiplex::client_proto;
};

} // namespace protokit::proto::detail

namespace protokit::streaming::multiplex {

/// How multiplexed streaming protocols become connections (see `proto::ServerProtocol`).
struct family : proto::detail::streaming_family<proto::detail::streaming_by_id> {};

using proto::bind_client;
using proto::bind_server;
using proto::client_connection;
using proto::server_connection;

} // namespace protokit::streaming::multiplex

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_STREAMING_PIPELINE_HPP
#define PROTOKIT_PROTO_STREAMING_PIPELINE_HPP

#include <protokit/proto/client.hpp>
#include <protokit/proto/detail/body_layer.hpp>
#include <protokit/proto/detail/server_policies.hpp>
#include <protokit/proto/detail/streaming_family.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/streaming/body.hpp>
#include <protokit/proto/streaming/frame.hpp>
#include <protokit/proto/streaming/message.hpp>

namespace protokit::streaming {

namespace pipeline {

struct family;

/** Base of a pipelined streaming server protocol (tokio-proto's
   `streaming::pipeline::ServerProto`).

    Names `request_type` and `response_type` (the heads),
    `request_body_type` and `response_body_type` (the chunks of their
    bodies) and `bind_transport(Io)`, whose transport is a Stream of
    `frame<request_type, request_body_type>` and a Sink of
    `frame<response_type, response_body_type>`. The service takes
    `request_t<Proto>` and answers `response_t<Proto>`. Optionally
    `std::optional<response_t<Proto>> error_response(E const&) const`.
*/
struct server_proto {
    using server_family = family;
};

/// Base of a pipelined streaming client protocol: the same names, the transport the other way
/// round.
struct client_proto {
    using client_family = family;
};

/// The client service of a pipelined streaming protocol: calls with `request_t`, answers
/// `response_t`.
template <class Proto>
using client = proto::basic_client<request_t<Proto>, response_t<Proto>, void>;

} // namespace pipeline

} // namespace protokit::streaming

namespace protokit::proto::detail {

/// Pipelined streaming: one body open each way, messages in request order.
struct streaming_in_order {
    template <class Proto>
    using id_type = void;
    template <class View, class Service>
    using calls = pipeline_server_policy<View, Service>;
    template <class Proto, class Side, class InHead, class InChunk, class OutHead, class OutChunk>
    using layer = pipeline_body_layer<Side, InHead, InChunk, OutHead, OutChunk>;
    template <class Proto, class Head, class Chunk>
    using frame = streaming::frame<Head, Chunk>;
    using server_base = streaming::pipeline::server_proto;
    using client_base = streaming::pipeline::client_proto;
};

} // namespace protokit::proto::detail

namespace protokit::streaming::pipeline {

/// How pipelined streaming protocols become connections (see `proto::ServerProtocol`).
struct family : proto::detail::streaming_family<proto::detail::streaming_in_order> {};

using proto::bind_client;
using proto::bind_server;
using proto::client_connection;
using proto::server_connection;

} // namespace protokit::streaming::pipeline

#endif

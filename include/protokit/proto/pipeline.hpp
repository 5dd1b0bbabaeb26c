// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_PIPELINE_HPP
#define PROTOKIT_PROTO_PIPELINE_HPP

#include <protokit/proto/client.hpp>
#include <protokit/proto/detail/simple_family.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/protocol.hpp>

namespace protokit::pipeline {

/// How pipelined protocols become connections: requests answered in the order they came.
struct family : proto::detail::simple_family<proto::detail::in_order> {};

/// The client service of a pipelined protocol.
template <class Request, class Response>
using client = proto::basic_client<Request, Response, void>;

/// The future of one pipelined server connection (what `bind_server` spawns).
template <class Proto, class Io, service::Service S>
using server_connection_t = proto::server_connection_t<Proto, Io, S>;

using proto::bind_client;
using proto::bind_server;
using proto::server_connection;

} // namespace protokit::pipeline

#endif

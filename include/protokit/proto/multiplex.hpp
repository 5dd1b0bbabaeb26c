// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_MULTIPLEX_HPP
#define PROTOKIT_PROTO_MULTIPLEX_HPP

#include <protokit/proto/client.hpp>
#include <protokit/proto/detail/simple_family.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/protocol.hpp>

namespace protokit::multiplex {

/// How multiplexed protocols become connections: responses as they complete, matched by request id.
struct family : proto::detail::simple_family<proto::detail::by_id> {};

/// The client service of a multiplexed protocol.
template <class Request, class Response, class Id = request_id>
using client = proto::basic_client<Request, Response, Id>;

/// The future of one multiplexed server connection (what `bind_server` spawns).
template <class Proto, class Io, service::Service S>
using server_connection_t = proto::server_connection_t<Proto, Io, S>;

using proto::bind_client;
using proto::bind_server;
using proto::server_connection;

} // namespace protokit::multiplex

#endif

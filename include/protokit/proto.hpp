// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_HPP
#define PROTOKIT_PROTO_HPP

// The protocol layer: the connection engine and its families, pipeline and
// multiplex clients and servers with their streaming variants, tcp_server,
// tcp_client, client_proxy and the PROXY protocol.

#include <protokit/proto/bind_transport.hpp>
#include <protokit/proto/client.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/proto/engine.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/multiplex.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/proto/protocol.hpp>
#include <protokit/proto/proxy_protocol.hpp>
#include <protokit/proto/server_options.hpp>
#include <protokit/proto/streaming/body.hpp>
#include <protokit/proto/streaming/frame.hpp>
#include <protokit/proto/streaming/message.hpp>
#include <protokit/proto/streaming/multiplex.hpp>
#include <protokit/proto/streaming/pipeline.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/proto/util/client_proxy.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_HPP
#define PROTOKIT_PROTO_HPP

// The protocol layer: pipeline and multiplex clients and servers,
// tcp_server, tcp_client, client_proxy.

#include <protokit/proto/client.hpp>
#include <protokit/proto/util/client_proxy.hpp>
#include <protokit/proto/multiplex.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/proto/protocol.hpp>
#include <protokit/proto/proxy_protocol.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/proto/tcp_server.hpp>

#endif

#ifndef PROTOKIT_PROTO_HPP
#define PROTOKIT_PROTO_HPP

// The protocol layer: pipeline and multiplex clients and servers,
// tcp_server, tcp_client, client_proxy.

#include <protokit/proto/client.hpp>
#include <protokit/proto/client_proxy.hpp>
#include <protokit/proto/multiplex.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/proto/protocol.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/proto/tcp_server.hpp>

#endif

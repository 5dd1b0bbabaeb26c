// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_FAMILY_HPP
#define PROTOKIT_PROTO_FAMILY_HPP

#include <protokit/future/executor.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/proto/protocol.hpp>
#include <protokit/service/service.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace protokit::proto {

/// The future of one server connection of `Proto` over `Io` (what `bind_server` spawns).
template <ServerProtocol Proto, class Io, service::Service S>
using server_connection_t =
    typename Proto::server_family::template server_connection_t<Proto, Io, S>;

/// The future of one client connection of `Proto` over `Io` (what `bind_client` spawns).
template <ClientProtocol Proto, class Io>
using client_connection_t = typename Proto::client_family::template client_connection_t<Proto, Io>;

/** One server connection over `io`, as a future to run on a reactor.

    Ends when the peer has closed and every response is written; fails on a
    transport error or a service error the protocol has no response for.
    `control`, if given, lets a server drain the connection and watch it.
*/
template <ServerProtocol Proto, class Io, service::Service S>
server_connection_t<Proto, Io, S> server_connection(Proto const& proto, Io io, S service,
                                                    connection_options options = {},
                                                    connection_control* control = nullptr)
{
    return Proto::server_family::server_connection(proto, std::move(io), std::move(service),
                                                   options, control);
}

/// Serves `service` over `io` with `proto`, on `executor` (tokio-proto's `BindServer`).
template <ServerProtocol Proto, class E, class Io, service::Service S>
requires future::Executor<std::remove_cvref_t<E>>
void bind_server(Proto const& proto, E&& executor, Io io, S service,
                 connection_options options = {})
{
    executor.spawn(server_connection(proto, std::move(io), std::move(service), options));
}

/** The connection of a client of `proto` over `io`, and its client service.

    The connection is a future to run on the reactor the client is used
    on; calls made before it runs wait in their slots.
*/
template <ClientProtocol Proto, class Io>
std::pair<client_service_t<Proto>, client_connection_t<Proto, Io>>
client_connection(Proto const& proto, Io io, std::size_t max_in_flight = 32)
{
    return Proto::client_family::client_connection(proto, std::move(io), max_in_flight);
}

/** Makes `io` a client connection of `proto` run on `executor`; returns its client service
   (tokio-proto's `BindClient`).

    At most `max_in_flight` calls are pending at once (see `basic_client`).
*/
template <ClientProtocol Proto, class E, class Io>
requires future::Executor<std::remove_cvref_t<E>>
client_service_t<Proto> bind_client(Proto const& proto, E&& executor, Io io,
                                    std::size_t max_in_flight = 32)
{
    auto [client, connection] = client_connection(proto, std::move(io), max_in_flight);
    executor.spawn(std::move(connection));
    return std::move(client);
}

} // namespace protokit::proto

#endif

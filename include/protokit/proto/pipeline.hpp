#ifndef PROTOKIT_PROTO_PIPELINE_HPP
#define PROTOKIT_PROTO_PIPELINE_HPP

#include <protokit/proto/client.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/proto/detail/client_dispatch.hpp>
#include <protokit/proto/detail/server_dispatch.hpp>
#include <protokit/proto/detail/server_policies.hpp>
#include <protokit/proto/protocol.hpp>
#include <protokit/service/service.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <cstddef>
#include <utility>

namespace protokit::pipeline {

/// The client service of a pipelined protocol.
template <class Request, class Response>
using client = proto::basic_client<Request, Response>;

/// The future of one pipelined server connection (what `bind_server` spawns).
template <class Proto, class Io, service::Service S>
using server_connection_t =
    proto::detail::server_dispatch<proto::bind_future_t<Proto, Io>, S,
                                   proto::detail::pipeline_server_policy<Proto, S>>;

/** One server connection over `io`, as a future to run on a reactor.

    Ends when the peer has closed and every response is written; fails on a
    transport error or a service error the protocol has no response for.
    `control`, if given, lets a server drain the connection and watch it.
*/
template <class Proto, class Io, service::Service S>
    requires ServerProto<Proto, Io>
server_connection_t<Proto, Io, S> server_connection(Proto const& proto, Io io, S service,
                                                     proto::connection_options options = {},
                                                     proto::connection_control* control = nullptr)
{
    return server_connection_t<Proto, Io, S>(proto::bind_transport(proto, std::move(io)), std::move(service),
                                             proto::detail::pipeline_server_policy<Proto, S>(proto),
                                             options, control);
}

/// Serves `service` over `io` with a pipelined protocol, on `executor` (tokio-proto's `BindServer`).
template <class Proto, class Executor, class Io, service::Service S>
    requires ServerProto<Proto, Io>
void bind_server(Proto const& proto, Executor&& executor, Io io, S service, proto::connection_options options = {})
{
    executor.spawn(server_connection(proto, std::move(io), std::move(service), options));
}

/** Makes `io` a pipelined client connection run on `executor`; returns its client service.

    The transport is bound and the connection driven by a task spawned on
    `executor`; calls made before it is bound wait in their slots.
*/
template <class Proto, class Executor, class Io>
    requires ClientProto<Proto, Io>
client<typename Proto::request_type, typename Proto::response_type>
bind_client(Proto const& proto, Executor&& executor, Io io, std::size_t max_in_flight = 32)
{
    using state_type = proto::detail::client_state<typename Proto::request_type, typename Proto::response_type,
                                                   std::uint64_t>;
    boost::intrusive_ptr<state_type> state(new state_type(max_in_flight, true));
    client<typename Proto::request_type, typename Proto::response_type> c(state);
    executor.spawn(proto::detail::client_dispatch<proto::bind_future_t<Proto, Io>, state_type,
                                                  proto::detail::pipeline_client_policy>(
        proto::bind_transport(proto, std::move(io)), std::move(state)));
    return c;
}

} // namespace protokit::pipeline

#endif

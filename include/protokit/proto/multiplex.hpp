#ifndef PROTOKIT_PROTO_MULTIPLEX_HPP
#define PROTOKIT_PROTO_MULTIPLEX_HPP

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

namespace protokit::multiplex {

/// The client service of a multiplexed protocol.
template <class Request, class Response, class Id = request_id>
using client = proto::basic_client<Request, Response, Id>;

/// The future of one multiplexed server connection (what `bind_server` spawns).
template <class Proto, class Io, service::Service S>
using server_connection_t =
    proto::detail::server_dispatch<proto::bind_future_t<Proto, Io>, S,
                                   proto::detail::multiplex_server_policy<Proto, S>>;

/** One server connection over `io`, as a future to run on a reactor.

    Responses leave as they complete, each with its request's id.
*/
template <class Proto, class Io, service::Service S>
    requires ServerProto<Proto, Io>
server_connection_t<Proto, Io, S> server_connection(Proto const& proto, Io io, S service,
                                                     proto::connection_options options = {},
                                                     proto::connection_control* control = nullptr)
{
    return server_connection_t<Proto, Io, S>(
        proto::bind_transport(proto, std::move(io)), std::move(service),
        proto::detail::multiplex_server_policy<Proto, S>(proto, options.max_in_flight), options, control);
}

/// Serves `service` over `io` with a multiplexed protocol, on `executor`.
template <class Proto, class Executor, class Io, service::Service S>
    requires ServerProto<Proto, Io>
void bind_server(Proto const& proto, Executor&& executor, Io io, S service, proto::connection_options options = {})
{
    executor.spawn(server_connection(proto, std::move(io), std::move(service), options));
}

/// Makes `io` a multiplexed client connection run on `executor`; returns its client service.
template <class Proto, class Executor, class Io>
    requires ClientProto<Proto, Io>
client<typename Proto::request_type, typename Proto::response_type, proto::request_id_t<Proto>>
bind_client(Proto const& proto, Executor&& executor, Io io, std::size_t max_in_flight = 32)
{
    using id_type = proto::request_id_t<Proto>;
    using state_type =
        proto::detail::client_state<typename Proto::request_type, typename Proto::response_type, id_type>;
    boost::intrusive_ptr<state_type> state(new state_type(max_in_flight, false));
    client<typename Proto::request_type, typename Proto::response_type, id_type> c(state);
    executor.spawn(proto::detail::client_dispatch<proto::bind_future_t<Proto, Io>, state_type,
                                                  proto::detail::multiplex_client_policy>(
        proto::bind_transport(proto, std::move(io)), std::move(state)));
    return c;
}

} // namespace protokit::multiplex

#endif

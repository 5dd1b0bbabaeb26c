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

/// A multiplexed streaming protocol seen by the sides: whole messages, and the protocol's id type.
template <class Proto>
struct tagged_message_view : message_view<Proto> {
    using request_id_type = request_id_t<Proto>;
};

/// How multiplexed streaming protocols become connections: the simple sides under a tagged body
/// layer.
struct streaming_multiplex_family {
    template <class Proto>
    using id_t = request_id_t<Proto>;

    template <class Proto>
    using client_t = streaming::multiplex::client<Proto>;

    template <class Proto, class Service>
    using server_layer_t = multiplex_body_layer<
        server_side<Service, multiplex_server_policy<tagged_message_view<Proto>, Service, true>>,
        id_t<Proto>, typename Proto::request_type, typename Proto::request_body_type,
        typename Proto::response_type, typename Proto::response_body_type>;

    template <class Proto>
    using client_state_t =
        client_state<streaming::request_t<Proto>, streaming::response_t<Proto>, id_t<Proto>>;

    template <class Proto>
    using client_layer_t =
        multiplex_body_layer<client_side<client_state_t<Proto>>, id_t<Proto>,
                             typename Proto::response_type, typename Proto::response_body_type,
                             typename Proto::request_type, typename Proto::request_body_type>;

    template <class Proto, class Io, class Service>
    using server_connection_t =
        connection_engine<bind_future_t<Proto, Io>, server_layer_t<Proto, Service>>;

    template <class Proto, class Io>
    using client_connection_t = connection_engine<bind_future_t<Proto, Io>, client_layer_t<Proto>>;

    template <class Proto, class Io, service::Service S>
    static server_connection_t<Proto, Io, S> server_connection(Proto const& proto, Io io, S service,
                                                               connection_options options,
                                                               connection_control* control)
    {
        static_assert(std::derived_from<Proto, streaming::multiplex::server_proto>,
                      "the server protocol derives from streaming::multiplex::server_proto");
        static_assert(std::same_as<typename S::request_type, streaming::request_t<Proto>>,
                      "the service takes streaming::request_t<Proto>");
        static_assert(
            transport_check<transport_t<Proto, Io>,
                            streaming::tagged_frame<id_t<Proto>, typename Proto::request_type,
                                                    typename Proto::request_body_type>,
                            streaming::tagged_frame<id_t<Proto>, typename Proto::response_type,
                                                    typename Proto::response_body_type>>::value);
        using calls = multiplex_server_policy<tagged_message_view<Proto>, S, true>;
        using side = server_side<S, calls>;
        return server_connection_t<Proto, Io, S>(
            bind_transport(proto, std::move(io)),
            server_layer_t<Proto, S>(
                side(std::move(service),
                     calls(tagged_message_view<Proto>{{proto}}, options.max_in_flight), options,
                     control),
                options.body_window, control),
            options.poll_budget);
    }

    template <class Proto, class Io>
    static std::pair<client_t<Proto>, client_connection_t<Proto, Io>>
    client_connection(Proto const& proto, Io io, std::size_t max_in_flight)
    {
        static_assert(std::derived_from<Proto, streaming::multiplex::client_proto>,
                      "the client protocol derives from streaming::multiplex::client_proto");
        static_assert(
            transport_check<transport_t<Proto, Io>,
                            streaming::tagged_frame<id_t<Proto>, typename Proto::response_type,
                                                    typename Proto::response_body_type>,
                            streaming::tagged_frame<id_t<Proto>, typename Proto::request_type,
                                                    typename Proto::request_body_type>>::value);
        boost::intrusive_ptr<client_state_t<Proto>> state(new client_state_t<Proto>(max_in_flight));
        client_t<Proto> c(state);
        return {std::move(c), client_connection_t<Proto, Io>(
                                  bind_transport(proto, std::move(io)),
                                  client_layer_t<Proto>(client_side<client_state_t<Proto>>(state),
                                                        connection_options{}.body_window))};
    }
};

} // namespace protokit::proto::detail

namespace protokit::streaming::multiplex {

/// How multiplexed streaming protocols become connections (see `proto::ServerProtocol`).
struct family : proto::detail::streaming_multiplex_family {};

using proto::bind_client;
using proto::bind_server;
using proto::client_connection;
using proto::server_connection;

} // namespace protokit::streaming::multiplex

#endif

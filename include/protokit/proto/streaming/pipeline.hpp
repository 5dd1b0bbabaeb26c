#ifndef PROTOKIT_PROTO_STREAMING_PIPELINE_HPP
#define PROTOKIT_PROTO_STREAMING_PIPELINE_HPP

#include <protokit/proto/bind_transport.hpp>
#include <protokit/proto/client.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/proto/detail/body_layer.hpp>
#include <protokit/proto/detail/client_side.hpp>
#include <protokit/proto/detail/client_state.hpp>
#include <protokit/proto/detail/server_policies.hpp>
#include <protokit/proto/detail/server_side.hpp>
#include <protokit/proto/detail/transport_check.hpp>
#include <protokit/proto/engine.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/streaming/body.hpp>
#include <protokit/proto/streaming/frame.hpp>
#include <protokit/proto/streaming/message.hpp>
#include <protokit/service/service.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <utility>

namespace protokit::streaming {

/// The request message of a streaming protocol: its head, and a body of its request chunks.
template <class Proto>
using request_t = message<typename Proto::request_type, body<typename Proto::request_body_type>>;

/// The response message of a streaming protocol: its head, and a body of its response chunks.
template <class Proto>
using response_t = message<typename Proto::response_type, body<typename Proto::response_body_type>>;

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

/// A streaming protocol seen by the sides: its messages are whole messages with bodies.
template <class Proto>
struct message_view {
    using request_type = streaming::request_t<Proto>;
    using response_type = streaming::response_t<Proto>;

    Proto proto;

    template <class E>
    requires requires(Proto const& p, E const& e) { p.error_response(e); }
    std::optional<response_type> error_response(E const& e) const
    {
        return proto.error_response(e);
    }
};

/// How pipelined streaming protocols become connections: the simple sides under a body layer.
struct streaming_pipeline_family {
    template <class Proto>
    using client_t = streaming::pipeline::client<Proto>;

    template <class Proto, class Service>
    using server_layer_t = pipeline_body_layer<
        server_side<Service, pipeline_server_policy<message_view<Proto>, Service>>,
        typename Proto::request_type, typename Proto::request_body_type,
        typename Proto::response_type, typename Proto::response_body_type>;

    template <class Proto>
    using client_state_t =
        client_state<streaming::request_t<Proto>, streaming::response_t<Proto>, void>;

    template <class Proto>
    using client_layer_t =
        pipeline_body_layer<client_side<client_state_t<Proto>>, typename Proto::response_type,
                            typename Proto::response_body_type, typename Proto::request_type,
                            typename Proto::request_body_type>;

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
        static_assert(std::derived_from<Proto, streaming::pipeline::server_proto>,
                      "the server protocol derives from streaming::pipeline::server_proto");
        static_assert(std::same_as<typename S::request_type, streaming::request_t<Proto>>,
                      "the service takes streaming::request_t<Proto>");
        static_assert(
            transport_check<
                transport_t<Proto, Io>,
                streaming::frame<typename Proto::request_type, typename Proto::request_body_type>,
                streaming::frame<typename Proto::response_type,
                                 typename Proto::response_body_type>>::value);
        using calls = pipeline_server_policy<message_view<Proto>, S>;
        using side = server_side<S, calls>;
        return server_connection_t<Proto, Io, S>(
            bind_transport(proto, std::move(io)),
            server_layer_t<Proto, S>(
                side(std::move(service), calls(message_view<Proto>{proto}), options, control),
                options.body_window),
            options.poll_budget);
    }

    template <class Proto, class Io>
    static std::pair<client_t<Proto>, client_connection_t<Proto, Io>>
    client_connection(Proto const& proto, Io io, std::size_t max_in_flight)
    {
        static_assert(std::derived_from<Proto, streaming::pipeline::client_proto>,
                      "the client protocol derives from streaming::pipeline::client_proto");
        static_assert(
            transport_check<
                transport_t<Proto, Io>,
                streaming::frame<typename Proto::response_type, typename Proto::response_body_type>,
                streaming::frame<typename Proto::request_type,
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

namespace protokit::streaming::pipeline {

/// How pipelined streaming protocols become connections (see `proto::ServerProtocol`).
struct family : proto::detail::streaming_pipeline_family {};

using proto::bind_client;
using proto::bind_server;
using proto::client_connection;
using proto::server_connection;

} // namespace protokit::streaming::pipeline

#endif

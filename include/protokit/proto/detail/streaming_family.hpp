// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_STREAMING_FAMILY_HPP
#define PROTOKIT_PROTO_DETAIL_STREAMING_FAMILY_HPP

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
#include <protokit/proto/protocol.hpp>
#include <protokit/proto/streaming/frame.hpp>
#include <protokit/proto/streaming/message.hpp>
#include <protokit/service/service.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <utility>

namespace protokit::proto::detail {

/// A streaming protocol seen by the sides: its messages are whole messages with bodies.
template <class Proto>
struct message_view {
    using request_type = streaming::request_t<Proto>;
    using response_type = streaming::response_t<Proto>;
    using request_id_type = request_id_t<Proto>;

    Proto proto;

    template <class E>
    requires requires(Proto const& p, E const& e) { p.error_response(e); }
    std::optional<response_type> error_response(E const& e) const
    {
        return proto.error_response(e);
    }
};

/** The family of the streaming protocols, for one ordering.

    The simple sides (`server_side`, `client_side`) deal in whole messages;
    the ordering's body layer turns them into frames and is the engine's
    `Dispatch`. `Ordering` names the protocol bases, the id type, the set
    of calls, the layer and the frame of each direction.
*/
template <class Ordering>
struct streaming_family {
    template <class Proto>
    using client_t = basic_client<streaming::request_t<Proto>, streaming::response_t<Proto>,
                                  typename Ordering::template id_type<Proto>>;

    template <class Proto, class Service>
    using calls_t = typename Ordering::template calls<message_view<Proto>, Service>;

    template <class Proto, class Service>
    using server_layer_t = typename Ordering::template layer<
        Proto, server_side<Service, calls_t<Proto, Service>>, typename Proto::request_type,
        typename Proto::request_body_type, typename Proto::response_type,
        typename Proto::response_body_type>;

    template <class Proto>
    using client_state_t = client_state<streaming::request_t<Proto>, streaming::response_t<Proto>,
                                        typename Ordering::template id_type<Proto>>;

    template <class Proto>
    using client_layer_t = typename Ordering::template layer<
        Proto, client_side<client_state_t<Proto>>, typename Proto::response_type,
        typename Proto::response_body_type, typename Proto::request_type,
        typename Proto::request_body_type>;

    template <class Proto>
    using request_frame_t = typename Ordering::template frame<Proto, typename Proto::request_type,
                                                              typename Proto::request_body_type>;

    template <class Proto>
    using response_frame_t = typename Ordering::template frame<Proto, typename Proto::response_type,
                                                               typename Proto::response_body_type>;

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
        static_assert(std::derived_from<Proto, typename Ordering::server_base>,
                      "the server protocol derives from its family's server_proto");
        static_assert(std::same_as<typename S::request_type, streaming::request_t<Proto>>,
                      "the service takes streaming::request_t<Proto>");
        static_assert(transport_check<transport_t<Proto, Io>, request_frame_t<Proto>,
                                      response_frame_t<Proto>>::value);
        using side = server_side<S, calls_t<Proto, S>>;
        return server_connection_t<Proto, Io, S>(
            bind_transport(proto, std::move(io)),
            server_layer_t<Proto, S>(
                side(std::move(service),
                     calls_t<Proto, S>(message_view<Proto>{proto}, options.max_in_flight), options,
                     control),
                options.body_window, control),
            options.poll_budget);
    }

    template <class Proto, class Io>
    static std::pair<client_t<Proto>, client_connection_t<Proto, Io>>
    client_connection(Proto const& proto, Io io, std::size_t max_in_flight)
    {
        static_assert(std::derived_from<Proto, typename Ordering::client_base>,
                      "the client protocol derives from its family's client_proto");
        static_assert(transport_check<transport_t<Proto, Io>, response_frame_t<Proto>,
                                      request_frame_t<Proto>>::value);
        boost::intrusive_ptr<client_state_t<Proto>> state(new client_state_t<Proto>(max_in_flight));
        client_t<Proto> c(state);
        return {std::move(c),
                client_connection_t<Proto, Io>(
                    bind_transport(proto, std::move(io)),
                    client_layer_t<Proto>(client_side<client_state_t<Proto>>(state),
                                          connection_options{}.body_window, nullptr))};
    }
};

} // namespace protokit::proto::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_SIMPLE_FAMILY_HPP
#define PROTOKIT_PROTO_DETAIL_SIMPLE_FAMILY_HPP

#include <protokit/proto/bind_transport.hpp>
#include <protokit/proto/client.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/proto/detail/client_side.hpp>
#include <protokit/proto/detail/client_state.hpp>
#include <protokit/proto/detail/server_policies.hpp>
#include <protokit/proto/detail/server_side.hpp>
#include <protokit/proto/detail/transport_check.hpp>
#include <protokit/proto/engine.hpp>
#include <protokit/proto/protocol.hpp>
#include <protokit/service/service.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <concepts>
#include <cstddef>
#include <utility>

namespace protokit::proto::detail {

/// Pipelined: responses in request order, frames are the messages themselves.
struct in_order {
    template <class Proto>
    using id_type = void;
    template <class Proto, class Service>
    using calls = pipeline_server_policy<Proto, Service>;
    template <class Proto>
    using request_frame = typename Proto::request_type;
    template <class Proto>
    using response_frame = typename Proto::response_type;
    using server_base = pipeline::server_proto;
    using client_base = pipeline::client_proto;
};

/// Multiplexed: responses as they complete, every frame tagged with its request's id.
struct by_id {
    template <class Proto>
    using id_type = request_id_t<Proto>;
    template <class Proto, class Service>
    using calls = multiplex_server_policy<Proto, Service>;
    template <class Proto>
    using request_frame = std::pair<request_id_t<Proto>, typename Proto::request_type>;
    template <class Proto>
    using response_frame = std::pair<request_id_t<Proto>, typename Proto::response_type>;
    using server_base = multiplex::server_proto;
    using client_base = multiplex::client_proto;
};

/** The family of the simple (body-less) protocols, for one ordering.

    A server connection is the engine driven by `server_side` over the
    ordering's set of calls; a client connection is the engine driven by
    `client_side` over a `client_state` whose id type is the ordering's.
*/
template <class Ordering>
struct simple_family {
    template <class Proto>
    using client_t = basic_client<typename Proto::request_type, typename Proto::response_type,
                                  typename Ordering::template id_type<Proto>>;

    template <class Proto, class Service>
    using server_side_t = server_side<Service, typename Ordering::template calls<Proto, Service>>;

    template <class Proto>
    using client_state_t = client_state<typename Proto::request_type, typename Proto::response_type,
                                        typename Ordering::template id_type<Proto>>;

    template <class Proto, class Io, class Service>
    using server_connection_t =
        connection_engine<bind_future_t<Proto, Io>, server_side_t<Proto, Service>>;

    template <class Proto, class Io>
    using client_connection_t =
        connection_engine<bind_future_t<Proto, Io>, client_side<client_state_t<Proto>>>;

    template <class Proto, class Io, service::Service S>
    static server_connection_t<Proto, Io, S> server_connection(Proto const& proto, Io io, S service,
                                                               connection_options options,
                                                               connection_control* control)
    {
        static_assert(std::derived_from<Proto, typename Ordering::server_base>,
                      "the server protocol derives from its family's server_proto");
        static_assert(transport_check<transport_t<Proto, Io>,
                                      typename Ordering::template request_frame<Proto>,
                                      typename Ordering::template response_frame<Proto>>::value);
        return server_connection_t<Proto, Io, S>(
            bind_transport(proto, std::move(io)),
            server_side_t<Proto, S>(
                std::move(service),
                typename Ordering::template calls<Proto, S>(proto, options.max_in_flight), options,
                control),
            options.poll_budget);
    }

    template <class Proto, class Io>
    static std::pair<client_t<Proto>, client_connection_t<Proto, Io>>
    client_connection(Proto const& proto, Io io, std::size_t max_in_flight)
    {
        static_assert(std::derived_from<Proto, typename Ordering::client_base>,
                      "the client protocol derives from its family's client_proto");
        static_assert(transport_check<transport_t<Proto, Io>,
                                      typename Ordering::template response_frame<Proto>,
                                      typename Ordering::template request_frame<Proto>>::value);
        boost::intrusive_ptr<client_state_t<Proto>> state(new client_state_t<Proto>(max_in_flight));
        client_t<Proto> c(state);
        return {std::move(c),
                client_connection_t<Proto, Io>(bind_transport(proto, std::move(io)),
                                               client_side<client_state_t<Proto>>(state))};
    }
};

} // namespace protokit::proto::detail

#endif

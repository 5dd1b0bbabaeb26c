// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_HTTP_PROTO_HPP
#define PROTOKIT_HTTP_PROTO_HPP

#include <protokit/http/codec.hpp>
#include <protokit/http/message.hpp>
#include <protokit/http/transport.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/proto/streaming/pipeline.hpp>

#include <boost/system/error_code.hpp>

#include <optional>
#include <utility>

namespace protokit::http {

/** HTTP/1.1 served over `streaming::pipeline`: `tcp_server(http::server_proto{}, ep).serve(f)`.

    The service takes an `http::request` and answers an `http::response`;
    bodies stream both ways (`server_codec` says how they are framed), and
    pipelined requests are answered in order. The server's limits, idle
    timeout and graceful shutdown apply as to every family. A request that
    cannot be read is answered 400, 413 or 431, and the connection closes.
    A service that fails answers `error_response`: 413 if the request's
    body went over the limit, 400 if it was malformed, 408 if it came too
    slowly (`tcp_server::body_read_timeout`), else 500; the connection
    closes after it.
*/
struct server_proto : streaming::pipeline::server_proto {
    using request_type = request_head;
    using request_body_type = io::bytes;
    using response_type = response_head;
    using response_body_type = io::bytes;

    /// The limits on what a client sends.
    http::limits limits;

    template <class Io>
    transport<Io, server_codec> bind_transport(Io io) const
    {
        return transport<Io, server_codec>(std::move(io), server_codec(limits));
    }

    /// The answer to a failed call; see the class.
    std::optional<response> error_response(boost::system::error_code const& e) const;
};

/** An HTTP/1.1 client over `streaming::pipeline`: `tcp_client(http::client_proto{}).connect(...)`.

    The client service takes an `http::request` and answers an
    `http::response` whose body streams in as it arrives; calls made
    before the previous responses came are pipelined on the connection.
    The requests' heads say where to (`Host`), as Beast's types do.
*/
struct client_proto : streaming::pipeline::client_proto {
    using request_type = request_head;
    using request_body_type = io::bytes;
    using response_type = response_head;
    using response_body_type = io::bytes;

    /// The limits on what a server sends.
    http::limits limits{64 * 1024, {}};

    template <class Io>
    transport<Io, client_codec> bind_transport(Io io) const
    {
        return transport<Io, client_codec>(std::move(io), client_codec(limits));
    }
};

/// The client service of `client_proto`.
using client = streaming::pipeline::client<client_proto>;

} // namespace protokit::http

#endif

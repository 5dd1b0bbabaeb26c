// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TLS_PROTO_HPP
#define PROTOKIT_TLS_PROTO_HPP

#include <protokit/tls/stream.hpp>

#include <protokit/future/future_facade.hpp>
#include <protokit/proto/bind_transport.hpp>
#include <protokit/proto/protocol.hpp>

#include <boost/asio/ssl/context.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace protokit::tls {

/** The transport of protocol `P` over TLS on `Io`: the handshake, then `P`'s `bind_transport`.

    The future `server_proto` and `client_proto` return from their
    `bind_transport`. It holds a copy of `P`, so that it may outlive the
    protocol it came from (a client's connect future does).
*/
template <class P, io::Io Io>
class bind_future : public future::future_facade<bind_future<P, Io>> {
    using inner_type = proto::bind_future_t<P, stream<Io>>;

public:
    /// `P`'s transport over the TLS stream.
    using item_type = typename inner_type::item_type;
    /// The handshake's error, or the binding's.
    using error_type = future::error_code;

    static_assert(std::is_same_v<typename inner_type::error_type, future::error_code>,
                  "a protocol run over TLS binds its transport with error_code errors");

    /// Binds `proto`'s transport once `handshake` is done.
    bind_future(P proto, handshake_future<Io> handshake)
        : proto_(std::move(proto)), handshake_(std::move(handshake))
    {
    }

    /// Ready with `P`'s transport over the TLS stream; fails with the handshake's error.
    future::poll_result<item_type> poll()
    {
        if (!inner_) {
            auto h = handshake_.poll();
            if (!h.is_ready())
                return std::move(h).template propagate<item_type>();
            inner_.emplace(proto::bind_transport(proto_, std::move(h).value()));
        }
        return inner_->poll();
    }

private:
    P proto_;
    handshake_future<Io> handshake_;
    std::optional<inner_type> inner_;
};

/** Server protocol `P` over TLS: every connection does the server's handshake first.

    It is `P` (its family, its types, its `error_response`) but for
    `bind_transport`, which runs the handshake with the certificate of the
    context it was given and then binds `P`'s transport over the TLS
    stream. So `tcp_server(tls::server(my_proto{}, ctx), endpoint)` serves
    any protocol, of any family, over TLS: a handshake that fails (a client
    that speaks plain text, garbage, a protocol version the context
    refuses) ends that connection with the error, reported to the server's
    error hook; one that stalls is closed by `idle_timeout`.
*/
template <proto::ServerProtocol P>
class server_proto : public P {
public:
    /// `proto` over TLS with `ctx`'s certificate and key (the context is shared, not copied).
    server_proto(P proto, boost::asio::ssl::context& ctx)
        : P(std::move(proto)), ctx_(ctx.native_handle())
    {
    }

    /// The handshake over `io`, then `P`'s transport over the TLS stream.
    template <io::Io Io>
    bind_future<P, Io> bind_transport(Io io) const
    {
        return bind_future<P, Io>(
            static_cast<P const&>(*this),
            handshake_future<Io>(ctx_, detail::role::server, {}, std::move(io)));
    }

    /// The protocol underneath.
    P const& inner() const noexcept { return *this; }

private:
    detail::context_ref ctx_;
};

/** Client protocol `P` over TLS to the server named `host` (see `tls::connect`).

    `tcp_client(tls::client(my_proto{}, ctx, "example.com")).connect(...)`:
    the client service is ready once TCP is connected; calls wait for the
    handshake, and fail with its error if it fails.
*/
template <proto::ClientProtocol P>
class client_proto : public P {
public:
    /// `proto` over TLS with `ctx`'s settings (verification, trusted CAs), to `host`.
    client_proto(P proto, boost::asio::ssl::context& ctx, std::string_view host)
        : P(std::move(proto)), ctx_(ctx.native_handle()), host_(host)
    {
    }

    /// The handshake over `io`, then `P`'s transport over the TLS stream.
    template <io::Io Io>
    bind_future<P, Io> bind_transport(Io io) const
    {
        return bind_future<P, Io>(
            static_cast<P const&>(*this),
            handshake_future<Io>(ctx_, detail::role::client, host_, std::move(io)));
    }

    /// The protocol underneath.
    P const& inner() const noexcept { return *this; }

private:
    detail::context_ref ctx_;
    std::string host_;
};

/// `proto` served over TLS with `ctx`'s certificate (tokio-tls's `TlsAcceptor`, as a protocol).
template <proto::ServerProtocol P>
server_proto<P> server(P proto, boost::asio::ssl::context& ctx)
{
    return server_proto<P>(std::move(proto), ctx);
}

/// `proto` spoken over TLS to `host` (tokio-tls's `TlsConnector`, as a protocol).
template <proto::ClientProtocol P>
client_proto<P> client(P proto, boost::asio::ssl::context& ctx, std::string_view host)
{
    return client_proto<P>(std::move(proto), ctx, host);
}

} // namespace protokit::tls

#endif

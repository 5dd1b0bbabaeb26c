// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_TCP_CLIENT_HPP
#define PROTOKIT_PROTO_TCP_CLIENT_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/multiplex.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/tcp_stream.hpp>
#include <protokit/reactor/timeout.hpp>

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <concepts>
#include <optional>
#include <utility>

namespace protokit {

namespace proto {

/// How `tcp_client` connects.
struct client_options {
    /// Give up connecting after this long (`error::timed_out`).
    std::chrono::steady_clock::duration connect_timeout = std::chrono::seconds(10);
    /// TCP_NODELAY on the socket.
    bool nodelay = true;
    /// Calls pending at once on the connection.
    std::size_t max_in_flight = 32;
};

/** The future of `tcp_client::connect`: the client service, once connected.

    Nothing happens until it is first polled, on the reactor of the handle
    it was made with: the connect starts then, and so does the connect
    timeout. Fails with the connect error, or `error::timed_out` once the
    timeout has passed.
*/
template <ClientProtocol Proto>
class connect_client_future : public future::future_facade<connect_client_future<Proto>> {
public:
    using item_type = client_service_t<Proto>;
    using error_type = future::error_code;

    connect_client_future(Proto proto, client_options options,
                          boost::asio::ip::tcp::endpoint endpoint, reactor::handle const& h)
        : proto_(std::move(proto)), options_(options), endpoint_(std::move(endpoint)), handle_(h)
    {
    }

    future::poll_result<item_type> poll()
    {
        if (!connecting_) {
            connecting_.emplace(reactor::tcp_stream::connect(handle_, endpoint_));
            deadline_.emplace(handle_, options_.connect_timeout);
        }
        auto connected = connecting_->poll();
        if (connected.is_error())
            return future::fail(std::move(connected).error());
        if (connected.is_not_ready()) {
            if (deadline_->poll().is_ready())
                return future::fail(make_error_code(error::timed_out));
            return future::not_ready;
        }
        reactor::tcp_stream stream = std::move(connected).value();
        if (options_.nodelay)
            stream.set_nodelay(true);
        return future::ready(
            bind_client(proto_, handle_, std::move(stream), options_.max_in_flight));
    }

private:
    Proto proto_;
    client_options options_;
    boost::asio::ip::tcp::endpoint endpoint_;
    reactor::handle handle_;
    std::optional<reactor::connect_future> connecting_;
    std::optional<reactor::timeout> deadline_;
};

} // namespace proto

/** Connects clients of a protocol of any family (tokio-proto's `TcpClient`).

    `tcp_client(proto).connect(endpoint, handle)` is a future of the client
    service; unlike tokio-proto's, it gives up after a connect timeout.
*/
template <proto::ClientProtocol Proto>
class tcp_client {
public:
    explicit tcp_client(Proto proto) : proto_(std::move(proto)) {}

    /// Gives up connecting after `d` (default 10 s).
    tcp_client& connect_timeout(std::chrono::steady_clock::duration d)
    {
        options_.connect_timeout = d;
        return *this;
    }
    /// TCP_NODELAY on the socket (default on).
    tcp_client& nodelay(bool on)
    {
        options_.nodelay = on;
        return *this;
    }
    /// Calls pending at once per connection (default 32).
    tcp_client& max_in_flight(std::size_t n)
    {
        options_.max_in_flight = n == 0 ? 1 : n;
        return *this;
    }

    /// Connects to `endpoint` on `h`'s reactor; the future yields the client service.
    proto::connect_client_future<Proto> connect(boost::asio::ip::tcp::endpoint const& endpoint,
                                                reactor::handle const& h) const
    {
        return proto::connect_client_future<Proto>(proto_, options_, endpoint, h);
    }

private:
    Proto proto_;
    proto::client_options options_;
};

} // namespace protokit

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_RECONNECT_HPP
#define PROTOKIT_SERVICE_RECONNECT_HPP

#include <protokit/error.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/service/detail/call_or_error.hpp>
#include <protokit/service/service.hpp>

#include <boost/asio/error.hpp>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::service {

/** Whether `e` says the connection under a call is gone (rather than that the call failed).

    protokit's `connection_closed`, `unexpected_eof`, `channel_closed` and
    `not_connected`, and the socket errors of a refused, reset, aborted or
    unreachable connection. The balancer ejects an endpoint on these; the
    ready retry policy retries them. A timeout is not one: the server may
    only be slow.
*/
inline bool is_connection_error(error_code const& e) noexcept
{
    namespace ae = boost::asio::error;
    if (e.category() == error_category())
        return e == error::connection_closed || e == error::unexpected_eof ||
               e == error::channel_closed || e == error::not_connected;
    return e == ae::connection_refused || e == ae::connection_reset ||
           e == ae::connection_aborted || e == ae::broken_pipe || e == ae::not_connected ||
           e == ae::host_unreachable || e == ae::network_unreachable || e == ae::network_down ||
           e == ae::shut_down || e == ae::eof;
}

/// How long to wait before dialing again after failed attempts: doubling from `initial`, up to
/// `max`.
struct backoff {
    reactor::duration initial = std::chrono::milliseconds(100);
    reactor::duration max = std::chrono::seconds(5);

    /// The wait after `failures` (at least one) failures in a row.
    reactor::duration after(std::uint32_t failures) const noexcept
    {
        auto d = initial;
        for (std::uint32_t i = 1; i < failures && d < max; ++i)
            d *= 2;
        return std::min(d, max);
    }
};

/** A connector: a function making a future of a connected client service.

    `[&] { return tcp_client(proto).connect(endpoint, h); }` is one.
*/
template <class C>
concept Connector = std::move_constructible<C> && std::invocable<C&> &&
    future::Future<std::invoke_result_t<C&>> && Service<future::item_t<std::invoke_result_t<C&>>>;

/** A client that dials again once its connection is gone (tower's `Reconnect`).

    It holds a connector. `poll_ready` drives the connection: it dials the
    first time, and again as soon as the inner service's `poll_ready` fails
    (its connection is over). A failed dial is reported once, as the error
    of that `poll_ready` (so a balancer can eject this endpoint); the next
    `poll_ready` is not ready until the backoff has passed, then dials
    again. While it has no connection, calls fail fast with
    `error::not_connected`: nothing is queued, so a call never waits on a
    dial that may not succeed; callers that honour `poll_ready` wait for
    the connection instead. A call whose connection drops fails with the
    inner service's error. A call allocates nothing here (a dial allocates
    what the connector does). Move-only; use it on `h`'s core thread.
*/
template <Connector C>
class reconnect_service {
public:
    using connect_future = std::invoke_result_t<C&>;
    using inner_service = future::item_t<connect_future>;
    static_assert(std::is_same_v<typename inner_service::error_type, error_code> &&
                      std::is_same_v<future::error_t_of<connect_future>, error_code>,
                  "protokit: reconnect takes a connector and services whose error type is "
                  "error_code");

    using request_type = typename inner_service::request_type;
    using response_type = typename inner_service::response_type;
    using error_type = error_code;
    using future_type = detail::call_or_error<call_future_t<inner_service>>;

    /// A service dialing with `connector`, waiting `delays` between failed dials on `h`'s clock.
    reconnect_service(C connector, reactor::handle h, backoff delays = {})
        : connector_(std::move(connector)), handle_(std::move(h)), backoff_(delays)
    {
    }

    /// Ready once connected and the connection is ready; the error of a failed dial, once.
    poll_result<unit> poll_ready()
    {
        for (;;) {
            if (service_) {
                auto r = service::poll_ready(*service_);
                if (!r.is_error())
                    return r;
                service_.reset(); // its connection is over: dial again at once
                continue;
            }
            if (waiting_) {
                auto w = waiting_->poll();
                if (w.is_not_ready())
                    return future::not_ready;
                waiting_.reset();
            }
            if (!dialing_) {
                dialing_.emplace(connector_());
                ++dials_;
            }
            auto c = dialing_->poll();
            if (c.is_not_ready())
                return future::not_ready;
            dialing_.reset();
            if (c.is_error()) {
                ++failures_;
                waiting_.emplace(handle_, backoff_.after(failures_));
                return future::fail(std::move(c).error());
            }
            failures_ = 0;
            service_.emplace(std::move(c).value());
        }
    }

    /// Calls the connection's service, or fails with `error::not_connected` while there is none.
    future_type call(request_type&& request)
    {
        if (!service_)
            return future_type(make_error_code(error::not_connected));
        return future_type(service_->call(std::move(request)));
    }

    /// Whether a connection is up (as far as the last `poll_ready` saw).
    bool is_connected() const noexcept { return service_.has_value(); }

    /// Dials started so far (the first one included).
    std::uint64_t dials() const noexcept { return dials_; }

private:
    C connector_;
    reactor::handle handle_;
    backoff backoff_;
    std::optional<inner_service> service_;
    std::optional<connect_future> dialing_;
    std::optional<reactor::timeout> waiting_;
    std::uint32_t failures_ = 0;
    std::uint64_t dials_ = 0;
};

/// A client dialing with `connector` and dialing again when the connection drops.
template <Connector C>
reconnect_service<C> reconnect(C connector, reactor::handle h, backoff delays = {})
{
    return reconnect_service<C>(std::move(connector), std::move(h), delays);
}

} // namespace protokit::service

#endif

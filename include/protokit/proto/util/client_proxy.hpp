// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_UTIL_CLIENT_PROXY_HPP
#define PROTOKIT_PROTO_UTIL_CLIENT_PROXY_HPP

#include <protokit/error.hpp>
#include <protokit/future/executor.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/stream/futures_unordered.hpp>
#include <protokit/future/sync/mpsc.hpp>
#include <protokit/future/sync/oneshot.hpp>
#include <protokit/service/service.hpp>

#include <boost/system/result.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::util {

/// What a `client_proxy` sends to the task serving it: a request and where its outcome goes.
template <class Request, class Response>
struct proxy_message {
    Request request;
    future::sync::oneshot::sender<boost::system::result<Response>> reply;
};

/// The receiving end of a proxy's messages, served by `serve_proxy`.
template <class Request, class Response>
using proxy_receiver = future::sync::mpsc::receiver<proxy_message<Request, Response>>;

/** The future of a proxied call: the response, or why there is none.

    Fails with `error::connection_closed` when the task serving the proxy is
    gone (tokio-proto's `ClientProxy` answered BrokenPipe, or panicked).
*/
template <class Response>
class proxy_response : public future::future_facade<proxy_response<Response>> {
    using receiver_type = future::sync::oneshot::receiver<boost::system::result<Response>>;

public:
    using item_type = Response;
    using error_type = future::error_code;

    explicit proxy_response(receiver_type rx) : rx_(std::move(rx)) {}
    explicit proxy_response(future::error_code refused) : refused_(refused) {}

    future::poll_result<Response> poll()
    {
        if (!rx_)
            return future::fail(refused_);
        auto r = rx_->poll();
        if (r.is_not_ready())
            return future::not_ready;
        if (r.is_error())
            return future::fail(make_error_code(error::connection_closed));
        auto& outcome = r.value();
        if (!outcome)
            return future::fail(outcome.error());
        return future::ready(std::move(*outcome));
    }

private:
    std::optional<receiver_type> rx_;
    future::error_code refused_;
};

/** A thread-safe, copyable Service that forwards calls to a service on another task.

    tokio-proto's `util::client_proxy`: make one with `proxy_pair()` (or
    `spawn_client_proxy`), serve its receiver with `serve_proxy` on the
    reactor that owns the real client, and call the proxy from any thread or
    task. Calls are queued without bound on the way (the served client still
    limits what is in flight on its connection).
*/
template <class Request, class Response>
class client_proxy {
public:
    using request_type = Request;
    using response_type = Response;
    using error_type = future::error_code;
    using future_type = proxy_response<Response>;

    explicit client_proxy(future::sync::mpsc::unbounded_sender<proxy_message<Request, Response>> tx)
        : tx_(std::move(tx))
    {
    }

    /// Sends `request` to the served client; the future yields its response.
    future_type call(Request request)
    {
        auto [reply, rx] = future::sync::oneshot::channel<boost::system::result<Response>>();
        auto sent = tx_.unbounded_send(
            proxy_message<Request, Response>{std::move(request), std::move(reply)});
        if (!sent)
            return future_type(make_error_code(error::connection_closed));
        return future_type(std::move(rx));
    }

private:
    future::sync::mpsc::unbounded_sender<proxy_message<Request, Response>> tx_;
};

/// A proxy and the receiver its calls arrive on.
template <class Request, class Response>
std::pair<client_proxy<Request, Response>, proxy_receiver<Request, Response>> proxy_pair()
{
    auto [tx, rx] = future::sync::mpsc::unbounded<proxy_message<Request, Response>>();
    return {client_proxy<Request, Response>(std::move(tx)), std::move(rx)};
}

namespace detail {

/// One proxied call: runs the service's future, then hands its outcome back, or drops it once
/// nobody waits.
template <class F, class Response>
class proxy_call : public future::future_facade<proxy_call<F, Response>> {
public:
    using item_type = future::unit;
    using error_type = future::error_code;

    proxy_call(F call, future::sync::oneshot::sender<boost::system::result<Response>> reply)
        : call_(std::move(call)), reply_(std::move(reply))
    {
    }

    future::poll_result<future::unit> poll()
    {
        // Registers for the caller dropping its response future: the call is dropped with it.
        if (reply_->poll_cancel().is_ready())
            return future::ready();
        auto r = call_.poll();
        if (r.is_not_ready())
            return future::not_ready;
        boost::system::result<Response> outcome =
            r.is_ready() ? boost::system::result<Response>(std::move(r).value())
                         : boost::system::result<Response>(service::to_error_code(r.error()));
        (void)std::move(*reply_).send(std::move(outcome));
        reply_.reset();
        return future::ready();
    }

private:
    F call_;
    std::optional<future::sync::oneshot::sender<boost::system::result<Response>>> reply_;
};

/// The task serving a proxy: every message becomes a call, run concurrently.
template <class S>
class proxy_server : public future::future_facade<proxy_server<S>> {
    using request_type = typename S::request_type;
    using response_type = typename S::response_type;
    using call_type = proxy_call<service::call_future_t<S>, response_type>;

public:
    using item_type = future::unit;
    using error_type = future::error_code;

    proxy_server(proxy_receiver<request_type, response_type> rx, S service)
        : rx_(std::move(rx)), service_(std::move(service))
    {
    }

    future::poll_result<future::unit> poll()
    {
        while (!read_done_) {
            auto ready = service::poll_ready(service_);
            if (ready.is_not_ready())
                break;
            if (ready.is_error()) {
                rx_.close();
                read_done_ = true;
                break;
            }
            auto message = rx_.poll_next();
            if (message.is_not_ready())
                break;
            if (!message.is_ready() || !message.value()) {
                read_done_ = true;
                break;
            }
            auto& m = *message.value();
            in_flight_.push(call_type(service_.call(std::move(m.request)), std::move(m.reply)));
        }
        while (!in_flight_.empty()) {
            auto done = in_flight_.poll_next();
            if (done.is_not_ready())
                break;
        }
        if (read_done_ && in_flight_.empty())
            return future::ready();
        return future::not_ready;
    }

private:
    proxy_receiver<request_type, response_type> rx_;
    S service_;
    future::futures_unordered<call_type> in_flight_;
    bool read_done_ = false;
};

} // namespace detail

/** The task that serves a proxy's calls with `service` (a client, usually).

    Run it on the reactor that owns the service. It ends once every proxy
    is gone and every call has been answered.
*/
template <service::Service S>
detail::proxy_server<S>
serve_proxy(proxy_receiver<typename S::request_type, typename S::response_type> rx, S service)
{
    return detail::proxy_server<S>(std::move(rx), std::move(service));
}

/// A proxy of `service`, served by a task spawned on `executor` (the service's reactor).
template <class E, service::Service S>
requires future::Executor<std::remove_cvref_t<E>>
client_proxy<typename S::request_type, typename S::response_type>
spawn_client_proxy(E&& executor, S service)
{
    auto [proxy, rx] = proxy_pair<typename S::request_type, typename S::response_type>();
    executor.spawn(serve_proxy(std::move(rx), std::move(service)));
    return proxy;
}

} // namespace protokit::util

#endif

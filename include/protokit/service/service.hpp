// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_SERVICE_HPP
#define PROTOKIT_SERVICE_SERVICE_HPP

#include <protokit/error.hpp>
#include <protokit/future/concepts.hpp>

#include <boost/system/result.hpp>

#include <concepts>
#include <type_traits>
#include <utility>

namespace protokit::service {

using future::error_code;
using future::poll_result;
using future::unit;

/** An asynchronous function from a request to a response (tokio-service's `Service`).

    `call(request)` returns a Future of the response. A service is used from
    the thread of the connection that owns it; it may keep requests running
    concurrently. A service that must limit its callers also offers
    `poll_ready()` (see `poll_ready` below).
*/
template <class S>
concept Service = std::move_constructible<S> && requires(S& s, typename S::request_type&& req) {
    typename S::request_type;
    typename S::response_type;
    typename S::error_type;
    { s.call(std::move(req)) } -> future::Future;
    requires std::same_as<typename std::remove_cvref_t<decltype(s.call(std::move(req)))>::item_type,
                          typename S::response_type>;
    requires std::same_as<typename std::remove_cvref_t<decltype(s.call(std::move(req)))>::error_type,
                          typename S::error_type>;
};

/// The future type a service's `call` returns.
template <Service S>
using call_future_t = std::remove_cvref_t<decltype(std::declval<S&>().call(
    std::declval<typename S::request_type&&>()))>;

/// True if the service offers backpressure through `poll_ready()`.
template <class S>
concept ReadyService = Service<S> && requires(S& s) {
    { s.poll_ready() } -> std::same_as<poll_result<unit, typename S::error_type>>;
};

/** Whether `s` can take a call now.

    Ready, or not ready with the current task registered to be notified when
    it can (tower's `poll_ready`). A service without `poll_ready()` is
    always ready.
*/
template <Service S>
poll_result<unit, typename S::error_type> poll_ready(S& s)
{
    if constexpr (ReadyService<S>)
        return s.poll_ready();
    else
        return future::ready();
}

/** A service's error as an `error_code`: itself if it is one, else `error::service_error`.

    Where a service error must leave the service's own world (an error
    hook, a proxied call), this is how it is told.
*/
template <class E>
error_code to_error_code(E const& e)
{
    if constexpr (std::is_convertible_v<E const&, error_code>)
        return e;
    else
        return make_error_code(protokit::error::service_error);
}

namespace detail {

template <class T>
struct service_result {
    using type = T;
    static constexpr bool is_result = false;
};

template <class T, class E>
struct service_result<boost::system::result<T, E>> {
    using type = T;
    static constexpr bool is_result = true;
};

} // namespace detail

/** Something that makes a service for each new connection (tokio-service's `NewService`).

    Any callable of no arguments that returns a Service, or a
    `boost::system::result` of one (an error refuses the connection), is a
    NewService: `[] { return doubler{}; }`.
*/
template <class N>
concept NewService =
    std::copy_constructible<N> && std::invocable<N&> &&
    Service<typename detail::service_result<std::remove_cvref_t<std::invoke_result_t<N&>>>::type>;

/// The service type a NewService makes.
template <NewService N>
using new_service_t =
    typename detail::service_result<std::remove_cvref_t<std::invoke_result_t<N&>>>::type;

/// Makes one service from `n`.
template <NewService N>
boost::system::result<new_service_t<N>> new_service(N& n)
{
    if constexpr (detail::service_result<std::remove_cvref_t<std::invoke_result_t<N&>>>::is_result) {
        auto r = n();
        if (!r)
            return r.error();
        return std::move(*r);
    } else {
        return n();
    }
}

} // namespace protokit::service

#endif

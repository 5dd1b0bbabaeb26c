// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_SERVICE_FN_HPP
#define PROTOKIT_SERVICE_SERVICE_FN_HPP

#include <protokit/future/ok.hpp>
#include <protokit/service/service.hpp>

#include <functional>
#include <type_traits>
#include <utility>

namespace protokit::service {

namespace detail {

template <class T>
struct callable_argument;

template <class C, class R, class A>
struct callable_argument<R (C::*)(A) const> {
    using type = std::remove_cvref_t<A>;
};

template <class C, class R, class A>
struct callable_argument<R (C::*)(A)> {
    using type = std::remove_cvref_t<A>;
};

template <class C, class R, class A>
struct callable_argument<R (C::*)(A) const noexcept> {
    using type = std::remove_cvref_t<A>;
};

template <class C, class R, class A>
struct callable_argument<R (C::*)(A) noexcept> {
    using type = std::remove_cvref_t<A>;
};

/// What a function used as a service returns, made into a Future.
template <class R>
struct as_future {
    using type = future::ready_future<R, error_code>;
    static type make(R&& r) { return type(future::ready(std::move(r))); }
};

template <future::Future F>
struct as_future<F> {
    using type = F;
    static F make(F&& f) { return std::move(f); }
};

template <class T, class E>
struct as_future<boost::system::result<T, E>> {
    using type = future::ready_future<T, E>;
    static type make(boost::system::result<T, E>&& r)
    {
        if (r)
            return type(future::ready(std::move(*r)));
        return type(future::fail(std::move(r).error()));
    }
};

} // namespace detail

/** A service made of a function (tokio-service's `service_fn`).

    The function takes the request and returns a Future of the response, a
    `boost::system::result` of it, or the response itself (a ready future).
*/
template <class Request, class F>
class fn_service {
    using raw_result = std::remove_cvref_t<std::invoke_result_t<F&, Request&&>>;
    using adapt = detail::as_future<raw_result>;

public:
    using request_type = Request;
    using future_type = typename adapt::type;
    using response_type = typename future_type::item_type;
    using error_type = typename future_type::error_type;

    explicit fn_service(F f) : f_(std::move(f)) {}

    /// Calls the function with the request.
    future_type call(Request&& request) { return adapt::make(std::invoke(f_, std::move(request))); }

private:
    F f_;
};

/// A service calling `f` with requests of type `Request`.
template <class Request, class F>
fn_service<Request, std::decay_t<F>> service_fn(F&& f)
{
    return fn_service<Request, std::decay_t<F>>(std::forward<F>(f));
}

/// A service calling `f`, whose one (non-generic) parameter names the request type.
template <class F>
    requires requires { &std::decay_t<F>::operator(); }
auto service_fn(F&& f)
{
    using request = typename detail::callable_argument<decltype(&std::decay_t<F>::operator())>::type;
    return fn_service<request, std::decay_t<F>>(std::forward<F>(f));
}

} // namespace protokit::service

#endif

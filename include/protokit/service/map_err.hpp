// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_MAP_ERR_HPP
#define PROTOKIT_SERVICE_MAP_ERR_HPP

#include <protokit/future/map.hpp>
#include <protokit/service/service.hpp>

#include <concepts>
#include <type_traits>
#include <utility>

namespace protokit::service {

/** The service of `map_err(s, g)`: `s`, each error (of a call or of `poll_ready`) made `g(error)`.

    A middleware for handing a service with a user error type to code that
    wants another one (an `error_code`, say), or the other way round.
*/
template <Service S, class G>
class map_err_service {
public:
    using request_type = typename S::request_type;
    using response_type = typename S::response_type;
    using error_type = std::remove_cvref_t<std::invoke_result_t<G&, typename S::error_type&&>>;

    /// `s`, its errors mapped by `g`.
    map_err_service(S s, G g) : service_(std::move(s)), g_(std::move(g)) {}

    /// Calls the inner service; its future's error becomes `g(error)`.
    future::map_err_future<call_future_t<S>, G> call(request_type&& request)
    {
        return service_.call(std::move(request)).map_err(g_);
    }

    /// The inner service's `poll_ready`, its error made `g(error)`.
    poll_result<unit, error_type> poll_ready() requires ReadyService<S>
    {
        auto r = service_.poll_ready();
        if (r.is_error())
            return future::fail(std::invoke(g_, std::move(r).error()));
        if (r.is_not_ready())
            return future::not_ready;
        return future::ready();
    }

    /// The inner service.
    S& get_ref() noexcept { return service_; }

private:
    S service_;
    G g_;
};

/** The service of `from_err<E>(s)`: `s`, each error converted to `E` (as futures' `from_err`).

    `E` must be constructible from the service's error type.
*/
template <Service S, class E>
class from_err_service {
    static_assert(std::constructible_from<E, typename S::error_type&&>,
                  "protokit: from_err needs an error type constructible from the service's");

public:
    using request_type = typename S::request_type;
    using response_type = typename S::response_type;
    using error_type = E;

    /// `s`, its errors converted to `E`.
    explicit from_err_service(S s) : service_(std::move(s)) {}

    /// Calls the inner service; its future's error is converted.
    future::from_err_future<call_future_t<S>, E> call(request_type&& request)
    {
        return service_.call(std::move(request)).template from_err<E>();
    }

    /// The inner service's `poll_ready`, its error converted.
    poll_result<unit, E> poll_ready() requires ReadyService<S>
    {
        auto r = service_.poll_ready();
        if (r.is_error())
            return future::fail(E(std::move(r).error()));
        if (r.is_not_ready())
            return future::not_ready;
        return future::ready();
    }

    /// The inner service.
    S& get_ref() noexcept { return service_; }

private:
    S service_;
};

/// `s`, each of its errors made `g(error)`.
template <Service S, class G>
map_err_service<S, std::decay_t<G>> map_err(S s, G&& g)
{
    return {std::move(s), std::forward<G>(g)};
}

/// `s`, each of its errors converted to `E`.
template <class E, Service S>
from_err_service<S, E> from_err(S s)
{
    return from_err_service<S, E>(std::move(s));
}

} // namespace protokit::service

#endif

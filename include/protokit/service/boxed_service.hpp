// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_BOXED_SERVICE_HPP
#define PROTOKIT_SERVICE_BOXED_SERVICE_HPP

#include <protokit/future/boxed.hpp>
#include <protokit/future/detail/small_box.hpp>
#include <protokit/service/service.hpp>

#include <exception>
#include <type_traits>
#include <utility>

namespace protokit::service {

namespace detail {

template <class Request, class Response, class E>
struct service_interface {
    virtual future::boxed_future<Response, E> call(Request&& request) = 0;
    virtual poll_result<unit, E> poll_ready() = 0;

protected:
    ~service_interface() = default;
};

template <class S, class Request, class Response, class E>
class boxed_service_model final : public future::detail::boxable<service_interface<Request, Response, E>> {
public:
    using interface_type = service_interface<Request, Response, E>;

    explicit boxed_service_model(S s) : service_(std::move(s)) {}

    future::boxed_future<Response, E> call(Request&& request) override { return service_.call(std::move(request)); }
    poll_result<unit, E> poll_ready() override { return service::poll_ready(service_); }

    future::detail::boxable<interface_type>* move_into(void* to) noexcept override
    {
        if constexpr (future::detail::small_box<interface_type>::template fits<boxed_service_model>)
            return future::detail::move_model_into(*this, to);
        else
            std::terminate(); // a heap-held model is never moved
    }

private:
    S service_;
};

} // namespace detail

/** A service of any type behind one type (tokio-service's boxed service).

    Move-only; a service of up to 64 bytes lives in the handle itself. Each
    call returns a `future::boxed_future` (no allocation when the call's
    future fits its buffer) and costs one virtual call; `poll_ready` is the
    boxed service's, or always ready.
*/
template <class Request, class Response, class E = error_code>
class boxed_service {
    using interface_type = detail::service_interface<Request, Response, E>;

public:
    using request_type = Request;
    using response_type = Response;
    using error_type = E;
    using future_type = future::boxed_future<Response, E>;

    /// Boxes `s`, a service with the same request, response and error types.
    template <Service S>
        requires(!std::same_as<std::remove_cvref_t<S>, boxed_service> &&
                 std::same_as<typename S::request_type, Request> &&
                 std::same_as<typename S::response_type, Response> && std::same_as<typename S::error_type, E>)
    boxed_service(S s)
        : box_(box_type::template make<detail::boxed_service_model<S, Request, Response, E>>(std::move(s)))
    {
    }

    /// Calls the boxed service.
    future_type call(Request request) { return box_->call(std::move(request)); }

    /// Whether the boxed service takes a call now.
    poll_result<unit, E> poll_ready() { return box_->poll_ready(); }

private:
    using box_type = future::detail::small_box<interface_type>;
    box_type box_;
};

} // namespace protokit::service

#endif

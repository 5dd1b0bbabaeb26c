// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_TIMEOUT_HPP
#define PROTOKIT_SERVICE_TIMEOUT_HPP

#include <protokit/reactor/core.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/service/service.hpp>

#include <type_traits>
#include <utility>

namespace protokit::service {

/** The service of `timeout(h, d)`: each call fails with `error::timed_out` unless it completes
   within `d`.

    tower's `Timeout`. The deadline starts when `call` is made; the call's
    future polls the inner future first, so a response that arrives at the
    deadline wins. Dropping the call's future drops the inner one (which
    withdraws or discards the request, as the inner service defines) and
    cancels its timer. Each call takes one entry in the core's timer heap
    (no allocation once the heap has grown). `poll_ready` is the inner
    service's. Use it on `h`'s core thread.
*/
template <Service S>
class timeout_service {
    static_assert(std::is_same_v<typename S::error_type, error_code>,
                  "protokit: middleware takes services whose error type is error_code (use map_err "
                  "or from_err first)");

public:
    using request_type = typename S::request_type;
    using response_type = typename S::response_type;
    using error_type = error_code;
    using future_type = reactor::timeout_future<call_future_t<S>>;

    /// `s`, each call bounded by `d` on `h`'s clock.
    timeout_service(S s, reactor::handle h, reactor::duration d)
        : inner_(std::move(s)), handle_(std::move(h)), limit_(d)
    {
    }

    /// Calls the inner service; the future fails with `error::timed_out` after the limit.
    future_type call(request_type&& request)
    {
        return reactor::timeout_after(inner_.call(std::move(request)), handle_, limit_);
    }

    /// The inner service's `poll_ready`.
    poll_result<unit> poll_ready() { return service::poll_ready(inner_); }

    /// The inner service.
    S& get_ref() noexcept { return inner_; }

private:
    S inner_;
    reactor::handle handle_;
    reactor::duration limit_;
};

/// The layer of `timeout_service`: `timeout(h, d).layer(s)`.
struct timeout_layer {
    reactor::handle handle;
    reactor::duration limit;

    /// `s` with each call bounded by the limit.
    template <Service S>
    timeout_service<S> layer(S s) const
    {
        return timeout_service<S>(std::move(s), handle, limit);
    }
};

/// A layer bounding each call by `d` on `h`'s clock.
inline timeout_layer timeout(reactor::handle h, reactor::duration d)
{
    return {std::move(h), d};
}

} // namespace protokit::service

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_RATE_LIMIT_HPP
#define PROTOKIT_SERVICE_RATE_LIMIT_HPP

#include <protokit/error.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/service/detail/call_or_error.hpp>
#include <protokit/service/service.hpp>

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::service {

/** The service of `rate_limit(h, n, per)`: at most `n` calls in each period `per` (tower's
   `RateLimit`).

    A period starts with the first call (or `poll_ready`) after the last one
    ended. Once `n` calls were made in it, `poll_ready` is not ready until
    the period ends: a timer on `h`'s core wakes the task then. A call made
    anyway fails with `error::rate_limited` and never reaches the inner
    service. Move-only (it owns its timer); use it on `h`'s core thread. A
    call allocates nothing; the timer is made once per period that fills.
*/
template <Service S>
class rate_limit_service {
    static_assert(std::is_same_v<typename S::error_type, error_code>,
                  "protokit: middleware takes services whose error type is error_code (use map_err "
                  "or from_err first)");

public:
    using request_type = typename S::request_type;
    using response_type = typename S::response_type;
    using error_type = error_code;
    using future_type = detail::call_or_error<call_future_t<S>>;

    /// `s`, taking at most `n` calls (at least one) per `per`.
    rate_limit_service(S s, reactor::handle h, std::size_t n, reactor::duration per)
        : inner_(std::move(s)), handle_(std::move(h)), max_(n == 0 ? 1 : n), period_(per)
    {
    }

    /// Ready while the period has calls left and the inner service is ready.
    poll_result<unit> poll_ready()
    {
        roll();
        if (used_ >= max_) {
            if (!timer_)
                timer_.emplace(reactor::timeout::at(handle_, period_end_));
            else if (timer_->deadline() != period_end_)
                timer_->reset(period_end_);
            auto t = timer_->poll();
            if (t.is_error())
                return future::fail(std::move(t).error());
            if (t.is_not_ready())
                return future::not_ready;
            roll();
            if (used_ >= max_)
                return future::not_ready; // a clock behind its own timer: cannot happen, but never
                                          // spin
        }
        timer_.reset();
        return service::poll_ready(inner_);
    }

    /// Calls the inner service, or fails with `error::rate_limited` past the limit.
    future_type call(request_type&& request)
    {
        roll();
        if (used_ >= max_)
            return future_type(make_error_code(error::rate_limited));
        ++used_;
        return future_type(inner_.call(std::move(request)));
    }

    /// The inner service.
    S& get_ref() noexcept { return inner_; }

private:
    void roll()
    {
        auto const now = handle_.now();
        if (now >= period_end_) {
            used_ = 0;
            period_end_ = now + period_;
        }
    }

    S inner_;
    reactor::handle handle_;
    std::size_t max_;
    reactor::duration period_;
    std::size_t used_ = 0;
    reactor::time_point period_end_{};
    std::optional<reactor::timeout> timer_;
};

/// The layer of `rate_limit_service`.
struct rate_limit_layer {
    reactor::handle handle;
    std::size_t max;
    reactor::duration period;

    template <Service S>
    rate_limit_service<S> layer(S s) const
    {
        return rate_limit_service<S>(std::move(s), handle, max, period);
    }
};

/// A layer allowing `n` calls per `per` on `h`'s clock.
inline rate_limit_layer rate_limit(reactor::handle h, std::size_t n, reactor::duration per)
{
    return {std::move(h), n, per};
}

} // namespace protokit::service

#endif

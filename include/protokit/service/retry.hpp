// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_RETRY_HPP
#define PROTOKIT_SERVICE_RETRY_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/service/reconnect.hpp>
#include <protokit/service/service.hpp>

#include <boost/assert.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include <array>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::service {

/** How many retries a service may make: tower's retry budget.

    A token bucket over a sliding window of `ttl` (ten slices): each call
    deposits `ratio` of a token, each retry withdraws a whole one, and a
    reserve of `min_per_sec` tokens per second of the window is always
    there. So retries stay under `ratio` of the calls (plus the reserve)
    whatever the failures: under overload, when every call fails, retries
    do not multiply the load. Deposits and withdrawals older than the
    window are forgotten. Time is `h`'s core's clock.
*/
class retry_budget {
public:
    /// A budget of `min_per_sec` retries a second plus `ratio` of the calls, over a window of
    /// `ttl`.
    explicit retry_budget(reactor::handle h, reactor::duration ttl = std::chrono::seconds(10),
                          std::uint32_t min_per_sec = 10, double ratio = 0.2)
        : handle_(std::move(h)),
          slice_(std::max<reactor::duration>(ttl / static_cast<reactor::duration::rep>(slices),
                                             reactor::duration(1))),
          reserve_(static_cast<double>(min_per_sec) * std::chrono::duration<double>(ttl).count()),
          ratio_(ratio), start_(handle_.now())
    {
    }

    /// A call was made: adds `ratio` of a token.
    void deposit()
    {
        advance();
        ++window_[current_].deposits;
    }

    /// Takes a token for a retry; false (and nothing taken) if the budget is spent.
    bool withdraw()
    {
        advance();
        if (tokens() < 1.0)
            return false;
        ++window_[current_].withdrawals;
        return true;
    }

    /// Tokens left now: the reserve, plus `ratio` per call, minus one per retry, over the window.
    double balance()
    {
        advance();
        return tokens();
    }

private:
    double tokens() const noexcept
    {
        double deposits = 0, withdrawals = 0;
        for (auto const& s : window_) {
            deposits += static_cast<double>(s.deposits);
            withdrawals += static_cast<double>(s.withdrawals);
        }
        return reserve_ + ratio_ * deposits - withdrawals;
    }

    static constexpr std::size_t slices = 10;

    struct slice {
        std::uint64_t deposits = 0;
        std::uint64_t withdrawals = 0;
    };

    /// Moves the window to now: slices that fell out of it are emptied.
    void advance()
    {
        auto const now = handle_.now();
        if (now < start_ + slice_)
            return;
        auto const steps = static_cast<std::uint64_t>((now - start_) / slice_);
        for (std::uint64_t i = 0; i < std::min<std::uint64_t>(steps, slices); ++i) {
            current_ = (current_ + 1) % slices;
            window_[current_] = {};
        }
        start_ += slice_ * static_cast<reactor::duration::rep>(steps);
    }

    reactor::handle handle_;
    reactor::duration slice_;
    double reserve_;
    double ratio_;
    reactor::time_point start_;
    std::array<slice, slices> window_{};
    std::size_t current_ = 0;
};

/** A retry policy: decides, per failed attempt, whether to try the request again.

    `p.retry(request, error)` is asked after each failed attempt; the
    future of each call keeps its own copy of the policy, so a policy may
    count attempts in itself. (tower's `Policy`, without backoff: the
    budget bounds retries, the balancer's ejection spaces them.)
*/
template <class P, class Request>
concept RetryPolicy =
    std::copy_constructible<P> && requires(P& p, Request const& r, error_code const& e) {
        { p.retry(r, e) } -> std::convertible_to<bool>;
    };

/// The ready policy: retry a call whose connection failed (`is_connection_error`), up to `attempts`
/// times.
struct retry_connection_errors {
    std::uint32_t attempts = 3;

    template <class Request>
    bool retry(Request const&, error_code const& e)
    {
        if (attempts == 0 || !is_connection_error(e))
            return false;
        --attempts;
        return true;
    }
};

namespace detail {

/// What a retry service shares with its calls' futures: the inner service, the policy, the budget.
template <class S, class P>
struct retry_state : boost::intrusive_ref_counter<retry_state<S, P>, boost::thread_unsafe_counter> {
    retry_state(S s, P p, retry_budget b)
        : inner(std::move(s)), policy(std::move(p)), budget(std::move(b))
    {
    }

    S inner;
    P policy;
    retry_budget budget;
};

} // namespace detail

/** The future of a call through a `retry_service`: the first outcome the policy does not retry.

    A retry waits until the inner service is ready (the task is registered
    with it meanwhile), then calls it with a copy of the request. It ends
    with the last attempt's error when the policy declines or the budget is
    spent, or with the inner `poll_ready`'s error. Dropping it drops the
    attempt in flight.
*/
template <class S, class P>
class retry_future : public future::future_facade<retry_future<S, P>> {
    using state_type = detail::retry_state<S, P>;

public:
    using request_type = typename S::request_type;
    using item_type = typename S::response_type;
    using error_type = error_code;

    retry_future(boost::intrusive_ptr<state_type> state, request_type request, P policy)
        : state_(std::move(state)), request_(std::move(request)), policy_(std::move(policy))
    {
        attempt_.emplace(state_->inner.call(request_type(request_)));
    }

    future::poll_result<item_type> poll()
    {
        for (;;) {
            if (attempt_) {
                auto r = attempt_->poll();
                if (r.is_not_ready())
                    return future::not_ready;
                attempt_.reset();
                if (r.is_ready() || !policy_.retry(std::as_const(request_), r.error()) ||
                    !state_->budget.withdraw())
                    return r;
                ++retries_;
            }
            auto ready = service::poll_ready(state_->inner);
            if (ready.is_error())
                return future::fail(std::move(ready).error());
            if (ready.is_not_ready())
                return future::not_ready;
            attempt_.emplace(state_->inner.call(request_type(request_)));
        }
    }

    /// Retries made so far.
    std::uint32_t retries() const noexcept { return retries_; }

private:
    boost::intrusive_ptr<state_type> state_;
    request_type request_;
    P policy_;
    std::optional<call_future_t<S>> attempt_;
    std::uint32_t retries_ = 0;
};

/** The service of `retry(policy, budget)`: failed calls tried again (tower's `Retry`).

    Each call keeps a copy of its request (requests must be copyable: that
    copy is the one allocation a call may cost, if the request allocates)
    and deposits into the budget; each retry withdraws from it. The inner
    service and the budget are allocated once, with the service, and shared
    with the calls' futures, which may outlive it. `poll_ready` is the
    inner service's. Cheap to copy: copies share the inner service and the
    budget.
*/
template <Service S, RetryPolicy<typename S::request_type> P>
class retry_service {
    static_assert(std::is_same_v<typename S::error_type, error_code>,
                  "protokit: middleware takes services whose error type is error_code (use map_err "
                  "or from_err first)");
    static_assert(std::copy_constructible<typename S::request_type>,
                  "protokit: retry needs requests it can copy");

public:
    using request_type = typename S::request_type;
    using response_type = typename S::response_type;
    using error_type = error_code;
    using future_type = retry_future<S, P>;

    /// `s`, its failed calls retried as `policy` says, within `budget`.
    retry_service(S s, P policy, retry_budget budget)
        : state_(new detail::retry_state<S, P>(std::move(s), std::move(policy), std::move(budget)))
    {
    }

    /// Calls the inner service; the future retries.
    future_type call(request_type&& request)
    {
        state_->budget.deposit();
        return future_type(state_, std::move(request), state_->policy);
    }

    /// The inner service's `poll_ready`.
    poll_result<unit> poll_ready() { return service::poll_ready(state_->inner); }

    /// The budget the calls draw on.
    retry_budget& budget() noexcept { return state_->budget; }

    /// The inner service.
    S& get_ref() noexcept { return state_->inner; }

private:
    boost::intrusive_ptr<detail::retry_state<S, P>> state_;
};

/** The layer of `retry_service`.

    Each service it wraps gets a budget of its own (of the layer's figures).
*/
template <class P>
struct retry_layer {
    P policy;
    reactor::handle handle;
    reactor::duration ttl;
    std::uint32_t min_per_sec;
    double ratio;

    template <Service S>
    retry_service<S, P> layer(S s) const
    {
        return retry_service<S, P>(std::move(s), policy,
                                   retry_budget(handle, ttl, min_per_sec, ratio));
    }
};

/// A layer retrying failed calls as `policy` says, within a budget (see `retry_budget`).
template <class P>
retry_layer<P> retry(P policy, reactor::handle h, reactor::duration ttl = std::chrono::seconds(10),
                     std::uint32_t min_per_sec = 10, double ratio = 0.2)
{
    return {std::move(policy), std::move(h), ttl, min_per_sec, ratio};
}

} // namespace protokit::service

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_CONCURRENCY_LIMIT_HPP
#define PROTOKIT_SERVICE_CONCURRENCY_LIMIT_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/task.hpp>
#include <protokit/service/detail/call_or_error.hpp>
#include <protokit/service/service.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::service {

namespace detail {

/// The calls in flight through one limit, shared by its service (and copies) and its call futures.
class limit_state : public boost::intrusive_ref_counter<limit_state, boost::thread_unsafe_counter> {
public:
    explicit limit_state(std::size_t max) : max_(max == 0 ? 1 : max) {}

    bool has_room() const noexcept { return in_flight_ < max_; }
    std::size_t in_flight() const noexcept { return in_flight_; }
    std::size_t max() const noexcept { return max_; }

    void acquire() noexcept { ++in_flight_; }

    /** A slot frees: every waiting task is woken.

        All of them, not one: a woken task may no longer want the slot (its
        caller went away), and waking one alone would then strand the others.
        A limit typically has one caller (a dispatcher), so this is one
        notification.
    */
    void release() noexcept
    {
        --in_flight_;
        for (auto& t : waiters_)
            t.notify();
        waiters_.clear();
    }

    /// Registers the current task to be woken when a slot frees.
    void wait()
    {
        auto const& t = future::current_task();
        for (auto const& w : waiters_)
            if (w.will_notify(t))
                return;
        waiters_.push_back(t);
    }

private:
    std::size_t max_;
    std::size_t in_flight_ = 0;
    std::vector<future::task> waiters_;
};

} // namespace detail

/** The future of a call through a `concurrency_limit_service`: holds its slot until it completes.

    The slot frees as soon as the outcome is known, or when the future is
    dropped (a cancelled call gives its slot back at once).
*/
template <future::Future F>
class limited_future : public future::future_facade<limited_future<F>> {
public:
    using item_type = typename F::item_type;
    using error_type = future::error_code;

    limited_future(detail::call_or_error<F> inner, boost::intrusive_ptr<detail::limit_state> slot)
        : inner_(std::move(inner)), slot_(std::move(slot))
    {
    }

    limited_future(limited_future&&) noexcept = default;
    limited_future& operator=(limited_future&&) = delete;
    ~limited_future() { release(); }

    future::poll_result<item_type> poll()
    {
        auto r = inner_.poll();
        if (!r.is_not_ready())
            release();
        return r;
    }

private:
    void release() noexcept
    {
        if (slot_) {
            slot_->release();
            slot_.reset();
        }
    }

    detail::call_or_error<F> inner_;
    boost::intrusive_ptr<detail::limit_state> slot_;
};

/** The service of `concurrency_limit(n)`: at most `n` calls in flight (tower's `ConcurrencyLimit`).

    `poll_ready` is not ready while `n` calls are pending, with the task
    registered: it is woken when one completes or is dropped. A dispatcher
    that honours `poll_ready` stops reading meanwhile (backpressure). A
    call made anyway fails with `error::limit_reached` and never reaches
    the inner service. Copies share the limit. The limit's state is
    allocated once, with the service; a call allocates nothing.
*/
template <Service S>
class concurrency_limit_service {
    static_assert(std::is_same_v<typename S::error_type, error_code>,
                  "protokit: middleware takes services whose error type is error_code (use map_err "
                  "or from_err first)");

public:
    using request_type = typename S::request_type;
    using response_type = typename S::response_type;
    using error_type = error_code;
    using future_type = limited_future<call_future_t<S>>;

    /// `s`, with at most `max` calls in flight (at least one).
    concurrency_limit_service(S s, std::size_t max)
        : inner_(std::move(s)), state_(new detail::limit_state(max))
    {
    }

    /// Ready while a slot is free and the inner service is ready.
    poll_result<unit> poll_ready()
    {
        if (!state_->has_room()) {
            state_->wait();
            return future::not_ready;
        }
        return service::poll_ready(inner_);
    }

    /// Calls the inner service in a free slot, or fails with `error::limit_reached`.
    future_type call(request_type&& request)
    {
        using inner = detail::call_or_error<call_future_t<S>>;
        if (!state_->has_room())
            return future_type(inner(make_error_code(error::limit_reached)), nullptr);
        state_->acquire();
        return future_type(inner(inner_.call(std::move(request))), state_);
    }

    /// Calls in flight now.
    std::size_t in_flight() const noexcept { return state_->in_flight(); }

    /// The inner service.
    S& get_ref() noexcept { return inner_; }

private:
    S inner_;
    boost::intrusive_ptr<detail::limit_state> state_;
};

/// The layer of `concurrency_limit_service`.
struct concurrency_limit_layer {
    std::size_t max;

    template <Service S>
    concurrency_limit_service<S> layer(S s) const
    {
        return concurrency_limit_service<S>(std::move(s), max);
    }
};

/// A layer allowing at most `n` calls in flight.
inline concurrency_limit_layer concurrency_limit(std::size_t n)
{
    return {n};
}

/** tower's `InFlightLimit` (its older name for the same thing): at most `n` calls in flight.

    The same layer as `concurrency_limit`: backpressure through `poll_ready`.
*/
inline concurrency_limit_layer in_flight_limit(std::size_t n)
{
    return {n};
}

} // namespace protokit::service

#endif

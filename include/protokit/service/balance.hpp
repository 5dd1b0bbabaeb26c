// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_BALANCE_HPP
#define PROTOKIT_SERVICE_BALANCE_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/task.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/service/detail/call_or_error.hpp>
#include <protokit/service/reconnect.hpp>
#include <protokit/service/service.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::service {

/// How a `balance` picks an endpoint among the ready ones.
enum class choice {
    /// Two at random, the one with fewer pending calls (tower's p2c).
    power_of_two,
    /// The one with the fewest pending calls of all (a `pool`).
    least_loaded,
};

/// How a `balance` chooses and ejects.
struct balance_options {
    /// How an endpoint is picked among the ready ones.
    service::choice choice = choice::power_of_two;
    /// How long a failed endpoint stays out, doubling with each failure in a row.
    backoff ejection{std::chrono::milliseconds(100), std::chrono::seconds(10)};
    /// The seed of the random choices (p2c).
    std::uint64_t seed = 0x9e3779b97f4a7c15u;
};

namespace detail {

/// One endpoint's load, shared with the futures of the calls sent to it.
struct endpoint_load : boost::intrusive_ref_counter<endpoint_load, boost::thread_unsafe_counter> {
    std::size_t pending = 0;
    /// A call failed with a connection error since the balancer last looked.
    bool failed = false;
    /// A call succeeded since the balancer last looked.
    bool succeeded = false;
};

} // namespace detail

/** The future of a call through a `balance`: the endpoint's call, counted as pending on it.

    When it ends with a connection error (`is_connection_error`), its
    endpoint is ejected at the balancer's next `poll_ready`.
*/
template <future::Future F>
class balance_future : public future::future_facade<balance_future<F>> {
public:
    using item_type = typename F::item_type;
    using error_type = future::error_code;

    balance_future(detail::call_or_error<F> inner, boost::intrusive_ptr<detail::endpoint_load> load)
        : inner_(std::move(inner)), load_(std::move(load))
    {
        if (load_)
            ++load_->pending;
    }

    balance_future(balance_future&&) noexcept = default;
    balance_future& operator=(balance_future&&) = delete;

    ~balance_future()
    {
        if (load_)
            --load_->pending;
    }

    future::poll_result<item_type> poll()
    {
        auto r = inner_.poll();
        if (!r.is_not_ready() && load_) {
            --load_->pending;
            if (r.is_ready())
                load_->succeeded = true;
            else if (is_connection_error(r.error()))
                load_->failed = true;
            load_.reset();
        }
        return r;
    }

private:
    detail::call_or_error<F> inner_;
    boost::intrusive_ptr<detail::endpoint_load> load_;
};

/** Calls spread over a set of endpoints (tower's `Balance` with p2c).

    Each endpoint is a service under a key (a reconnecting client of one
    server, say). `poll_ready` asks every endpoint that is not ejected, and
    picks one of the ready ones: two at random, the one with fewer pending
    calls (power of two choices), or, with `choice::least_loaded`, the
    least loaded of all; `call` sends to the one picked. An endpoint whose
    `poll_ready` fails, or one of whose calls failed with a connection
    error, is ejected: left out for a backoff that doubles with each
    failure in a row (reset by a successful call), then asked again (a
    reconnecting endpoint dials again then). Endpoints can be inserted and
    removed at any time; calls in flight on a removed one go on.

    `poll_ready` fails with `error::no_endpoints` when the set is empty;
    when every endpoint is ejected or busy it is not ready, with the task
    registered with the busy endpoints and with a timer for the first
    ejection to end. A call made without a ready `poll_ready` first makes
    the choice itself (under the no-op task) and fails with
    `error::no_endpoints` if no endpoint is ready. Each `poll_ready` is
    linear in the number of endpoints; meant for sets of tens. An endpoint
    costs two allocations (its entry, and its load counter, shared with its
    calls); a call allocates nothing. Use it on `h`'s core thread.
*/
template <class Key, Service S>
class balance {
    static_assert(std::is_same_v<typename S::error_type, error_code>,
                  "protokit: middleware takes services whose error type is error_code (use map_err "
                  "or from_err first)");

public:
    using key_type = Key;
    using request_type = typename S::request_type;
    using response_type = typename S::response_type;
    using error_type = error_code;
    using future_type = balance_future<call_future_t<S>>;

    /// An empty set, ejecting on `h`'s clock.
    explicit balance(reactor::handle h, balance_options options = {})
        : handle_(std::move(h)), options_(options), random_(options.seed | 1)
    {
    }

    /// Adds an endpoint, or replaces the one of the same key.
    void insert(Key key, S endpoint)
    {
        chosen_.reset();
        remove(key);
        endpoints_.push_back(std::make_unique<entry>(std::move(key), std::move(endpoint)));
    }

    /// Removes the endpoint of `key`; false if there is none.
    bool remove(Key const& key)
    {
        chosen_.reset();
        auto it = std::find_if(endpoints_.begin(), endpoints_.end(),
                               [&](auto const& e) { return e->key == key; });
        if (it == endpoints_.end())
            return false;
        endpoints_.erase(it);
        return true;
    }

    /// Endpoints in the set (ejected ones included).
    std::size_t size() const noexcept { return endpoints_.size(); }

    /// Whether the endpoint of `key` is ejected now.
    bool is_ejected(Key const& key) const
    {
        for (auto const& e : endpoints_)
            if (e->key == key)
                return e->ejected_until > handle_.now();
        return false;
    }

    /// Calls pending on the endpoint of `key`.
    std::size_t pending(Key const& key) const
    {
        for (auto const& e : endpoints_)
            if (e->key == key)
                return e->load->pending;
        return 0;
    }

    /// Ejections so far, of all endpoints.
    std::uint64_t ejections() const noexcept { return ejections_; }

    /// Ready once an endpoint is picked (see the class).
    poll_result<unit> poll_ready()
    {
        if (endpoints_.empty())
            return future::fail(make_error_code(error::no_endpoints));
        for (int pass = 0; pass < 2; ++pass) {
            auto const now = handle_.now();
            std::optional<reactor::time_point> earliest;
            ready_.clear();
            for (std::size_t i = 0; i < endpoints_.size(); ++i) {
                entry& e = *endpoints_[i];
                if (e.load->succeeded) {
                    e.load->succeeded = false;
                    e.failures = 0;
                }
                if (e.load->failed)
                    eject(e, now);
                if (e.ejected_until <= now) {
                    auto r = service::poll_ready(e.service);
                    if (r.is_ready()) {
                        ready_.push_back(i);
                        continue;
                    }
                    if (r.is_error())
                        eject(e, now);
                }
                if (e.ejected_until > now && (!earliest || e.ejected_until < *earliest))
                    earliest = e.ejected_until;
            }
            if (!ready_.empty()) {
                timer_.reset();
                chosen_ = pick();
                return future::ready();
            }
            if (!earliest)
                return future::not_ready;
            if (!timer_)
                timer_.emplace(reactor::timeout::at(handle_, *earliest));
            else if (timer_->deadline() != *earliest)
                timer_->reset(*earliest);
            if (timer_->poll().is_not_ready())
                return future::not_ready;
        }
        return future::not_ready; // the clock did not move past the timer: wait for the next turn
    }

    /// Sends `request` to the endpoint picked (see the class).
    future_type call(request_type&& request)
    {
        using inner = detail::call_or_error<call_future_t<S>>;
        if (!chosen_) {
            future::task_scope scope(future::noop_task());
            (void)poll_ready();
        }
        if (!chosen_)
            return future_type(inner(make_error_code(error::no_endpoints)), nullptr);
        entry& e = *endpoints_[*std::exchange(chosen_, std::nullopt)];
        return future_type(inner(e.service.call(std::move(request))), e.load);
    }

private:
    struct entry {
        entry(Key k, S s)
            : key(std::move(k)), service(std::move(s)), load(new detail::endpoint_load)
        {
        }

        Key key;
        S service;
        boost::intrusive_ptr<detail::endpoint_load> load;
        reactor::time_point ejected_until{};
        std::uint32_t failures = 0;
    };

    /// Leaves `e` out for its backoff; the calls that fail together (one dropped connection) count
    /// once.
    void eject(entry& e, reactor::time_point now)
    {
        e.load->failed = false;
        if (e.ejected_until > now)
            return;
        ++e.failures;
        e.ejected_until = now + options_.ejection.after(e.failures);
        ++ejections_;
    }

    std::uint64_t next_random() noexcept
    {
        random_ ^= random_ >> 12;
        random_ ^= random_ << 25;
        random_ ^= random_ >> 27;
        return random_ * 0x2545f4914f6cdd1du;
    }

    std::size_t pick()
    {
        if (ready_.size() == 1)
            return ready_.front();
        auto load = [&](std::size_t i) { return endpoints_[i]->load->pending; };
        if (options_.choice == choice::least_loaded)
            return *std::min_element(
                ready_.begin(), ready_.end(),
                [&](std::size_t a, std::size_t b) { return load(a) < load(b); });
        auto const n = ready_.size();
        std::size_t const a = next_random() % n;
        std::size_t const b = (a + 1 + next_random() % (n - 1)) % n;
        return load(ready_[b]) < load(ready_[a]) ? ready_[b] : ready_[a];
    }

    reactor::handle handle_;
    balance_options options_;
    std::uint64_t random_;
    std::vector<std::unique_ptr<entry>> endpoints_; // an endpoint's service need not be assignable
    std::vector<std::size_t> ready_;
    std::optional<std::size_t> chosen_;
    std::optional<reactor::timeout> timer_;
    std::uint64_t ejections_ = 0;
};

/** `n` connections to one server, each call on the least loaded ready one (a pool).

    A `balance` of `n` reconnecting clients made by `connector`, keyed
    0..n-1, choosing the least loaded: a connection that drops is dialed
    again, and is left out (ejected) while it cannot be.
*/
template <Connector C>
balance<std::size_t, reconnect_service<C>> pool(std::size_t n, C connector, reactor::handle h,
                                                backoff redial = {})
{
    balance_options options;
    options.choice = choice::least_loaded;
    balance<std::size_t, reconnect_service<C>> b(h, options);
    for (std::size_t i = 0; i < n; ++i)
        b.insert(i, reconnect_service<C>(connector, h, redial));
    return b;
}

} // namespace protokit::service

#endif

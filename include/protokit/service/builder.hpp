// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_BUILDER_HPP
#define PROTOKIT_SERVICE_BUILDER_HPP

#include <protokit/service/concurrency_limit.hpp>
#include <protokit/service/rate_limit.hpp>
#include <protokit/service/retry.hpp>
#include <protokit/service/service.hpp>
#include <protokit/service/timeout.hpp>

#include <cstddef>
#include <tuple>
#include <utility>

namespace protokit::service {

/** A middleware's constructor: `l.layer(s)` wraps the service `s` (tower's `Layer`).

    Each middleware has one (`timeout(h, d)`, `concurrency_limit(n)`, ...):
    a small copyable value holding the middleware's settings, so that one
    layer can wrap many services (one per connection, say).
*/
template <class L, class S>
concept Layer = Service<S> && requires(L const& l, S s) {
    { l.layer(std::move(s)) } -> Service;
};

/** A stack of layers, applied to a service at the end (tower's `ServiceBuilder`).

    `builder().timeout(h, 1s).concurrency_limit(64).service(inner)` is
    `timeout(h, 1s).layer(concurrency_limit(64).layer(inner))`: the first
    layer named is the outermost, which sees each call first, as in tower.
    The shape: each step returns a new builder whose type lists its layers
    (a `std::tuple`), so the stack is one concrete type with no type
    erasure and no allocation, and the wrapped service's type is known
    where it is used (a dispatcher needs it to be, to keep zero
    allocations). Any type with a `layer(s)` member joins with `.layer(l)`.
*/
template <class... Layers>
class service_builder {
public:
    service_builder() = default;
    explicit service_builder(std::tuple<Layers...> layers) : layers_(std::move(layers)) {}

    /// Adds `l`, inside the layers already named.
    template <class L>
    service_builder<Layers..., L> layer(L l) &&
    {
        return service_builder<Layers..., L>(
            std::tuple_cat(std::move(layers_), std::tuple<L>(std::move(l))));
    }

    /// Adds a `timeout` layer.
    service_builder<Layers..., timeout_layer> timeout(reactor::handle h, reactor::duration d) &&
    {
        return std::move(*this).layer(service::timeout(std::move(h), d));
    }

    /// Adds a `concurrency_limit` layer.
    service_builder<Layers..., concurrency_limit_layer> concurrency_limit(std::size_t n) &&
    {
        return std::move(*this).layer(service::concurrency_limit(n));
    }

    /// Adds a `rate_limit` layer.
    service_builder<Layers..., rate_limit_layer> rate_limit(reactor::handle h, std::size_t n,
                                                            reactor::duration per) &&
    {
        return std::move(*this).layer(service::rate_limit(std::move(h), n, per));
    }

    /// Adds a `retry` layer (a budget of the given figures for each service it wraps).
    template <class P>
    service_builder<Layers..., retry_layer<P>>
    retry(P policy, reactor::handle h, reactor::duration ttl = std::chrono::seconds(10),
          std::uint32_t min_per_sec = 10, double ratio = 0.2) &&
    {
        return std::move(*this).layer(
            service::retry(std::move(policy), std::move(h), ttl, min_per_sec, ratio));
    }

    /// `s` wrapped in every layer, the first named outermost.
    template <Service S>
    auto service(S s) const
    {
        return apply<0>(std::move(s));
    }

private:
    template <std::size_t I, class S>
    auto apply(S s) const
    {
        if constexpr (I == sizeof...(Layers))
            return s;
        else
            return std::get<I>(layers_).layer(apply<I + 1>(std::move(s)));
    }

    std::tuple<Layers...> layers_;
};

/// An empty stack of layers.
inline service_builder<> builder()
{
    return {};
}

} // namespace protokit::service

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_MAP_HPP
#define PROTOKIT_FUTURE_MAP_HPP

#include <protokit/future/detail/into_future.hpp>
#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/future_facade.hpp>

#include <concepts>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

/// The future of `f.map(g)`: `g` applied to `f`'s value.
template <class F, class G>
class map_future : public future_facade<map_future<F, G>> {
public:
    using item_type = detail::invoke_unit_result_t<G, typename F::item_type&&>;
    using error_type = typename F::error_type;

    map_future(F f, G g) : inner_(std::move(f)), g_(std::move(g)) {}

    poll_result<item_type, error_type> poll()
    {
        PROTOKIT_TRY_READY(value, inner_.poll());
        BOOST_ASSERT_MSG(g_, "map_future polled after completion");
        auto g = std::move(*g_);
        g_.reset();
        return ready(detail::invoke_unit(std::move(g), std::move(value)));
    }

private:
    F inner_;
    std::optional<G> g_;
};

/// The future of `f.map_err(g)`: `g` applied to `f`'s error.
template <class F, class G>
class map_err_future : public future_facade<map_err_future<F, G>> {
public:
    using item_type = typename F::item_type;
    using error_type = std::invoke_result_t<G, typename F::error_type&&>;

    map_err_future(F f, G g) : inner_(std::move(f)), g_(std::move(g)) {}

    poll_result<item_type, error_type> poll()
    {
        auto r = inner_.poll();
        if (r.is_ready())
            return ready(std::move(r).value());
        if (r.is_not_ready())
            return not_ready;
        return fail(std::invoke(g_, std::move(r).error()));
    }

private:
    F inner_;
    G g_;
};

/// The future of `f.from_err<E>()`: `f`'s error converted to `E`.
template <class F, class E>
class from_err_future : public future_facade<from_err_future<F, E>> {
public:
    using item_type = typename F::item_type;
    using error_type = E;

    static_assert(std::constructible_from<E, typename F::error_type&&>,
                  "protokit: from_err needs an error type constructible from the future's");

    explicit from_err_future(F f) : inner_(std::move(f)) {}

    poll_result<item_type, error_type> poll()
    {
        return detail::convert_poll<item_type, error_type>(inner_.poll());
    }

private:
    F inner_;
};

} // namespace protokit::future

#endif

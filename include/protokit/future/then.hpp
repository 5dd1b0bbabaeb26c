// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_THEN_HPP
#define PROTOKIT_FUTURE_THEN_HPP

#include <protokit/future/detail/into_future.hpp>
#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/future_facade.hpp>

#include <boost/system/result.hpp>

#include <concepts>
#include <functional>
#include <type_traits>
#include <utility>
#include <variant>

namespace protokit::future {

namespace detail {

/** Two futures in sequence: the first, with the function that makes the second.

    The function is kept beside the first future and consumed when the
    second is made; from then on only the second future exists.
*/
template <class A, class G, class B>
class chain {
public:
    struct first_type {
        A future;
        G g;
    };

    chain(A a, G g) : state_(std::in_place_index<0>, first_type{std::move(a), std::move(g)}) {}

    /// The first future and the function, while the first future runs.
    first_type* first() noexcept { return std::get_if<0>(&state_); }

    /// Replaces the first future and the function by the second future.
    void start_second(B b) { state_.template emplace<1>(std::move(b)); }

    /// The second future, once started.
    B& second() noexcept { return *std::get_if<1>(&state_); }

private:
    std::variant<first_type, B> state_;
};

template <class F>
using system_result_of = boost::system::result<typename F::item_type, typename F::error_type>;

} // namespace detail

/// The future of `f.then(g)`: `g(result of f)`, then the future it returned.
template <class F, class G>
class then_future : public future_facade<then_future<F, G>> {
    using next_type =
        detail::into_future_t<std::invoke_result_t<G&&, detail::system_result_of<F>&&>>;

public:
    using item_type = typename next_type::item_type;
    using error_type = typename next_type::error_type;

    then_future(F f, G g) : chain_(std::move(f), std::move(g)) {}

    poll_result<item_type, error_type> poll()
    {
        if (auto* first = chain_.first()) {
            auto r = first->future.poll();
            if (r.is_not_ready())
                return not_ready;
            chain_.start_second(detail::into_future(
                std::invoke(std::move(first->g), detail::to_result(std::move(r)))));
        }
        return chain_.second().poll();
    }

private:
    detail::chain<F, G, next_type> chain_;
};

/// The future of `f.and_then(g)`: `g(value of f)`, then the future it returned.
template <class F, class G>
class and_then_future : public future_facade<and_then_future<F, G>> {
    using next_type =
        detail::into_future_t<detail::invoke_unit_result_t<G&&, typename F::item_type&&>>;

public:
    using item_type = typename next_type::item_type;
    using error_type = typename F::error_type;

    static_assert(std::constructible_from<error_type, typename next_type::error_type&&>,
                  "protokit: and_then's future must have an error convertible to the first's");

    and_then_future(F f, G g) : chain_(std::move(f), std::move(g)) {}

    poll_result<item_type, error_type> poll()
    {
        if (auto* first = chain_.first()) {
            PROTOKIT_TRY_READY(value, first->future.poll());
            chain_.start_second(
                detail::into_future(detail::invoke_unit(std::move(first->g), std::move(value))));
        }
        return detail::convert_poll<item_type, error_type>(chain_.second().poll());
    }

private:
    detail::chain<F, G, next_type> chain_;
};

/// The future of `f.or_else(g)`: `f`'s value, or `g(error of f)` and the future it returned.
template <class F, class G>
class or_else_future : public future_facade<or_else_future<F, G>> {
    using next_type = detail::into_future_t<std::invoke_result_t<G&&, typename F::error_type&&>>;

public:
    using item_type = typename F::item_type;
    using error_type = typename next_type::error_type;

    static_assert(std::constructible_from<item_type, typename next_type::item_type&&>,
                  "protokit: or_else's future must have a value convertible to the first's");

    or_else_future(F f, G g) : chain_(std::move(f), std::move(g)) {}

    poll_result<item_type, error_type> poll()
    {
        if (auto* first = chain_.first()) {
            auto r = first->future.poll();
            if (r.is_not_ready())
                return not_ready;
            if (r.is_ready())
                return ready(std::move(r).value());
            chain_.start_second(
                detail::into_future(std::invoke(std::move(first->g), std::move(r).error())));
        }
        return detail::convert_poll<item_type, error_type>(chain_.second().poll());
    }

private:
    detail::chain<F, G, next_type> chain_;
};

} // namespace protokit::future

#endif

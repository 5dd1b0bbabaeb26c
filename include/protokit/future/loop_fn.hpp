// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_LOOP_FN_HPP
#define PROTOKIT_FUTURE_LOOP_FN_HPP

#include <protokit/future/detail/into_future.hpp>
#include <protokit/future/future_facade.hpp>

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace protokit::future {

/// A loop's final value on its way into a `loop_step`.
template <class T>
struct loop_break_t {
    T value;
};

/// A loop's next state on its way into a `loop_step`.
template <class S>
struct loop_continue_t {
    S state;
};

/// Ends a `loop_fn` with `value`.
template <class T>
loop_break_t<std::decay_t<T>> loop_break(T&& value)
{
    return {std::forward<T>(value)};
}

/// Runs one more iteration of a `loop_fn`, from `state`.
template <class S>
loop_continue_t<std::decay_t<S>> loop_continue(S&& state)
{
    return {std::forward<S>(state)};
}

/** The outcome of one iteration of a `loop_fn` (futures-rs's `Loop<T, S>`).

    Either the loop's final value (`loop_break(value)`) or the state of the
    next iteration (`loop_continue(state)`); both convert to it implicitly.
*/
template <class T, class S>
class loop_step {
public:
    using value_type = T;
    using state_type = S;

    /// A step that ends the loop with `b`'s value.
    template <class U>
        requires std::constructible_from<T, U&&>
    loop_step(loop_break_t<U>&& b) : v_(std::in_place_index<0>, std::move(b.value))
    {
    }

    /// A step that runs one more iteration from `c`'s state.
    template <class U>
        requires std::constructible_from<S, U&&>
    loop_step(loop_continue_t<U>&& c) : v_(std::in_place_index<1>, std::move(c.state))
    {
    }

    /// True if this step ends the loop.
    bool is_break() const noexcept { return v_.index() == 0; }
    /// True if this step runs one more iteration.
    bool is_continue() const noexcept { return v_.index() == 1; }

    /// The final value of a `loop_break` step.
    T&& value() && { return std::get<0>(std::move(v_)); }
    /// The next state of a `loop_continue` step.
    S&& state() && { return std::get<1>(std::move(v_)); }

private:
    std::variant<T, S> v_;
};

namespace detail {

template <class X>
struct loop_step_traits {
    static_assert(sizeof(X) == 0,
                  "protokit: the future of a loop_fn iteration must yield a loop_step<T, S>");
};

template <class T, class S>
struct loop_step_traits<loop_step<T, S>> {
    using value_type = T;
    using state_type = S;
};

} // namespace detail

/** The future of `loop_fn(state, g)`: runs `g(state)` until it breaks.

    Each iteration's future is polled in the same `poll()` as long as it
    is ready at once, in a loop: a million immediate iterations use no
    more stack than one.
*/
template <class S, class G>
class loop_fn_future : public future_facade<loop_fn_future<S, G>> {
    using step_future = detail::into_future_t<std::invoke_result_t<G&, S&&>>;
    using step_traits = detail::loop_step_traits<typename step_future::item_type>;

public:
    using item_type = typename step_traits::value_type;
    using error_type = typename step_future::error_type;

    loop_fn_future(S initial, G g) : g_(std::move(g))
    {
        step_.emplace(detail::into_future(std::invoke(g_, std::move(initial))));
    }

    poll_result<item_type, error_type> poll()
    {
        for (;;) {
            BOOST_ASSERT_MSG(step_, "loop_fn_future polled after completion");
            PROTOKIT_TRY_READY(step, step_->poll());
            if (step.is_break()) {
                step_.reset();
                return ready(std::move(step).value());
            }
            step_.emplace(detail::into_future(std::invoke(g_, S(std::move(step).state()))));
        }
    }

private:
    G g_;
    std::optional<step_future> step_;
};

/** A loop of futures: `g(state)` returns the future of one iteration.

    That future (or `boost::system::result`) yields a `loop_step`:
    `loop_continue(next_state)` runs `g` again, `loop_break(value)`
    completes the loop with `value`. An error ends the loop. `g` is called
    once at construction with `initial`, as futures-rs does.
*/
template <class S, class G>
loop_fn_future<std::decay_t<S>, std::decay_t<G>> loop_fn(S&& initial, G&& g)
{
    return {std::forward<S>(initial), std::forward<G>(g)};
}

} // namespace protokit::future

#endif

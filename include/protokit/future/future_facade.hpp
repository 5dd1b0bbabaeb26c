#ifndef PROTOKIT_FUTURE_FUTURE_FACADE_HPP
#define PROTOKIT_FUTURE_FUTURE_FACADE_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/future_fwd.hpp>

#include <type_traits>
#include <utility>

namespace protokit::future {

/** The combinators of every future, as member functions.

    A future type derives from `future_facade<itself>` to get `.map(...)`,
    `.and_then(...)` and the rest. Each combinator consumes the future
    (call it on an rvalue) and returns a new future; nothing is allocated.
    Include `<protokit/future/future.hpp>` to have every combinator defined.
*/
template <class Derived>
class future_facade {
public:
    /// A future of `g(value)`.
    template <class G>
    map_future<Derived, std::decay_t<G>> map(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

    /// A future whose error is `g(error)`.
    template <class G>
    map_err_future<Derived, std::decay_t<G>> map_err(G&& g) &&
    {
        return {std::move(self()), std::forward<G>(g)};
    }

protected:
    future_facade() = default;

private:
    Derived& self() noexcept { return static_cast<Derived&>(*this); }
};

} // namespace protokit::future

#endif

#ifndef PROTOKIT_FUTURE_SINK_FACADE_HPP
#define PROTOKIT_FUTURE_SINK_FACADE_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/sink_fwd.hpp>

#include <type_traits>
#include <utility>

namespace protokit::future {

/** The combinators of every sink, as member functions.

    A sink type derives from `sink_facade<itself>` to get `.send(...)`,
    `.with(...)` and the rest. Include `<protokit/future/sink.hpp>` to have
    every combinator defined.
*/
template <class Derived>
class sink_facade {
protected:
    sink_facade() = default;

private:
    Derived& self() noexcept { return static_cast<Derived&>(*this); }
};

} // namespace protokit::future

#endif

#ifndef PROTOKIT_FUTURE_STREAM_FACADE_HPP
#define PROTOKIT_FUTURE_STREAM_FACADE_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/detail/stream_fwd.hpp>

#include <type_traits>
#include <utility>

namespace protokit::future {

/** The combinators of every stream, as member functions.

    A stream type derives from `stream_facade<itself>` to get `.map(...)`,
    `.for_each(...)` and the rest. Include `<protokit/future/stream.hpp>` to
    have every combinator defined.
*/
template <class Derived>
class stream_facade {
protected:
    stream_facade() = default;

private:
    Derived& self() noexcept { return static_cast<Derived&>(*this); }
};

} // namespace protokit::future

#endif

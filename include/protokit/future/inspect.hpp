// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_INSPECT_HPP
#define PROTOKIT_FUTURE_INSPECT_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/future_facade.hpp>

#include <utility>

namespace protokit::future {

/// The future of `f.inspect(g)`: `f`, calling `g(value)` (a const reference) once it is ready.
template <class F, class G>
class inspect_future : public future_facade<inspect_future<F, G>> {
public:
    using item_type = typename F::item_type;
    using error_type = typename F::error_type;

    inspect_future(F f, G g) : inner_(std::move(f)), g_(std::move(g)) {}

    poll_result<item_type, error_type> poll()
    {
        auto r = inner_.poll();
        if (r.is_ready())
            detail::invoke_unit(g_, std::as_const(r.value()));
        return r;
    }

private:
    F inner_;
    G g_;
};

} // namespace protokit::future

#endif

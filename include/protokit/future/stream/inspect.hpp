// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_INSPECT_HPP
#define PROTOKIT_FUTURE_STREAM_INSPECT_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/stream_facade.hpp>

#include <utility>

namespace protokit::future {

/// The stream of `s.inspect(g)`: `s`, showing each item to `g` (as a const reference).
template <class S, class G>
class inspect_stream : public stream_facade<inspect_stream<S, G>> {
public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    /// `s`, showing its items to `g`.
    inspect_stream(S s, G g) : inner_(std::move(s)), g_(std::move(g)) {}

    /// The next item of `s`, shown to `g` first.
    stream_poll_result<item_type, error_type> poll_next()
    {
        auto r = inner_.poll_next();
        if (r.is_ready() && r.value())
            detail::invoke_unit(g_, std::as_const(*r.value()));
        return r;
    }

private:
    S inner_;
    G g_;
};

/// The stream of `s.inspect_err(g)`: `s`, showing each error to `g` (as a const reference).
template <class S, class G>
class inspect_err_stream : public stream_facade<inspect_err_stream<S, G>> {
public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    /// `s`, showing its errors to `g`.
    inspect_err_stream(S s, G g) : inner_(std::move(s)), g_(std::move(g)) {}

    /// The next item of `s`; an error is shown to `g` first.
    stream_poll_result<item_type, error_type> poll_next()
    {
        auto r = inner_.poll_next();
        if (r.is_error())
            detail::invoke_unit(g_, std::as_const(r.error()));
        return r;
    }

private:
    S inner_;
    G g_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FROM_ERR_HPP
#define PROTOKIT_FUTURE_STREAM_FROM_ERR_HPP

#include <protokit/future/detail/into_future.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/// The stream of `s.from_err<E>()`: `s`, each error converted to `E`.
template <class S, class E>
class from_err_stream : public stream_facade<from_err_stream<S, E>> {
    static_assert(std::constructible_from<E, typename S::error_type&&>,
                  "protokit: from_err needs an error type constructible from the stream's");

public:
    using item_type = typename S::item_type;
    using error_type = E;

    /// `s`, its errors converted.
    explicit from_err_stream(S s) : inner_(std::move(s)) {}

    /// The next item of `s`, or its error converted.
    stream_poll_result<item_type, error_type> poll_next()
    {
        return detail::convert_poll<std::optional<item_type>, error_type>(inner_.poll_next());
    }

private:
    S inner_;
};

} // namespace protokit::future

#endif

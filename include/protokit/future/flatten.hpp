// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_FLATTEN_HPP
#define PROTOKIT_FUTURE_FLATTEN_HPP

#include <protokit/future/detail/into_future.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/stream_facade.hpp>

#include <concepts>
#include <optional>
#include <utility>
#include <variant>

namespace protokit::future {

/** The future of `f.flatten()`: the outcome of the future that `f` yields.

    `f`'s value is a future (or a `boost::system::result`, taken as ready).
    As in futures-rs, the error type is the inner future's; `f`'s error must
    convert to it.
*/
template <class F>
class flatten_future : public future_facade<flatten_future<F>> {
    using inner_type = detail::into_future_t<typename F::item_type>;

public:
    using item_type = typename inner_type::item_type;
    using error_type = typename inner_type::error_type;

    static_assert(std::constructible_from<error_type, typename F::error_type&&>,
                  "protokit: flatten needs the outer error to convert to the inner future's");

    explicit flatten_future(F f) : state_(std::in_place_index<0>, std::move(f)) {}

    poll_result<item_type, error_type> poll()
    {
        if (state_.index() == 0) {
            auto r = std::get<0>(state_).poll();
            if (r.is_not_ready())
                return not_ready;
            if (r.is_error())
                return fail(error_type(std::move(r).error()));
            state_.template emplace<1>(detail::into_future(std::move(r).value()));
        }
        return std::get<1>(state_).poll();
    }

private:
    std::variant<F, inner_type> state_;
};

/** The stream of `f.flatten_stream()`: the items of the stream that `f` yields.

    As in futures-rs, the error type is the stream's; `f`'s error must
    convert to it. An error of `f` is yielded once, then the stream ends.
*/
template <class F>
class flattened_stream : public stream_facade<flattened_stream<F>> {
    using inner_type = typename F::item_type;
    static_assert(Stream<inner_type>, "protokit: flatten_stream needs a future of a stream");

public:
    using item_type = typename inner_type::item_type;
    using error_type = typename inner_type::error_type;

    static_assert(std::constructible_from<error_type, typename F::error_type&&>,
                  "protokit: flatten_stream needs the future's error to convert to the stream's");

    explicit flattened_stream(F f) : state_(std::in_place_index<0>, std::move(f)) {}

    poll_result<std::optional<item_type>, error_type> poll_next()
    {
        if (state_.index() == 2)
            return ready(std::optional<item_type>());
        if (state_.index() == 0) {
            auto r = std::get<0>(state_).poll();
            if (r.is_not_ready())
                return not_ready;
            if (r.is_error()) {
                state_.template emplace<2>();
                return fail(error_type(std::move(r).error()));
            }
            state_.template emplace<1>(std::move(r).value());
        }
        return std::get<1>(state_).poll_next();
    }

private:
    std::variant<F, inner_type, std::monostate> state_;
};

} // namespace protokit::future

#endif

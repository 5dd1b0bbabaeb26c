// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FOLD_HPP
#define PROTOKIT_FUTURE_STREAM_FOLD_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/detail/stream_lift.hpp>
#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::future {

/** The future of `s.fold(init, g)`: the accumulator threaded through
    `g(acc, item)` for each item, once the stream ends.

    `g` returns the next accumulator, or a future (or a
    `boost::system::result`) of it, which must finish before the next item
    is taken. The first error fails the whole future.
*/
template <class S, class A, class G>
class fold_future : public future_facade<fold_future<S, A, G>> {
    using callback_result = detail::invoke_unit_result_t<G&, A&&, typename S::item_type&&>;
    using future_type = detail::lifted_future_t<callback_result, typename S::error_type>;
    static_assert(std::constructible_from<A, typename future_type::item_type&&>,
                  "protokit: fold's function must return the accumulator, or a future of it");
    static_assert(
        std::constructible_from<typename S::error_type, typename future_type::error_type&&>,
        "protokit: fold's future must fail with the stream's error type");

public:
    using item_type = A;
    using error_type = typename S::error_type;

    fold_future(S s, A init, G g) : inner_(std::move(s)), g_(std::move(g)), acc_(std::move(init)) {}

    poll_result<A, error_type> poll()
    {
        for (;;) {
            if (future_) {
                auto f = future_->poll();
                if (f.is_not_ready())
                    return not_ready;
                future_.reset();
                if (f.is_error())
                    return fail(error_type(std::move(f).error()));
                acc_.emplace(std::move(f).value());
            }
            BOOST_ASSERT_MSG(acc_, "fold_future polled after completion");
            PROTOKIT_TRY_READY(item, inner_.poll_next());
            A acc = std::move(*acc_);
            acc_.reset();
            if (!item)
                return ready(std::move(acc));
            future_.emplace(detail::lift_future<error_type>(
                detail::invoke_unit(g_, std::move(acc), std::move(*item))));
        }
    }

private:
    S inner_;
    G g_;
    detail::stream_optional<A> acc_;
    detail::stream_optional<future_type> future_;
};

} // namespace protokit::future

#endif

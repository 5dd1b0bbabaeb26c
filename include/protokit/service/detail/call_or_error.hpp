// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_DETAIL_CALL_OR_ERROR_HPP
#define PROTOKIT_SERVICE_DETAIL_CALL_OR_ERROR_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/future/poll.hpp>

#include <boost/assert.hpp>

#include <optional>
#include <utility>

namespace protokit::service::detail {

/** The future of a middleware's call: the inner service's call, or the error that refused it.

    A refused call (a limit reached, no connection) costs no inner future:
    the error is ready at the first poll.
*/
template <future::Future F>
class call_or_error : public future::future_facade<call_or_error<F>> {
public:
    using item_type = typename F::item_type;
    using error_type = future::error_code;

    /// The inner call.
    explicit call_or_error(F f) : inner_(std::in_place, std::move(f)) {}

    /// A refused call, failing with `refused`.
    explicit call_or_error(future::error_code refused) : refused_(refused) {}

    future::poll_result<item_type> poll()
    {
        if (!inner_) {
            BOOST_ASSERT_MSG(refused_, "protokit: a middleware's call polled after completion");
            return future::fail(std::exchange(refused_, future::error_code()));
        }
        return inner_->poll();
    }

private:
    std::optional<F> inner_;
    future::error_code refused_;
};

} // namespace protokit::service::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_INTO_FUTURE_HPP
#define PROTOKIT_FUTURE_STREAM_INTO_FUTURE_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/** The future of `s.into_future()` (futures 0.1's `StreamFuture`): the
    next item of `s`, or `std::nullopt` at its end, with `s` itself to go on.

    On an error it fails with the error and `s`, which is not ended by it.
*/
template <class S>
class stream_future : public future_facade<stream_future<S>> {
public:
    using item_type = std::pair<std::optional<typename S::item_type>, S>;
    using error_type = std::pair<typename S::error_type, S>;

    explicit stream_future(S s) : stream_(std::move(s)) {}

    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(stream_, "stream_future polled after completion");
        auto r = stream_->poll_next();
        if (r.is_not_ready())
            return not_ready;
        S s = std::move(*stream_);
        stream_.reset();
        if (r.is_error())
            return fail(error_type(std::move(r).error(), std::move(s)));
        return ready(item_type(std::move(r).value(), std::move(s)));
    }

    /// The stream, until the future completes.
    S* get_ref() noexcept { return stream_ ? &*stream_ : nullptr; }

    /// Gives the stream back, or `std::nullopt` if the future completed.
    std::optional<S> into_inner() && { return std::move(stream_); }

private:
    detail::stream_optional<S> stream_;
};

} // namespace protokit::future

#endif

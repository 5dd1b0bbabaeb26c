// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_ONCE_HPP
#define PROTOKIT_FUTURE_STREAM_ONCE_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/system/result.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/// The stream of `once(result)`: one item or one error, then the end.
template <class T, class E = error_code>
class once_stream : public stream_facade<once_stream<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    explicit once_stream(boost::system::result<T, E> r) : result_(std::move(r)) {}

    stream_poll_result<T, E> poll_next()
    {
        if (!result_)
            return end_of_stream;
        std::optional<boost::system::result<T, E>> r;
        r.swap(result_);
        if (!r->has_value())
            return fail(r->error());
        return ready(std::optional<T>(std::move(**r)));
    }

private:
    detail::stream_optional<boost::system::result<T, E>> result_;
};

/// A stream of one value or one error (futures-rs's `stream::once`).
template <class T, class E>
once_stream<T, E> once(boost::system::result<T, E> r)
{
    return once_stream<T, E>(std::move(r));
}

} // namespace protokit::future

#endif

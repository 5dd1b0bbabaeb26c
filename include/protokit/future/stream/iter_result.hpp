// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_ITER_RESULT_HPP
#define PROTOKIT_FUTURE_STREAM_ITER_RESULT_HPP

#include <protokit/future/stream/iter_ok.hpp>

#include <boost/system/result.hpp>

#include <ranges>
#include <type_traits>
#include <utility>

namespace protokit::future {

/** The stream of `iter_result(range)`: for each `boost::system::result` of
    a range, its value as an item or its error as an error; then the end.

    An error does not end the stream: the elements after it follow.
*/
template <std::ranges::forward_range R>
class iter_result_stream : public stream_facade<iter_result_stream<R>> {
    using result_type = std::ranges::range_value_t<R>;

public:
    using item_type = typename result_type::value_type;
    using error_type = typename result_type::error_type;

    explicit iter_result_stream(R range) : inner_(std::move(range)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        auto r = inner_.poll_next();
        BOOST_ASSERT(r.is_ready());
        if (!r.value())
            return end_of_stream;
        result_type& element = *r.value();
        if (!element.has_value())
            return fail(element.error());
        return ready(std::optional<item_type>(std::move(*element)));
    }

private:
    iter_ok_stream<R, error_type> inner_;
};

/// A stream of the values and errors of a range of `boost::system::result`s (futures-rs's
/// `stream::iter_result`).
template <std::ranges::forward_range R>
requires std::move_constructible<std::remove_cvref_t<R>> iter_result_stream<std::remove_cvref_t<R>>
iter_result(R&& range)
{
    return iter_result_stream<std::remove_cvref_t<R>>(std::forward<R>(range));
}

} // namespace protokit::future

#endif

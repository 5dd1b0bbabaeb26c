// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FILTER_HPP
#define PROTOKIT_FUTURE_STREAM_FILTER_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/stream_facade.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `s.filter(pred)`: the items for which `pred(item const&)`
    is true; errors pass through.

    It polls the inner stream until an item passes, so an inner stream that
    is always ready keeps it busy as long as items are dropped.
*/
template <class S, class P>
class filter_stream : public stream_facade<filter_stream<S, P>> {
public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    filter_stream(S s, P pred) : inner_(std::move(s)), pred_(std::move(pred)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        for (;;) {
            PROTOKIT_TRY_READY(item, inner_.poll_next());
            if (!item)
                return end_of_stream;
            item_type const& value = *item;
            if (detail::invoke_unit(pred_, value))
                return ready(std::move(item));
        }
    }

private:
    S inner_;
    P pred_;
};

} // namespace protokit::future

#endif

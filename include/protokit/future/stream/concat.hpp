// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_CONCAT_HPP
#define PROTOKIT_FUTURE_STREAM_CONCAT_HPP

#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <iterator>
#include <optional>
#include <ranges>
#include <utility>

namespace protokit::future {

/** The future of `s.concat()`: the items appended together, once the stream ends.

    The item type is a container (`std::string`, `std::vector`, anything
    with `insert(end, first, last)`): the first item is kept and the
    elements of the next ones are moved onto its end. An empty stream yields
    an empty container (futures 0.1's `concat2`). The first error fails the
    future.
*/
template <class S>
class concat_future : public future_facade<concat_future<S>> {
public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    explicit concat_future(S s) : inner_(std::move(s)) {}

    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(!done_, "concat_future polled after completion");
        for (;;) {
            auto r = inner_.poll_next();
            if (r.is_not_ready())
                return not_ready;
            if (r.is_error()) {
                done_ = true;
                return fail(std::move(r).error());
            }
            if (!r.value()) {
                done_ = true;
                if (!acc_)
                    return ready(item_type{});
                return ready(std::move(*acc_));
            }
            item_type& item = *r.value();
            if (!acc_)
                acc_.emplace(std::move(item));
            else
                acc_->insert(acc_->end(), std::make_move_iterator(std::ranges::begin(item)),
                             std::make_move_iterator(std::ranges::end(item)));
        }
    }

private:
    S inner_;
    detail::stream_optional<item_type> acc_;
    bool done_ = false;
};

} // namespace protokit::future

#endif

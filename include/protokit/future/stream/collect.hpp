// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_COLLECT_HPP
#define PROTOKIT_FUTURE_STREAM_COLLECT_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <utility>
#include <vector>

namespace protokit::future {

/** The future of `s.collect()`: every item in a `std::vector`, once the
    stream ends.

    The first error fails the future; the items gathered so far are dropped.
*/
template <class S>
class collect_future : public future_facade<collect_future<S>> {
public:
    using item_type = std::vector<typename S::item_type>;
    using error_type = typename S::error_type;

    explicit collect_future(S s) : inner_(std::move(s)) {}

    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(!done_, "collect_future polled after completion");
        for (;;) {
            auto r = inner_.poll_next();
            if (r.is_not_ready())
                return not_ready;
            if (r.is_error()) {
                done_ = true;
                items_.clear();
                return fail(std::move(r).error());
            }
            if (!r.value()) {
                done_ = true;
                return ready(std::move(items_));
            }
            items_.push_back(std::move(*r.value()));
        }
    }

private:
    S inner_;
    item_type items_;
    bool done_ = false;
};

} // namespace protokit::future

#endif

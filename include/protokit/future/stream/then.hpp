// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_THEN_HPP
#define PROTOKIT_FUTURE_STREAM_THEN_HPP

#include <protokit/future/detail/invoke.hpp>
#include <protokit/future/detail/stream_lift.hpp>
#include <protokit/future/detail/stream_optional.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/system/result.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/** The stream of `s.then(g)`: for each item or error of `s`, given to `g`
    as a `boost::system::result`, the value or error of the future `g`
    returns.

    One future at a time: the next item of `s` is not taken until it is
    done.
*/
template <class S, class G>
class then_stream : public stream_facade<then_stream<S, G>> {
    using argument_type = boost::system::result<typename S::item_type, typename S::error_type>;
    using callback_result = detail::invoke_unit_result_t<G&, argument_type&&>;
    static_assert(detail::is_future_or_result_v<callback_result>,
                  "protokit: then's function must return a future or a boost::system::result");
    using future_type = detail::lifted_future_t<callback_result, typename S::error_type>;

public:
    using item_type = typename future_type::item_type;
    using error_type = typename future_type::error_type;

    then_stream(S s, G g) : inner_(std::move(s)), g_(std::move(g)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (!future_) {
            auto r = inner_.poll_next();
            if (r.is_not_ready())
                return not_ready;
            if (r.is_ready()) {
                if (!r.value())
                    return end_of_stream;
                start(argument_type(boost::system::in_place_value, std::move(*r.value())));
            } else {
                start(argument_type(boost::system::in_place_error, std::move(r).error()));
            }
        }
        auto f = future_->poll();
        if (f.is_not_ready())
            return not_ready;
        future_.reset();
        if (f.is_error())
            return fail(std::move(f).error());
        return ready(std::optional<item_type>(std::move(f).value()));
    }

private:
    void start(argument_type&& a)
    {
        future_.emplace(detail::lift_future<error_type>(detail::invoke_unit(g_, std::move(a))));
    }

    S inner_;
    G g_;
    detail::stream_optional<future_type> future_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_OK_HPP
#define PROTOKIT_FUTURE_OK_HPP

#include <protokit/future/future_facade.hpp>

#include <boost/system/result.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

/// A future that is ready at once, with a value or an error.
template <class T, class E>
class ready_future : public future_facade<ready_future<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    explicit ready_future(poll_result<T, E> r) : result_(std::move(r))
    {
        BOOST_ASSERT(!result_->is_not_ready());
    }

    poll_result<T, E> poll()
    {
        BOOST_ASSERT_MSG(result_.has_value(), "ready_future polled after completion");
        poll_result<T, E> r = std::move(*result_);
        result_.reset();
        return r;
    }

private:
    std::optional<poll_result<T, E>> result_;
};

/// A future ready with `value` (futures-rs's `future::ok`).
template <class E = error_code, class T>
ready_future<std::decay_t<T>, E> ok(T&& value)
{
    return ready_future<std::decay_t<T>, E>(ready(std::forward<T>(value)));
}

/// A future ready with `unit`.
template <class E = error_code>
ready_future<unit, E> ok()
{
    return ready_future<unit, E>(ready());
}

/// A future failed with `error` (futures-rs's `future::err`).
template <class T = unit, class E>
ready_future<T, std::decay_t<E>> err(E&& error)
{
    return ready_future<T, std::decay_t<E>>(fail(std::forward<E>(error)));
}

/// A future ready with the value or the error held by `r`.
template <class T, class E>
ready_future<T, E> result(boost::system::result<T, E> r)
{
    if (r.has_value())
        return ready_future<T, E>(ready(*std::move(r)));
    return ready_future<T, E>(fail(r.error()));
}

/// A future ready with `unit`, or with the error held by `r`.
template <class E>
ready_future<unit, E> result(boost::system::result<void, E> r)
{
    if (r.has_value())
        return ready_future<unit, E>(ready());
    return ready_future<unit, E>(fail(r.error()));
}

/// futures 0.1's older name of `ok`: a future ready with `value`.
template <class E = error_code, class T>
ready_future<std::decay_t<T>, E> finished(T&& value)
{
    return ok<E>(std::forward<T>(value));
}

/// futures 0.1's older name of `err`: a future failed with `error`.
template <class T = unit, class E>
ready_future<T, std::decay_t<E>> failed(E&& error)
{
    return err<T>(std::forward<E>(error));
}

/// futures 0.1's older name of `result`: a future ready with what `r` holds.
template <class T, class E>
ready_future<std::conditional_t<std::is_void_v<T>, unit, T>, E> done(boost::system::result<T, E> r)
{
    return result(std::move(r));
}

} // namespace protokit::future

#endif

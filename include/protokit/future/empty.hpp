// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_EMPTY_HPP
#define PROTOKIT_FUTURE_EMPTY_HPP

#include <protokit/future/future_facade.hpp>

namespace protokit::future {

/** A future that never completes (futures-rs's `future::empty`).

    It registers nothing: nothing would ever notify. It is the neutral
    element of `select`.
*/
template <class T, class E>
class empty_future : public future_facade<empty_future<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    empty_future() = default;

    poll_result<T, E> poll() noexcept { return not_ready; }
};

/// A future that never completes.
template <class T = unit, class E = error_code>
empty_future<T, E> empty() noexcept
{
    return {};
}

} // namespace protokit::future

#endif

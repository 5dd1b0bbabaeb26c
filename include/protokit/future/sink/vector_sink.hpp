// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_VECTOR_SINK_HPP
#define PROTOKIT_FUTURE_SINK_VECTOR_SINK_HPP

#include <protokit/error.hpp>
#include <protokit/future/sink_facade.hpp>

#include <utility>
#include <vector>

namespace protokit::future {

/** A Sink that appends every item to a `std::vector` it owns; always ready.

    futures-rs's `Vec<T>` sink: the end of a `send_all` in tests and a
    collector of results. After `close()`, `start_send` fails with
    `protokit::error::sink_closed`.
*/
template <class T>
class vector_sink : public sink_facade<vector_sink<T>> {
public:
    using sink_item_type = T;
    using sink_error_type = error_code;

    /// An empty sink.
    vector_sink() = default;

    /// A sink that appends to `items`.
    explicit vector_sink(std::vector<T> items) : items_(std::move(items)) {}

    /// Appends `item`; fails once the sink is closed.
    start_send_result<T, error_code> start_send(T item)
    {
        if (closed_)
            return fail(make_error_code(protokit::error::sink_closed));
        items_.push_back(std::move(item));
        return accepted;
    }

    /// Always ready: appended items need no flush.
    poll_result<unit, error_code> poll_complete() { return ready(); }

    /// Closes the sink; always ready.
    poll_result<unit, error_code> close()
    {
        closed_ = true;
        return ready();
    }

    /// True once `close()` was called.
    bool is_closed() const noexcept { return closed_; }

    /// The items received so far.
    std::vector<T>& items() & noexcept { return items_; }
    /// The items received so far.
    std::vector<T> const& items() const& noexcept { return items_; }
    /// The items received, moved out.
    std::vector<T> into_items() && noexcept { return std::move(items_); }

private:
    std::vector<T> items_;
    bool closed_ = false;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_BOXED_HPP
#define PROTOKIT_FUTURE_STREAM_BOXED_HPP

#include <protokit/future/detail/small_box.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <type_traits>
#include <utility>

namespace protokit::future {

namespace detail {

template <class T, class E>
struct stream_interface {
    virtual stream_poll_result<T, E> poll_next() = 0;

protected:
    ~stream_interface() = default;
};

template <class S>
struct stream_model final
    : boxable<stream_interface<typename S::item_type, typename S::error_type>> {
    using interface_type = stream_interface<typename S::item_type, typename S::error_type>;

    explicit stream_model(S s) : stream(std::move(s)) {}

    stream_poll_result<typename S::item_type, typename S::error_type> poll_next() override
    {
        return stream.poll_next();
    }

    boxable<interface_type>* move_into(void* to) noexcept override
    {
        return move_model_into(*this, to);
    }

    S stream;
};

} // namespace detail

/** A stream of `T` and `E` whose type is erased (futures 0.1's `BoxStream`).

    Made from any stream of the same item and error types, by
    `s.boxed()` or the constructor. The stream lives in a small buffer
    inside the handle when it fits (64 bytes, nothrow movable); otherwise
    it is allocated once, here. Each poll is one virtual call.
*/
template <class T, class E>
class boxed_stream : public stream_facade<boxed_stream<T, E>> {
    using interface_type = detail::stream_interface<T, E>;

public:
    using item_type = T;
    using error_type = E;

    /** Boxes `s`.

        The constraint rules out `boxed_stream` itself before it asks for
        `Stream`: that concept asks whether the type is movable, which for
        `boxed_stream` would ask this constructor again (clang recurses).
    */
    template <class S>
    requires(!std::same_as<S, boxed_stream> && Stream<S> &&
             std::same_as<typename S::item_type, T> &&
             std::same_as<typename S::error_type, E>) explicit boxed_stream(S s)
        : box_(detail::small_box<interface_type>::template make<detail::stream_model<S>>(
              std::move(s)))
    {
    }

    boxed_stream(boxed_stream&&) noexcept = default;
    boxed_stream& operator=(boxed_stream&&) noexcept = default;

    stream_poll_result<T, E> poll_next()
    {
        BOOST_ASSERT_MSG(box_, "boxed_stream used after it was moved from");
        return box_->poll_next();
    }

    /// True if the stream lives in the handle's own buffer (nothing was allocated).
    bool is_inline() const noexcept { return box_.is_inline(); }

private:
    detail::small_box<interface_type> box_;
};

} // namespace protokit::future

#endif

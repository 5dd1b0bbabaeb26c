// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_BOXED_HPP
#define PROTOKIT_FUTURE_BOXED_HPP

#include <protokit/future/detail/small_box.hpp>
#include <protokit/future/future_facade.hpp>

#include <concepts>
#include <cstddef>
#include <exception>
#include <type_traits>
#include <utility>

namespace protokit::future {

namespace detail {

template <class F, class T, class E>
concept has_poll_of = requires(F& f) {
    { f.poll() } -> std::same_as<poll_result<T, E>>;
};

template <class T, class E>
struct future_interface {
    virtual poll_result<T, E> poll() = 0;

protected:
    ~future_interface() = default;
};

template <class F, std::size_t Size>
class boxed_future_model final
    : public boxable<future_interface<typename F::item_type, typename F::error_type>> {
public:
    using interface_type = future_interface<typename F::item_type, typename F::error_type>;

    explicit boxed_future_model(F f) : future_(std::move(f)) {}

    poll_result<typename F::item_type, typename F::error_type> poll() override
    {
        return future_.poll();
    }

    boxable<interface_type>* move_into(void* to) noexcept override
    {
        // Only a model kept inline is ever moved; not instantiating the move
        // for the others keeps the compiler from seeing it overflow the buffer.
        if constexpr (small_box<interface_type, Size>::template fits<boxed_future_model>) {
            return move_model_into(*this, to);
        } else {
            static_cast<void>(to);
            BOOST_ASSERT_MSG(false, "a boxed future on the heap is never moved");
            std::terminate();
        }
    }

private:
    F future_;
};

} // namespace detail

/** A future of `T` (or error `E`) of any type, behind one type: futures-rs's `BoxFuture`.

    Move-only. A future of up to `inline_size` bytes (and nothrow movable)
    is kept in the handle itself, without allocating; a larger one is put
    on the heap. Each poll is one virtual call.
*/
template <class T, class E = error_code>
class boxed_future : public future_facade<boxed_future<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    /// The largest future kept without allocating, in bytes.
    static constexpr std::size_t inline_size = 64;

    /** Boxes `f`, a future with the same item and error types.

        The constraint checks `poll()` rather than the whole `Future`
        concept: checking that a combinator of a boxed future is movable
        would otherwise ask again whether it converts to a boxed future.
    */
    template <class F>
        requires(!std::same_as<std::remove_cvref_t<F>, boxed_future> &&
                 detail::has_poll_of<std::remove_cvref_t<F>, T, E>)
    boxed_future(F&& f)
        : box_(box_type::template make<model_type<std::remove_cvref_t<F>>>(std::forward<F>(f)))
    {
        static_assert(Future<std::remove_cvref_t<F>>);
    }

    boxed_future(boxed_future&&) noexcept = default;
    boxed_future& operator=(boxed_future&&) noexcept = default;

    poll_result<T, E> poll()
    {
        BOOST_ASSERT_MSG(box_, "boxed_future polled after being moved from");
        return box_->poll();
    }

    /// True if the boxed future lives in this handle, not on the heap.
    bool is_inline() const noexcept { return box_.is_inline(); }

private:
    using box_type = detail::small_box<detail::future_interface<T, E>, inline_size>;
    template <class F>
    using model_type = detail::boxed_future_model<F, inline_size>;

    box_type box_;
};

} // namespace protokit::future

#endif

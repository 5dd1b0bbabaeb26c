// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_EITHER_HPP
#define PROTOKIT_FUTURE_EITHER_HPP

#include <protokit/future/future_facade.hpp>

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <variant>

namespace protokit::future {

/** A future that is one of two futures with the same item and error types.

    futures-rs's `Either`: the type of a function whose branches return
    different futures. It converts implicitly from either (when they are of
    different types); `std::in_place_index<0>` or `<1>` picks the side
    otherwise.
*/
template <class A, class B>
class either : public future_facade<either<A, B>> {
    static_assert(std::same_as<typename A::item_type, typename B::item_type> &&
                      std::same_as<typename A::error_type, typename B::error_type>,
                  "protokit: both sides of an either must have the same item and error types");

public:
    using item_type = typename A::item_type;
    using error_type = typename A::error_type;

    /// The side of type `F`, `A` or `B`, when they are different types.
    template <class F>
        requires(!std::same_as<A, B> && (std::same_as<std::remove_cvref_t<F>, A> ||
                                         std::same_as<std::remove_cvref_t<F>, B>))
    either(F&& f)
        : v_(std::in_place_index<std::same_as<std::remove_cvref_t<F>, A> ? 0 : 1>,
             std::forward<F>(f))
    {
    }

    /// Side `I` (0 or 1), made from `args`.
    template <std::size_t I, class... Args>
    explicit either(std::in_place_index_t<I> side, Args&&... args)
        : v_(side, std::forward<Args>(args)...)
    {
    }

    /// 0 if this is the first side, 1 if the second.
    std::size_t index() const noexcept { return v_.index(); }

    /// The future of side `I`; this must be side `I`.
    template <std::size_t I>
    auto& get() noexcept
    {
        BOOST_ASSERT(v_.index() == I);
        return *std::get_if<I>(&v_);
    }

    poll_result<item_type, error_type> poll()
    {
        if (v_.index() == 0)
            return std::get_if<0>(&v_)->poll();
        return std::get_if<1>(&v_)->poll();
    }

private:
    std::variant<A, B> v_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SELECT_HPP
#define PROTOKIT_FUTURE_SELECT_HPP

#include <protokit/future/detail/range.hpp>
#include <protokit/future/either.hpp>
#include <protokit/future/future_facade.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace protokit::future {

/// The unfinished future of `a.select(b)`: `A` itself if `B` is `A`, else `either<A, B>`.
template <class A, class B>
using select_next_t = std::conditional_t<std::same_as<A, B>, A, either<A, B>>;

/** The future of `a.select(b)`: the outcome of whichever completes first.

    Both are polled, `a` first, at each poll. The value is
    `std::pair<item, select_next_t<A, B>>`, the error
    `std::pair<error, select_next_t<A, B>>`: the future that lost, still
    running, to be polled on or dropped.
*/
template <class A, class B>
class select_future : public future_facade<select_future<A, B>> {
    static_assert(std::same_as<typename A::item_type, typename B::item_type> &&
                      std::same_as<typename A::error_type, typename B::error_type>,
                  "protokit: select needs futures with the same item and error types; see select2");

public:
    /// The type of the unfinished future.
    using next_type = select_next_t<A, B>;
    using item_type = std::pair<typename A::item_type, next_type>;
    using error_type = std::pair<typename A::error_type, next_type>;

    select_future(A a, B b) : a_(std::move(a)), b_(std::move(b)) {}

    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(a_ && b_, "select_future polled after completion");
        auto ra = a_->poll();
        if (!ra.is_not_ready())
            return finish(std::move(ra), next<1>(std::move(*b_)));
        auto rb = b_->poll();
        if (!rb.is_not_ready())
            return finish(std::move(rb), next<0>(std::move(*a_)));
        return not_ready;
    }

private:
    template <std::size_t I, class F>
    static next_type next(F&& f)
    {
        if constexpr (std::same_as<A, B>)
            return std::move(f);
        else
            return next_type(std::in_place_index<I>, std::move(f));
    }

    poll_result<item_type, error_type>
    finish(poll_result<typename A::item_type, typename A::error_type>&& r, next_type other)
    {
        a_.reset();
        b_.reset();
        if (r.is_ready())
            return ready(item_type(std::move(r).value(), std::move(other)));
        return fail(error_type(std::move(r).error(), std::move(other)));
    }

    std::optional<A> a_;
    std::optional<B> b_;
};

/** The future of `a.select2(b)`: like `select`, for futures of different types.

    The value is `std::variant<std::pair<A's item, B>, std::pair<B's item, A>>`:
    index 0 when `a` won, with `b` still running; index 1 when `b` won. The
    error is the same shape with the error types.
*/
template <class A, class B>
class select2_future : public future_facade<select2_future<A, B>> {
public:
    using item_type =
        std::variant<std::pair<typename A::item_type, B>, std::pair<typename B::item_type, A>>;
    using error_type =
        std::variant<std::pair<typename A::error_type, B>, std::pair<typename B::error_type, A>>;

    select2_future(A a, B b) : a_(std::move(a)), b_(std::move(b)) {}

    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(a_ && b_, "select2_future polled after completion");
        auto ra = a_->poll();
        if (!ra.is_not_ready())
            return finish<0>(std::move(ra), b_);
        auto rb = b_->poll();
        if (!rb.is_not_ready())
            return finish<1>(std::move(rb), a_);
        return not_ready;
    }

private:
    template <std::size_t I, class R, class Other>
    poll_result<item_type, error_type> finish(R&& r, std::optional<Other>& other)
    {
        Other rest = std::move(*other);
        a_.reset();
        b_.reset();
        if (r.is_ready())
            return ready(item_type(std::in_place_index<I>, std::move(r).value(), std::move(rest)));
        return fail(error_type(std::in_place_index<I>, std::move(r).error(), std::move(rest)));
    }

    std::optional<A> a_;
    std::optional<B> b_;
};

/** The future of `select_all(futures)`: the first of several futures to complete.

    Each poll polls the futures in order until one completes. The value is
    `std::tuple<item, index, rest>`, the error `std::tuple<error, index, rest>`,
    where `rest` holds the other futures, in order, still running. The
    range must not be empty.
*/
template <class F>
class select_all_future : public future_facade<select_all_future<F>> {
public:
    using item_type = std::tuple<typename F::item_type, std::size_t, std::vector<F>>;
    using error_type = std::tuple<typename F::error_type, std::size_t, std::vector<F>>;

    explicit select_all_future(std::vector<F> futures) : futures_(std::move(futures))
    {
        BOOST_ASSERT_MSG(!futures_.empty(), "select_all of no future");
    }

    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(!futures_.empty(), "select_all_future polled after completion");
        for (std::size_t i = 0; i != futures_.size(); ++i) {
            auto r = futures_[i].poll();
            if (r.is_not_ready())
                continue;
            std::vector<F> rest = take_all_but(i);
            if (r.is_ready())
                return ready(item_type(std::move(r).value(), i, std::move(rest)));
            return fail(error_type(std::move(r).error(), i, std::move(rest)));
        }
        return not_ready;
    }

private:
    // Moves the futures out rather than erasing one: futures need not be assignable.
    std::vector<F> take_all_but(std::size_t skip)
    {
        std::vector<F> rest;
        rest.reserve(futures_.size() - 1);
        for (std::size_t i = 0; i != futures_.size(); ++i) {
            if (i != skip)
                rest.push_back(std::move(futures_[i]));
        }
        futures_.clear();
        return rest;
    }

    std::vector<F> futures_;
};

/// The first of `futures` to complete, with its index and the others (futures-rs's `select_all`).
template <detail::FutureRange R>
select_all_future<std::ranges::range_value_t<R>> select_all(R&& futures)
{
    using F = std::ranges::range_value_t<R>;
    return select_all_future<F>(detail::collect_futures<F>(
        std::forward<R>(futures), [](auto&& f) { return F(std::forward<decltype(f)>(f)); }));
}

/** The future of `select_ok(futures)`: the first success among several futures.

    Each poll polls the futures still running, in order. A future that fails
    is dropped; the first value completes it, with the futures still running
    (`std::pair<item, std::vector<F>>`). If every future fails, the error is
    the last one's. The range must not be empty.
*/
template <class F>
class select_ok_future : public future_facade<select_ok_future<F>> {
public:
    using item_type = std::pair<typename F::item_type, std::vector<F>>;
    using error_type = typename F::error_type;

    explicit select_ok_future(std::vector<std::optional<F>> futures)
        : futures_(std::move(futures)), running_(futures_.size())
    {
        BOOST_ASSERT_MSG(running_ != 0, "select_ok of no future");
    }

    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(running_ != 0, "select_ok_future polled after completion");
        for (auto& f : futures_) {
            if (!f)
                continue;
            auto r = f->poll();
            if (r.is_not_ready())
                continue;
            if (r.is_error()) {
                f.reset();
                if (--running_ == 0) {
                    futures_.clear();
                    return fail(std::move(r).error());
                }
                continue;
            }
            f.reset();
            std::vector<F> rest;
            rest.reserve(running_ - 1);
            for (auto& other : futures_) {
                if (other)
                    rest.push_back(std::move(*other));
            }
            futures_.clear();
            running_ = 0;
            return ready(item_type(std::move(r).value(), std::move(rest)));
        }
        return not_ready;
    }

private:
    std::vector<std::optional<F>> futures_;
    std::size_t running_;
};

/// The first of `futures` to succeed, with the others still running (futures-rs's `select_ok`).
template <detail::FutureRange R>
select_ok_future<std::ranges::range_value_t<R>> select_ok(R&& futures)
{
    using F = std::ranges::range_value_t<R>;
    return select_ok_future<F>(
        detail::collect_futures<std::optional<F>>(std::forward<R>(futures), [](auto&& f) {
            return std::optional<F>(std::in_place, std::forward<decltype(f)>(f));
        }));
}

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_JOIN_HPP
#define PROTOKIT_FUTURE_JOIN_HPP

#include <protokit/future/detail/range.hpp>
#include <protokit/future/future_facade.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace protokit::future {

namespace detail {

/// One member of a join: its future while it runs, then its value; empty once dropped.
template <class F>
using join_slot = std::variant<F, typename F::item_type, std::monostate>;

template <class F, class... Fs>
inline constexpr bool same_errors_v =
    (std::same_as<typename F::error_type, typename Fs::error_type> && ...);

} // namespace detail

/** The future of `a.join(b, ...)`: the values of two to five futures, as a tuple.

    Each poll polls every member still running, in order. The first error
    completes the join at once: the members still running are dropped
    (and their values thrown away) without being polled again.
*/
template <class... Fs>
class join_future : public future_facade<join_future<Fs...>> {
    static_assert(sizeof...(Fs) >= 2 && sizeof...(Fs) <= 5, "protokit: join takes 2 to 5 futures");
    static_assert(detail::same_errors_v<Fs...>,
                  "protokit: joined futures must have one error type");

public:
    using item_type = std::tuple<typename Fs::item_type...>;
    using error_type = typename std::tuple_element_t<0, std::tuple<Fs...>>::error_type;

    explicit join_future(Fs... fs)
        : slots_(detail::join_slot<Fs>(std::in_place_index<0>, std::move(fs))...)
    {
    }

    poll_result<item_type, error_type> poll() { return poll_all(std::index_sequence_for<Fs...>{}); }

private:
    template <std::size_t... I>
    poll_result<item_type, error_type> poll_all(std::index_sequence<I...>)
    {
        std::optional<error_type> error;
        bool done = true;
        // Stops at the first error: later members are not polled.
        static_cast<void>((poll_one<I>(done, error) && ...));
        if (error) {
            (std::get<I>(slots_).template emplace<2>(), ...);
            return fail(std::move(*error));
        }
        if (!done)
            return not_ready;
        return ready(item_type(std::get<1>(std::move(std::get<I>(slots_)))...));
    }

    template <std::size_t I>
    bool poll_one(bool& done, std::optional<error_type>& error)
    {
        auto& slot = std::get<I>(slots_);
        if (slot.index() != 0) {
            BOOST_ASSERT_MSG(slot.index() == 1, "join_future polled after completion");
            return true;
        }
        auto r = std::get<0>(slot).poll();
        if (r.is_ready()) {
            slot.template emplace<1>(std::move(r).value());
        } else if (r.is_error()) {
            error.emplace(std::move(r).error());
            return false;
        } else {
            done = false;
        }
        return true;
    }

    std::tuple<detail::join_slot<Fs>...> slots_;
};

/** The future of `join_all(futures)`: the values of all, in order, as a vector.

    Each poll polls every future still running. The first error completes
    it at once: the others are dropped. An empty range is ready at once.
*/
template <class F>
class join_all_future : public future_facade<join_all_future<F>> {
    using slot = std::variant<F, typename F::item_type>;

public:
    using item_type = std::vector<typename F::item_type>;
    using error_type = typename F::error_type;

    explicit join_all_future(std::vector<slot> slots) : slots_(std::move(slots)) {}

    poll_result<item_type, error_type> poll()
    {
        bool done = true;
        for (auto& s : slots_) {
            if (s.index() != 0)
                continue;
            auto r = std::get<0>(s).poll();
            if (r.is_ready()) {
                s.template emplace<1>(std::move(r).value());
            } else if (r.is_error()) {
                slots_.clear();
                return fail(std::move(r).error());
            } else {
                done = false;
            }
        }
        if (!done)
            return not_ready;
        item_type values;
        values.reserve(slots_.size());
        for (auto& s : slots_)
            values.push_back(std::get<1>(std::move(s)));
        slots_.clear();
        return ready(std::move(values));
    }

private:
    std::vector<slot> slots_;
};

/// A future of the values of every future of `futures`, in order (futures-rs's `join_all`).
template <detail::FutureRange R>
join_all_future<std::ranges::range_value_t<R>> join_all(R&& futures)
{
    using F = std::ranges::range_value_t<R>;
    using slot = std::variant<F, typename F::item_type>;
    return join_all_future<F>(detail::collect_futures<slot>(std::forward<R>(futures), [](auto&& f) {
        return slot(std::in_place_index<0>, std::forward<decltype(f)>(f));
    }));
}

} // namespace protokit::future

#endif

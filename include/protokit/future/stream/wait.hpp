// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_WAIT_HPP
#define PROTOKIT_FUTURE_STREAM_WAIT_HPP

#include <protokit/future/executor.hpp>
#include <protokit/future/stream_facade.hpp>

#include <boost/system/result.hpp>

#include <cstddef>
#include <iterator>
#include <optional>
#include <utility>

namespace protokit::future {

/** The blocking iterator of `s.wait()`: each item (or error) of `s`, waited for on this thread.

    futures-rs's `stream::Wait`. `next()` blocks this thread until `s` yields,
    and returns the item or the error as a `boost::system::result`, or
    nothing once `s` has ended. It is also an input range:
    `for (auto r : std::move(s).wait()) ...`. Never use it on a reactor's
    thread: the reactor would stop while the thread waits, and nothing
    would wake it.
*/
template <class S>
class wait_stream {
public:
    /// What each step yields: an item or an error.
    using value_type = boost::system::result<typename S::item_type, typename S::error_type>;

    /// Blocks this thread on `s`'s items.
    explicit wait_stream(S s) : stream_(std::move(s)), parker_(new detail::thread_notify) {}

    /// The next item or error, waited for; nothing once the stream has ended.
    std::optional<value_type> next()
    {
        if (done_)
            return std::nullopt;
        task const t(parker_, 0);
        for (;;) {
            {
                task_scope scope(t);
                auto r = stream_.poll_next();
                if (r.is_error())
                    return value_type(boost::system::in_place_error, std::move(r).error());
                if (r.is_ready()) {
                    if (!r.value()) {
                        done_ = true;
                        return std::nullopt;
                    }
                    return value_type(boost::system::in_place_value, std::move(*r.value()));
                }
            }
            parker_->park();
        }
    }

    /// An input iterator over the steps; incrementing it waits for the next.
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = wait_stream::value_type;
        using difference_type = std::ptrdiff_t;

        iterator() = default;

        value_type& operator*() const noexcept { return *owner_->current_; }
        value_type* operator->() const noexcept { return &*owner_->current_; }

        iterator& operator++()
        {
            owner_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }

        friend bool operator==(iterator const& i, std::default_sentinel_t) noexcept
        {
            return i.at_end();
        }

    private:
        friend class wait_stream;
        explicit iterator(wait_stream* owner) noexcept : owner_(owner) {}

        bool at_end() const noexcept { return !owner_ || !owner_->current_; }

        wait_stream* owner_ = nullptr;
    };

    /// Waits for the first step.
    iterator begin()
    {
        advance();
        return iterator(this);
    }

    /// The end of the steps.
    std::default_sentinel_t end() const noexcept { return {}; }

    /// The stream, given back.
    S into_inner() && { return std::move(stream_); }

private:
    void advance() { current_ = next(); }

    S stream_;
    boost::intrusive_ptr<detail::thread_notify> parker_;
    std::optional<value_type> current_;
    bool done_ = false;
};

} // namespace protokit::future

#endif

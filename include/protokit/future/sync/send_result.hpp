// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SYNC_SEND_RESULT_HPP
#define PROTOKIT_FUTURE_SYNC_SEND_RESULT_HPP

#include <protokit/error.hpp>
#include <protokit/future/poll.hpp>

#include <boost/assert.hpp>
#include <boost/system/errc.hpp>

#include <optional>
#include <utility>

namespace protokit::future::sync {

/** The outcome of a send that does not wait: sent, or the item handed back.

    Returned by `oneshot::sender::send`, `mpsc::sender::try_send` and
    `mpsc::unbounded_sender::unbounded_send` (in `sync` and `unsync`). It
    converts to `true` when the item was sent. Otherwise it owns the item
    again, and says why it was refused: the channel is full
    (`is_full()`, error `errc::resource_unavailable_try_again`) or the
    receiving side is gone or closed (`is_disconnected()`, error
    `protokit::error::channel_closed`). Unlike `boost::system::result`, it
    works with move-only items.
*/
template <class T>
class send_result {
public:
    /// The item was sent.
    send_result() noexcept = default;

    /// The item was refused for the reason `ec`; it is handed back.
    send_result(error_code ec, T item) : ec_(ec), item_(std::in_place, std::move(item))
    {
        BOOST_ASSERT(ec_);
    }

    /// A refusal because the channel is full.
    static send_result full(T item)
    {
        return {make_error_code(boost::system::errc::resource_unavailable_try_again),
                std::move(item)};
    }

    /// A refusal because the receiving side is gone or closed.
    static send_result disconnected(T item)
    {
        return {make_error_code(protokit::error::channel_closed), std::move(item)};
    }

    /// True if the item was sent.
    bool is_sent() const noexcept { return !ec_; }
    explicit operator bool() const noexcept { return is_sent(); }

    /// True if the channel had no room for the item; it may have room later.
    bool is_full() const noexcept
    {
        return ec_ == boost::system::errc::resource_unavailable_try_again;
    }

    /// True if the receiving side is gone or closed: no send will ever succeed.
    bool is_disconnected() const noexcept { return ec_ == protokit::error::channel_closed; }

    /// Why the item was refused; empty if it was sent.
    error_code error() const noexcept { return ec_; }

    /// The refused item.
    T& item() &
    {
        BOOST_ASSERT(item_);
        return *item_;
    }
    /// The refused item.
    T&& item() && { return std::move(item()); }

private:
    error_code ec_;
    std::optional<T> item_;
};

/** The error of a channel sender used as a Sink: why it failed, with the item handed back.

    futures-rs's `SendError<T>`. `start_send` on a closed channel fails
    with it, holding the refused item (`item()`, `into_item()`), so that
    nothing sent is lost silently. It converts to its `error_code` (as
    `from_err` needs), and an `error_code` converts to it explicitly (an
    error that holds no item: a stream's error in `send_all`, say).
*/
template <class T>
class send_error {
public:
    /// The error `ec`, with the refused item.
    send_error(error_code ec, T item) : ec_(ec), item_(std::in_place, std::move(item)) {}

    /// The error `ec`, with no item.
    explicit send_error(error_code ec) noexcept : ec_(ec) {}

    /// Why the send failed.
    error_code code() const noexcept { return ec_; }

    /// The error as an `error_code` (the item, if any, stays here).
    operator error_code() const noexcept { return ec_; }

    /// True if the error holds the refused item.
    bool has_item() const noexcept { return item_.has_value(); }

    /// The refused item.
    T& item() &
    {
        BOOST_ASSERT(item_);
        return *item_;
    }
    /// The refused item.
    T const& item() const&
    {
        BOOST_ASSERT(item_);
        return *item_;
    }
    /// The refused item, moved out.
    T into_item() &&
    {
        BOOST_ASSERT(item_);
        return std::move(*item_);
    }

    /// True if the error is `ec` (the item is not compared).
    friend bool operator==(send_error const& e, error_code const& ec) noexcept
    {
        return e.ec_ == ec;
    }

private:
    error_code ec_;
    std::optional<T> item_;
};

} // namespace protokit::future::sync

#endif

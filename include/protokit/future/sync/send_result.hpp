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

} // namespace protokit::future::sync

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_CLIENT_SIDE_HPP
#define PROTOKIT_PROTO_DETAIL_CLIENT_SIDE_HPP

#include <protokit/error.hpp>
#include <protokit/future/poll.hpp>
#include <protokit/proto/detail/client_state.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::proto::detail {

/** The client side of a connection: calls queued in slots go out, responses find their slot.

    A `Dispatch` for `connection_engine`. The ordering comes with the
    state's id type: without one (pipeline) a response belongs to the
    oldest request written; with one (multiplex) each request carries the
    id of its slot and a response names it. A response no call waits for,
    a read error or the end of the responses ends the connection at once,
    and every pending call fails with that reason. Once no client handle
    and no response future is left, the connection closes: it never
    outlives its users.
*/
template <class State>
class client_side {
    using request_type = typename State::request_type;
    using response_type = typename State::response_type;
    using id_type = typename State::id_type;

public:
    using in_frame =
        std::conditional_t<State::ordered, response_type, std::pair<id_type, response_type>>;
    using out_frame =
        std::conditional_t<State::ordered, request_type, std::pair<id_type, request_type>>;
    /// Responses are read whatever is waiting to be written: they only ever free slots.
    static constexpr bool reads_wait_for_writes = false;

    explicit client_side(boost::intrusive_ptr<State> state) : state_(std::move(state)) {}

    /// Registers the connection's task, woken by new calls and by dropped handles.
    void begin_poll() { state_->register_connection(); }
    void end_poll() noexcept {}

    /// The oldest queued request, framed with its id if the ordering uses ids.
    future::poll_result<out_frame> poll_write()
    {
        auto i = state_->next_to_write();
        if (!i)
            return future::not_ready;
        writing_ = *i;
        if constexpr (State::ordered)
            return future::ready(state_->take_request(*i));
        else
            return future::ready(out_frame(state_->id_of(*i), state_->take_request(*i)));
    }

    /// Puts the request back in its slot: a caller may still withdraw it.
    void refused(out_frame&& frame)
    {
        if constexpr (State::ordered)
            state_->restore_request(writing_, std::move(frame));
        else
            state_->restore_request(writing_, std::move(frame.second));
    }

    void written() { state_->mark_written(); }

    static bool reading() noexcept { return true; }
    static future::poll_result<future::unit> poll_read(std::size_t = 0) noexcept
    {
        return future::ready();
    }

    /// Hands a response to its call; one that matches none is a protocol error.
    future::error_code read(in_frame&& frame)
    {
        if constexpr (State::ordered) {
            auto i = state_->match_next();
            if (!i)
                return make_error_code(error::unexpected_response);
            state_->complete(*i, std::move(frame));
        } else {
            auto i = state_->match_id(frame.first);
            if (!i)
                return make_error_code(error::unexpected_response);
            state_->complete(*i, std::move(frame.second));
        }
        return {};
    }

    /// The peer failed the call of `id` (a multiplexed error frame); an id no call has is a
    /// protocol error.
    template <class I = id_type>
    future::error_code read_error(I id, future::error_code ec) requires(!State::ordered)
    {
        auto i = state_->match_id(id);
        if (!i)
            return make_error_code(error::unexpected_response);
        state_->fail_one(*i, ec);
        return {};
    }

    static bool read_ended(future::error_code const&) noexcept { return false; }

    bool done(bool) const noexcept { return abandoned_ || state_->idle(); }

    /// Fails every pending call (the connection is closing after an error); nothing is left to do.
    void abandon(future::error_code const& ec)
    {
        state_->fail_all(ec);
        abandoned_ = true;
    }

    /// Every pending and later call fails: with `ec`, or `connection_closed` after a clean end.
    void end(future::error_code const& ec)
    {
        if (!state_)
            return;
        state_->fail_all(ec ? ec : make_error_code(error::connection_closed));
        state_.reset();
    }

private:
    boost::intrusive_ptr<State> state_;
    typename State::index writing_ = 0;
    bool abandoned_ = false;
};

} // namespace protokit::proto::detail

#endif

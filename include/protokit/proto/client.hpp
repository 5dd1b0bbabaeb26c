// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_CLIENT_HPP
#define PROTOKIT_PROTO_CLIENT_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/proto/detail/client_state.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <cstdint>
#include <optional>
#include <utility>

namespace protokit::proto {

/** The future of one client call: the response, or why there is none.

    Fails with the connection's error when the connection ends first
    (`error::connection_closed` on EOF, the transport's error otherwise), or
    with `error::limit_reached` when the call was made while `max_in_flight`
    calls were pending (see `basic_client::poll_ready`). Dropping it before
    the request is written withdraws the request; after, the response is
    discarded when it arrives.
*/
template <class Request, class Response, class Id>
class client_response : public future::future_facade<client_response<Request, Response, Id>> {
    using state_type = detail::client_state<Request, Response, Id>;

public:
    using item_type = Response;
    using error_type = future::error_code;

    client_response(boost::intrusive_ptr<state_type> state, typename state_type::index slot,
                    future::error_code refused)
        : state_(std::move(state)), slot_(slot), refused_(refused)
    {
        if (refused_)
            state_.reset();
    }

    client_response(client_response&& other) noexcept
        : state_(std::move(other.state_)), slot_(other.slot_), refused_(other.refused_)
    {
    }

    client_response& operator=(client_response&&) = delete;

    ~client_response()
    {
        if (state_)
            state_->abandon(slot_);
    }

    future::poll_result<Response> poll()
    {
        if (refused_)
            return future::fail(std::exchange(refused_, make_error_code(error::canceled)));
        BOOST_ASSERT_MSG(state_, "client_response polled after completion");
        auto r = state_->poll_response(slot_);
        if (!r.is_not_ready())
            state_.reset();
        return r;
    }

private:
    boost::intrusive_ptr<state_type> state_;
    typename state_type::index slot_;
    future::error_code refused_;
};

/** The client side of one connection, as a Service: `call(request)` -> response future.

    Cheap to copy; every copy calls the same connection. When the last copy
    is dropped and no response future is left, the connection closes. Use it
    on the connection's reactor thread (`util::client_proxy` reaches it from
    others). At most `max_in_flight` calls are pending at once: `poll_ready()`
    says when another may be made (registering the task otherwise), and a
    call made anyway fails with `error::limit_reached`. `Id` is the request
    id type of a multiplexed connection, void for a pipelined one.
*/
template <class Request, class Response, class Id = void>
class basic_client {
    using state_type = detail::client_state<Request, Response, Id>;

public:
    using request_type = Request;
    using response_type = Response;
    using error_type = future::error_code;
    using future_type = client_response<Request, Response, Id>;

    /// Takes a handle on a connection's shared state.
    explicit basic_client(boost::intrusive_ptr<state_type> state) : state_(std::move(state))
    {
        state_->add_handle();
    }

    basic_client(basic_client const& other) : state_(other.state_) { state_->add_handle(); }
    basic_client(basic_client&& other) noexcept : state_(std::move(other.state_)) {}

    basic_client& operator=(basic_client other) noexcept
    {
        std::swap(state_, other.state_);
        return *this;
    }

    ~basic_client()
    {
        if (state_)
            state_->remove_handle();
    }

    /// Ready when a call can be made now; fails once the connection is over.
    future::poll_result<future::unit> poll_ready() { return state_->poll_ready(); }

    /// Sends `request`; the future yields its response.
    future_type call(Request request)
    {
        auto [slot, refused] = state_->enqueue(std::move(request));
        return future_type(state_, slot, refused);
    }

private:
    boost::intrusive_ptr<state_type> state_;
};

} // namespace protokit::proto

#endif

#ifndef PROTOKIT_PROTO_DETAIL_CLIENT_DISPATCH_HPP
#define PROTOKIT_PROTO_DETAIL_CLIENT_DISPATCH_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/proto/detail/client_state.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <optional>
#include <utility>
#include <variant>

namespace protokit::proto::detail {

/// How a pipelined client frames requests and matches responses: in write order.
struct pipeline_client_policy {
    template <class State, class Request>
    static Request frame(State&, typename State::index, Request&& request)
    {
        return std::move(request);
    }

    template <class Request>
    static Request&& unframe(Request&& request)
    {
        return std::move(request);
    }

    template <class State, class Response>
    static std::optional<typename State::index> match(State& state, Response const&)
    {
        return state.match_next();
    }

    template <class Response>
    static Response&& response(Response&& frame)
    {
        return std::move(frame);
    }
};

/// How a multiplexed client frames requests and matches responses: by the id it assigned.
struct multiplex_client_policy {
    template <class State, class Request>
    static auto frame(State& state, typename State::index i, Request&& request)
    {
        return std::pair(state.id_of(i), std::move(request));
    }

    template <class Id, class Request>
    static Request&& unframe(std::pair<Id, Request>&& frame)
    {
        return std::move(frame.second);
    }

    template <class State, class Id, class Response>
    static std::optional<typename State::index> match(State& state, std::pair<Id, Response> const& frame)
    {
        return state.match_id(frame.first);
    }

    template <class Id, class Response>
    static Response&& response(std::pair<Id, Response>&& frame)
    {
        return std::move(frame.second);
    }
};

/** The task that drives one client connection.

    Writes queued requests while the transport accepts them, flushes, and
    reads every response that has arrived, handing each to its call. A
    transport error, EOF or a response that matches no pending call ends the
    connection, and every pending call fails with that reason. Once no
    client handle and no response future is left, it closes the transport
    and ends: the connection never outlives its users.
*/
template <class BindFuture, class State, class Policy>
class client_dispatch : public future::future_facade<client_dispatch<BindFuture, State, Policy>> {
    using transport_type = typename BindFuture::item_type;

public:
    using item_type = future::unit;
    using error_type = future::error_code;

    client_dispatch(BindFuture bind, boost::intrusive_ptr<State> state)
        : transport_(std::in_place_index<0>, std::move(bind)), state_(std::move(state))
    {
    }

    client_dispatch(client_dispatch&&) = default;

    ~client_dispatch()
    {
        if (state_)
            state_->fail_all(make_error_code(error::connection_closed));
    }

    future::poll_result<future::unit> poll()
    {
        state_->register_connection();
        if (transport_.index() == 0) {
            auto bound = std::get<0>(transport_).poll();
            if (bound.is_error())
                return end(std::move(bound).error());
            if (bound.is_not_ready())
                return future::not_ready;
            transport_.template emplace<1>(std::move(bound).value());
        }
        auto& transport = std::get<1>(transport_);

        for (;;) {
            bool progress = false;
            while (auto i = state_->next_to_write()) {
                auto sent = transport.start_send(Policy::frame(*state_, *i, state_->take_request(*i)));
                if (sent.is_error())
                    return end(std::move(sent).error());
                if (sent.is_not_ready()) {
                    state_->restore_request(*i, Policy::unframe(std::move(sent).item()));
                    break;
                }
                state_->mark_written();
                unflushed_ = true;
                progress = true;
            }
            if (unflushed_) {
                auto flushed = transport.poll_complete();
                if (flushed.is_error())
                    return end(std::move(flushed).error());
                if (flushed.is_ready())
                    unflushed_ = false;
            }
            for (;;) {
                auto frame = transport.poll_next();
                if (frame.is_not_ready())
                    break;
                if (frame.is_error())
                    return end(std::move(frame).error());
                if (!frame.value())
                    return end(make_error_code(error::connection_closed));
                auto i = Policy::match(*state_, *frame.value());
                if (!i)
                    return end(make_error_code(error::unexpected_response));
                state_->complete(*i, Policy::response(std::move(*frame.value())));
                progress = true;
            }
            if (!progress)
                break;
        }

        if (!state_->idle() || unflushed_)
            return future::not_ready;
        auto closed = transport.close();
        if (!closed.is_ready())
            return std::move(closed).template propagate<future::unit>();
        state_->fail_all(make_error_code(error::connection_closed));
        state_.reset();
        return future::ready();
    }

private:
    /// Ends the connection: pending and future calls fail with `ec`.
    future::poll_result<future::unit> end(future::error_code ec)
    {
        state_->fail_all(ec);
        state_.reset();
        if (ec == error::connection_closed)
            return future::ready();
        return future::fail(ec);
    }

    std::variant<BindFuture, transport_type> transport_;
    boost::intrusive_ptr<State> state_;
    bool unflushed_ = false;
};

} // namespace protokit::proto::detail

#endif

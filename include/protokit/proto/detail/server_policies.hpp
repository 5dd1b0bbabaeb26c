// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_SERVER_POLICIES_HPP
#define PROTOKIT_PROTO_DETAIL_SERVER_POLICIES_HPP

#include <protokit/error.hpp>
#include <protokit/future/detail/ring_buffer.hpp>
#include <protokit/future/stream/futures_ordered.hpp>
#include <protokit/future/stream/futures_unordered.hpp>
#include <protokit/future/task.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/proto/protocol.hpp>
#include <protokit/service/service.hpp>

#include <boost/system/result.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace protokit::proto::detail {

/// The response a protocol gives for a service error, if it defines one.
template <class Proto, class E>
std::optional<typename Proto::response_type> error_response(Proto const& proto, E const& e)
{
    if constexpr (requires { proto.error_response(e); })
        return proto.error_response(e);
    else
        return std::nullopt;
}

/// Polls `f` once under the no-op task: a look at whether it is ready at once.
template <class F>
auto first_poll(F& f)
{
    future::task_scope scope(future::noop_task());
    return f.poll();
}

/** A call's future whose error is a value, so that an ordered set keeps it in its place.

    Yields `std::variant<T, E, std::exception_ptr>`: index 0 the response,
    index 1 the error, index 2 an exception the call threw (or its service,
    when it was made: see `pipeline_server_policy::start`).
*/
template <class F>
class settled_call : public future::future_facade<settled_call<F>> {
public:
    using item_type =
        std::variant<typename F::item_type, typename F::error_type, std::exception_ptr>;
    using error_type = future::error_code;

    explicit settled_call(F f) : inner_(std::move(f)) {}

    future::poll_result<item_type> poll()
    {
        try {
            auto r = inner_.poll();
            if (r.is_ready())
                return future::ready(item_type(std::in_place_index<0>, std::move(r).value()));
            if (r.is_not_ready())
                return future::not_ready;
            return future::ready(item_type(std::in_place_index<1>, std::move(r).error()));
        } catch (...) {
            return future::ready(item_type(std::in_place_index<2>, std::current_exception()));
        }
    }

private:
    F inner_;
};

/** How a pipelined server keeps responses in flight: in request order.

    Each call's future is polled only when it was notified (the ordered
    set gives every member its own task id); the head of the order is
    written as soon as it is ready, the ones behind it wait their turn.
    Responses that are ready when their call is made, with no call still
    pending ahead of them (a computed answer: the common case), skip the
    set: they wait in a plain queue of responses, which leaves first.
*/
template <class Proto, class Service>
class pipeline_server_policy {
    using inner_future = service::call_future_t<Service>;
    using call_future = settled_call<inner_future>;
    using outcome = typename call_future::item_type;

public:
    using request_frame = typename Proto::request_type;
    using response_frame = typename Proto::response_type;

    explicit pipeline_server_policy(Proto proto,
                                    std::size_t /* max_in_flight: the queues grow to it */ = 0)
        : proto_(std::move(proto))
    {
    }

    bool empty() const noexcept { return ready_.empty() && in_flight_.empty(); }
    std::size_t size() const noexcept { return ready_.size() + in_flight_.size(); }

    /** Starts the call for one request.

        The call is polled once at once under the no-op task. A call that is
        ready then, with nothing pending ahead of it, has its response
        queued as it is; any other keeps its place in the ordered set, which
        polls a pending one again under its own task, and from then on only
        when it is notified. A service that throws instead of returning a
        call, or a call that throws, has the exception take the call's place
        in the order.
    */
    future::error_code start(Service& service, request_frame&& request)
    {
        try {
            inner_future call(service.call(std::move(request)));
            auto first = first_poll(call);
            if (first.is_not_ready())
                in_flight_.push(call_future(std::move(call)));
            else if (!first.is_ready())
                in_flight_.push_ready(outcome(std::in_place_index<1>, std::move(first).error()));
            else if (in_flight_.empty())
                ready_.emplace_back(std::move(first).value());
            else
                in_flight_.push_ready(outcome(std::in_place_index<0>, std::move(first).value()));
        } catch (...) {
            in_flight_.push_ready(outcome(std::in_place_index<2>, std::current_exception()));
        }
        return {};
    }

    /** The next response in request order, or the error that ends the connection.

        A service error takes its request's place in the order: the
        responses before it are written first. So does an exception, which
        ends the connection with `error::exception` (`take_exception` gives
        it to the server, which reports what it says).
    */
    future::poll_result<response_frame> poll_next()
    {
        // Every queued response was made before anything still in the set.
        if (!ready_.empty())
            return future::ready(ready_.pop_front());
        auto done = in_flight_.poll_next();
        if (done.is_not_ready())
            return future::not_ready;
        BOOST_ASSERT(done.is_ready() && done.value());
        auto& result = *done.value();
        if (result.index() == 0)
            return future::ready(std::move(std::get<0>(result)));
        if (result.index() == 2) {
            exception_ = std::get<2>(std::move(result));
            return future::fail(make_error_code(error::exception));
        }
        if (auto response = error_response(proto_, std::get<1>(result)))
            return future::ready(std::move(*response));
        return future::fail(service::to_error_code(std::get<1>(result)));
    }

    /// The exception that ended the connection, once (null if none did).
    std::exception_ptr take_exception() noexcept { return std::exchange(exception_, nullptr); }

    /// Drops every call in flight.
    void clear()
    {
        ready_.clear();
        in_flight_ = {};
    }

private:
    Proto proto_;
    future::detail::ring_buffer<response_frame> ready_;
    future::futures_ordered<call_future> in_flight_;
    std::exception_ptr exception_;
};

/// A call's future tagged with its request id: both its value and its error carry the id.
template <class Id, class F>
class tagged_call : public future::future_facade<tagged_call<Id, F>> {
public:
    using item_type = std::pair<Id, typename F::item_type>;
    using error_type = std::pair<Id, typename F::error_type>;

    tagged_call(Id id, F f) : id_(std::move(id)), inner_(std::move(f)) {}

    future::poll_result<item_type, error_type> poll()
    {
        auto r = inner_.poll();
        if (r.is_ready())
            return future::ready(item_type(id_, std::move(r).value()));
        if (r.is_not_ready())
            return future::not_ready;
        return future::fail(error_type(id_, std::move(r).error()));
    }

private:
    Id id_;
    F inner_;
};

/** How a multiplexed server keeps responses in flight: by request id.

    Responses leave in the order they complete. A request whose id is
    already in flight is a protocol error that ends the connection (the
    service is not called for it). As in the pipeline policy, a call is
    polled once under the no-op task when it starts: one ready then waits
    in a ring of early completions, which leave first, without a task of
    its own.
*/
template <class Proto, class Service, bool ErrorsAsFrames = false>
class multiplex_server_policy {
    using id_type = request_id_t<Proto>;
    using call_future = tagged_call<id_type, service::call_future_t<Service>>;
    using outcome =
        future::poll_result<typename call_future::item_type, typename call_future::error_type>;

public:
    using request_frame = std::pair<id_type, typename Proto::request_type>;
    /// With `ErrorsAsFrames` a service error the protocol has no response for is answered for its
    /// id alone.
    using response_frame =
        std::pair<id_type, std::conditional_t<ErrorsAsFrames,
                                              boost::system::result<typename Proto::response_type>,
                                              typename Proto::response_type>>;

    multiplex_server_policy(Proto proto, std::size_t max_in_flight)
        : proto_(std::move(proto)), early_(max_in_flight)
    {
        live_.reserve(max_in_flight);
    }

    bool empty() const noexcept { return size() == 0; }
    std::size_t size() const noexcept { return in_flight_.size() + early_.size(); }

    /// Starts the call for one request, unless its id is already in flight.
    future::error_code start(Service& service, request_frame&& frame)
    {
        if (!live_.insert(frame.first).second)
            return make_error_code(error::duplicate_request_id);
        call_future call(frame.first, service.call(std::move(frame.second)));
        auto first = first_poll(call);
        if (first.is_not_ready()) {
            in_flight_.push(std::move(call));
            return {};
        }
        early_.push_back(std::move(first));
        return {};
    }

    /// The next completed response, or the error that ends the connection.
    future::poll_result<response_frame> poll_next()
    {
        if (!early_.empty())
            return finish(early_.pop_front());
        auto done = in_flight_.poll_next();
        if (done.is_not_ready())
            return future::not_ready;
        if (done.is_ready())
            return finish(future::ready(std::move(*done.value())));
        return finish(future::fail(std::move(done).error()));
    }

    /// Drops every call in flight.
    void clear()
    {
        in_flight_ = {};
        early_.clear();
        live_.clear();
    }

private:
    /// The response frame of a finished call, or the error that ends the connection.
    future::poll_result<response_frame> finish(outcome done)
    {
        if (done.is_ready()) {
            auto frame = std::move(done).value();
            live_.erase(frame.first);
            return future::ready(response_frame(std::move(frame.first), std::move(frame.second)));
        }
        auto [id, e] = std::move(done).error();
        live_.erase(id);
        if (auto response = error_response(proto_, e))
            return future::ready(response_frame(std::move(id), std::move(*response)));
        if constexpr (ErrorsAsFrames)
            return future::ready(response_frame(std::move(id), service::to_error_code(e)));
        else
            return future::fail(service::to_error_code(e));
    }

    Proto proto_;
    future::futures_unordered<call_future> in_flight_;
    future::detail::ring_buffer<outcome> early_;
    boost::unordered_flat_set<id_type> live_;
};

} // namespace protokit::proto::detail

#endif

#ifndef PROTOKIT_PROTO_DETAIL_SERVER_DISPATCH_HPP
#define PROTOKIT_PROTO_DETAIL_SERVER_DISPATCH_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/future/task.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/service/service.hpp>

#include <optional>
#include <utility>
#include <variant>

namespace protokit::proto::detail {

/** One server connection: requests from a transport, through a service, back out.

    The engine of pipeline and multiplex servers alike; `Policy` decides how
    responses in flight are kept (an ordered set for pipeline, an id-keyed
    set for multiplex) and how frames map to requests and responses.

    Each poll: write the finished responses the policy yields while the
    transport accepts them; read requests while fewer than `max_in_flight`
    are in flight, no response is held back by a full write buffer, and the
    service is ready; flush once. Reading stops at either limit, which is the
    backpressure that keeps a connection's memory bounded. After
    `poll_budget` frames it yields (notifying itself) so that one busy
    connection cannot starve the others on its reactor.

    Ends (ready) when the peer has closed its side (or the server drains the
    connection), every response is written and flushed, and the transport is
    closed. A read error (a frame the codec rejects, a reset) stops reading:
    the requests before it are still answered, then the connection closes
    with that error. A service error the protocol has no response for does
    the same after the responses before it, dropping the calls after it. A
    write error ends the connection at once.
*/
template <class BindFuture, class Service, class Policy>
class server_dispatch : public future::future_facade<server_dispatch<BindFuture, Service, Policy>> {
    using transport_type = typename BindFuture::item_type;
    using response_frame = typename Policy::response_frame;

public:
    using item_type = future::unit;
    using error_type = future::error_code;

    server_dispatch(BindFuture bind, Service service, Policy policy, connection_options options,
                    connection_control* control = nullptr)
        : state_(std::in_place_index<0>, std::move(bind)),
          service_(std::move(service)),
          policy_(std::move(policy)),
          options_(options),
          control_(control)
    {
    }

    future::poll_result<future::unit> poll()
    {
        if (state_.index() == 0) {
            auto bound = std::get<0>(state_).poll();
            if (!bound.is_ready())
                return std::move(bound).template propagate<future::unit>();
            state_.template emplace<1>(std::move(bound).value());
        }
        if (control_ != nullptr)
            control_->task.register_current();
        auto r = run(std::get<1>(state_));
        if (control_ != nullptr)
            control_->in_flight = policy_.size();
        return r;
    }

private:
    future::poll_result<future::unit> run(transport_type& transport)
    {
        std::size_t budget = options_.poll_budget;
        for (;;) {
            bool progress = false;

            // Finished responses, in the order the policy yields them.
            for (;;) {
                if (pending_) {
                    auto sent = transport.start_send(std::move(*pending_));
                    pending_.reset();
                    if (sent.is_error())
                        return future::fail(std::move(sent).error());
                    if (sent.is_not_ready()) {
                        pending_.emplace(std::move(sent).item());
                        break;
                    }
                    unflushed_ = true;
                    progress = true;
                    count_activity();
                }
                if (policy_.empty())
                    break;
                auto done = policy_.poll_next();
                if (done.is_not_ready())
                    break;
                if (done.is_error()) {
                    // A service error with no response: stop, write what was complete, close.
                    closing_ = std::move(done).error();
                    policy_.clear();
                    break;
                }
                pending_.emplace(std::move(done).value());
            }

            if (budget == 0) {
                // Written what this turn read: flush, and come back after the others.
                if (auto ec = flush(transport))
                    return future::fail(ec);
                future::current_task().notify();
                return future::not_ready;
            }

            // New requests, within the limits.
            while (!reading_stopped() && !pending_ && policy_.size() < options_.max_in_flight &&
                   budget > 0) {
                auto ready = service::poll_ready(service_);
                if (ready.is_not_ready())
                    break;
                if (ready.is_error()) {
                    closing_ = service::to_error_code(ready.error());
                    break;
                }
                auto frame = transport.poll_next();
                if (frame.is_not_ready())
                    break;
                if (frame.is_error()) {
                    // Bad input or a broken read side: answer what came before it, then close.
                    closing_ = std::move(frame).error();
                    break;
                }
                if (!frame.value()) {
                    read_closed_ = true;
                    break;
                }
                if (auto ec = policy_.start(service_, std::move(*frame.value())))
                    return future::fail(ec);
                --budget;
                progress = true;
                count_activity();
            }

            if (auto ec = flush(transport))
                return future::fail(ec);
            if (finished() || !progress)
                break;
        }

        if (!finished())
            return future::not_ready;
        auto closed = transport.close();
        if (!closed.is_ready())
            return std::move(closed).template propagate<future::unit>();
        if (closing_)
            return future::fail(*closing_);
        return future::ready();
    }

    /// Flushes what was written since the last flush; an error ends the connection.
    future::error_code flush(transport_type& transport)
    {
        if (!unflushed_)
            return {};
        auto flushed = transport.poll_complete();
        if (flushed.is_error())
            return std::move(flushed).error();
        if (flushed.is_ready())
            unflushed_ = false;
        return {};
    }

    bool reading_stopped() const noexcept
    {
        return read_closed_ || closing_.has_value() || (control_ != nullptr && control_->draining);
    }

    bool finished() const noexcept
    {
        return reading_stopped() && policy_.empty() && !pending_ && !unflushed_;
    }

    void count_activity() noexcept
    {
        if (control_ != nullptr)
            ++control_->activity;
    }

    std::variant<BindFuture, transport_type> state_;
    Service service_;
    Policy policy_;
    connection_options options_;
    connection_control* control_;
    std::optional<response_frame> pending_;
    std::optional<future::error_code> closing_;
    bool read_closed_ = false;
    bool unflushed_ = false;
};

} // namespace protokit::proto::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_SERVER_SIDE_HPP
#define PROTOKIT_PROTO_DETAIL_SERVER_SIDE_HPP

#include <protokit/future/task.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/service/service.hpp>

#include <optional>
#include <utility>

namespace protokit::proto::detail {

/** The server side of a connection: each request read becomes a call, each answer a frame to write.

    A `Dispatch` for `connection_engine`. `Calls` is the ordering: how the
    calls in flight are kept and in which order their responses leave
    (`pipeline_server_policy`: request order; `multiplex_server_policy`: as
    they complete, by id). Reading pauses while `max_in_flight` calls are
    pending, while a response is held back by a full transport, or while
    the service is not ready: that is the backpressure that keeps a
    connection's memory bounded. A read error or the end of the requests
    still lets the calls before it be answered; a service error the
    protocol has no response for does the same, dropping the calls after it.
*/
template <class Service, class Calls>
class server_side {
public:
    using in_frame = typename Calls::request_frame;
    using out_frame = typename Calls::response_frame;
    /// A response the transport refused holds reading back: answers must drain before more requests
    /// come.
    static constexpr bool reads_wait_for_writes = true;

    server_side(Service service, Calls calls, connection_options const& options,
                connection_control* control)
        : service_(std::move(service)), calls_(std::move(calls)),
          max_in_flight_(options.max_in_flight), control_(control)
    {
    }

    void begin_poll()
    {
        if (control_ != nullptr)
            control_->task.register_current();
    }

    void end_poll() noexcept
    {
        if (control_ != nullptr)
            control_->in_flight = calls_.size() + (held_ ? 1 : 0);
    }

    /// The response held back by the transport first, then the next one the ordering yields.
    future::poll_result<out_frame> poll_write()
    {
        if (held_)
            return future::ready(*std::exchange(held_, std::nullopt));
        if (calls_.empty())
            return future::not_ready;
        auto done = calls_.poll_next();
        if (done.is_error()) {
            if constexpr (requires { calls_.take_exception(); }) {
                if (control_ != nullptr)
                    control_->exception = calls_.take_exception();
            }
            calls_.clear();
        }
        return done;
    }

    void refused(out_frame&& frame) { held_.emplace(std::move(frame)); }
    void written() noexcept { count_activity(); }

    bool reading() const noexcept { return control_ == nullptr || !control_->draining; }

    /** Ready while under the in-flight limit, with nothing held back and the service ready.

        `also_open` counts answers that left the calls but are not over yet
        (a response body still streaming), which count against the limit too.
    */
    future::poll_result<future::unit> poll_read(std::size_t also_open = 0)
    {
        if (held_ || calls_.size() + also_open >= max_in_flight_)
            return future::not_ready; // woken by the transport, or by a call finishing
        auto ready = service::poll_ready(service_);
        if (ready.is_error())
            return future::fail(service::to_error_code(ready.error()));
        if (ready.is_not_ready())
            return future::not_ready;
        return future::ready();
    }

    future::error_code read(in_frame&& request)
    {
        count_activity();
        return calls_.start(service_, std::move(request));
    }

    /// The peer failed one of its own messages (a multiplexed error frame with no body open):
    /// nothing to answer.
    template <class Id>
    static future::error_code read_error(Id const&, future::error_code const&) noexcept
    {
        return {};
    }

    static bool read_ended(future::error_code const&) noexcept { return true; }

    bool done(bool reading) const noexcept { return !reading && calls_.empty() && !held_; }

    void end(future::error_code const&) noexcept {}

    /// Gives up on every call in flight (the connection is closing after an error).
    void abandon(future::error_code const&)
    {
        calls_.clear();
        held_.reset();
    }

private:
    void count_activity() noexcept
    {
        if (control_ != nullptr)
            ++control_->activity;
    }

    Service service_;
    Calls calls_;
    std::size_t max_in_flight_;
    connection_control* control_;
    std::optional<out_frame> held_;
};

} // namespace protokit::proto::detail

#endif

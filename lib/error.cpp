// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/error.hpp>

#include <string>

namespace protokit {
namespace {

class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "protokit"; }

    std::string message(int ev) const override
    {
        switch (static_cast<error>(ev)) {
        case error::unexpected_eof: return "connection closed in the middle of a frame";
        case error::frame_too_large: return "frame exceeds the maximum length";
        case error::invalid_frame: return "invalid frame";
        case error::channel_closed: return "the other end of the channel is closed";
        case error::canceled: return "canceled: the sender was dropped";
        case error::timed_out: return "timed out";
        case error::unexpected_response: return "response matches no pending request";
        case error::duplicate_request_id: return "request id already in use";
        case error::connection_closed: return "connection closed before the response arrived";
        case error::service_error: return "the service failed";
        case error::exception: return "a user function threw an exception";
        case error::shutting_down: return "shutting down";
        case error::limit_reached: return "limit reached";
        case error::sink_closed: return "sink closed";
        case error::unexpected_frame: return "unexpected frame";
        case error::body_stalled: return "body stalled";
        case error::invalid_proxy_header: return "missing or invalid PROXY protocol header";
        case error::not_connected: return "not connected";
        case error::rate_limited: return "rate limit reached";
        case error::no_endpoints: return "no endpoint available";
        }
        return "unknown protokit error";
    }
};

} // namespace

boost::system::error_category const& error_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace protokit

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_ERROR_HPP
#define PROTOKIT_ERROR_HPP

#include <boost/system/error_code.hpp>

#include <ostream>
#include <type_traits>

namespace protokit {

/// The errors protokit itself reports, in the `protokit` error category.
enum class error {
    /// The peer closed the connection with an incomplete frame in the buffer.
    unexpected_eof = 1,
    /// A frame is longer than the codec's limit; nothing was allocated for it.
    frame_too_large,
    /// Bytes on the wire are not a valid frame of the protocol.
    invalid_frame,
    /// The other end of a channel is gone.
    channel_closed,
    /// A oneshot's sender was dropped before it sent.
    canceled,
    /// A deadline passed.
    timed_out,
    /// A response arrived that matches no pending request.
    unexpected_response,
    /// A request id is already in use on this connection.
    duplicate_request_id,
    /// The connection ended before the response to this request arrived.
    connection_closed,
    /// The service failed and the protocol has no error response.
    service_error,
    /// A user function threw an exception; the task that ran it ended.
    exception,
    /// The server is shutting down and takes no new work.
    shutting_down,
    /// A limit (connections, in-flight requests) refused the work.
    limit_reached,
    /// An item was sent to a sink after it was closed.
    sink_closed,
    /// A frame came where the protocol allows none of its kind (a body chunk with no body open).
    unexpected_frame,
    /// A body's consumer left its chunks unread for longer than the connection allows.
    body_stalled,
    /// A connection did not start with the PROXY protocol header its server requires, or sent a
    /// malformed one.
    invalid_proxy_header,
    /// A call was made while the service had no connection (it is dialing, or waiting to redial).
    not_connected,
    /// A call was made past the service's rate limit for the current period.
    rate_limited,
    /// A balancer was called with no endpoint to send the call to.
    no_endpoints,
};

/// The `protokit` error category.
boost::system::error_category const& error_category() noexcept;

/// Makes an `error_code` of protokit's category.
inline boost::system::error_code make_error_code(error e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

/// Prints the error's message.
inline std::ostream& operator<<(std::ostream& os, error e)
{
    return os << make_error_code(e).message();
}

} // namespace protokit

template <>
struct boost::system::is_error_code_enum<protokit::error> : std::true_type {};

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_HTTP_MESSAGE_HPP
#define PROTOKIT_HTTP_MESSAGE_HPP

#include <protokit/io/bytes.hpp>
#include <protokit/proto/streaming/body.hpp>
#include <protokit/proto/streaming/frame.hpp>
#include <protokit/proto/streaming/message.hpp>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/optional/optional.hpp>

#include <cstdint>
#include <string_view>

namespace protokit::http {

/// The head of a request: method, target, version and fields (Beast's header type).
using request_head = boost::beast::http::request_header<>;
/// The head of a response: status, reason, version and fields (Beast's header type).
using response_head = boost::beast::http::response_header<>;

using boost::beast::http::field;
using boost::beast::http::status;
using boost::beast::http::verb;

/// The body of a message: a stream of chunks of bytes, never held whole.
using body = streaming::body<io::bytes>;

/// A request: its head and, if it has one, its body, which streams in after it.
using request = streaming::message<request_head, body>;
/// A response: its head and, if it has one, its body, which streams out after it.
using response = streaming::message<response_head, body>;

/// What a request looks like on a `streaming::pipeline` transport.
using request_frame = streaming::frame<request_head, io::bytes>;
/// What a response looks like on a `streaming::pipeline` transport.
using response_frame = streaming::frame<response_head, io::bytes>;

/** How much of a message a connection accepts.

    A head larger than `max_header_size` (the start line, the fields and
    the blank line) is refused: a server answers 431. A body larger than
    `max_body_size` is refused when its Content-Length says so (a server
    answers 413 and reads nothing of it), or when its chunks pass the
    limit (its consumer sees the error). Bodies stream, so the body limit
    bounds what a peer may send, not what is held in memory.
*/
struct limits {
    /// The largest head, in bytes (Beast's default for requests).
    std::uint32_t max_header_size = 8 * 1024;
    /// The largest body, in bytes; none: no limit.
    boost::optional<std::uint64_t> max_body_size;
};

/** A response of status `s` whose body is `text` (Content-Length set; none if `text` is empty).

    The version is HTTP/1.1; the connection decides keep-alive.
*/
response make_response(status s, std::string_view text,
                       std::string_view content_type = "text/plain");

/// A request head: `method target HTTP/1.1` with `Host: host`.
request_head make_request_head(verb method, std::string_view target, std::string_view host);

} // namespace protokit::http

#endif

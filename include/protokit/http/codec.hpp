// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_HTTP_CODEC_HPP
#define PROTOKIT_HTTP_CODEC_HPP

#include <protokit/future/detail/ring_buffer.hpp>
#include <protokit/http/detail/parser.hpp>
#include <protokit/http/detail/writer.hpp>
#include <protokit/http/message.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/codec.hpp>

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <optional>

namespace protokit::http {

/** The status a server answers a request it cannot read with: 431 for a head over the limit,
    413 for a body over it, 400 for anything else Beast's parser refuses.
*/
status status_for(boost::system::error_code const& ec) noexcept;

/** The server's side of HTTP/1.1 as a codec of `streaming::pipeline` frames.

    Decoding: Beast's `basic_parser` reads each request; its head is a
    message frame (with a body if it has a Content-Length above zero or is
    chunked), then every piece of the body is a chunk frame (the bytes of
    the read buffer, not copied) and an end-of-body frame ends it. Requests
    that follow are decoded in turn (pipelining). After a request that
    does not keep the connection alive (`Connection: close`, HTTP/1.0
    without keep-alive), or once a response closed it, nothing more is
    decoded (`read_closed()`). A request Beast refuses is an error (the
    error of Beast's `http::error` category), and the status to answer it
    with is kept for `closing`.

    Encoding: each response goes with the oldest request not answered yet.
    Beast's serializer writes its head, the codec having set the framing:
    the service's Content-Length, else chunked (HTTP/1.1), else the body
    ends with the connection (HTTP/1.0). A response to HEAD, or of status
    1xx, 204 or 304, has no body on the wire (its chunks are dropped). A
    response without a body gets `Content-Length: 0`. Keep-alive is what
    both the request and the response allow; the response says so in its
    `Connection` field, and the connection reads nothing after it when it
    closes.

    `Expect: 100-continue`: the interim response is owed once the request's
    head is read and the connection asks for its body (`interim`), unless
    its final response has begun: then the connection closes after that
    response, since the client may or may not send the body.
*/
class server_codec {
public:
    using in_type = request_frame;
    using out_type = response_frame;

    explicit server_codec(limits l = {}) : limits_(l) {}

    /// The next frame of the requests in `buf`; see the class.
    io::decode_result<request_frame> decode(io::bytes_mut& buf);

    /// As `decode`, once the peer has closed: the end, or an error if a request is cut short.
    io::decode_result<request_frame> decode_eof(io::bytes_mut& buf);

    /// Appends a frame of the responses to `dst`; see the class.
    io::encode_result encode(response_frame&& frame, io::bytes_mut& dst);

    /// True once no more requests are to be read on this connection.
    bool read_closed() const noexcept { return read_ == read_state::closed; }

    /// Appends the `100 Continue` owed now, if one is; true if it did.
    bool interim(io::bytes_mut& dst);

    /** The connection is closing: appends the answer to a request that could not be read, if one
        is owed and the responses before it are all written.
    */
    void closing(io::bytes_mut& dst);

private:
    enum class read_state { head, body, end_pending, closed };

    struct request_info {
        bool head_method;
        bool keep_alive;
        unsigned version;
    };

    io::decode_result<request_frame> fail(boost::system::error_code ec);
    void finish_request() noexcept;
    void finish_response() noexcept;

    limits limits_;
    std::optional<detail::parser<true>> parser_;
    // Bytes of the head read so far. Beast counts its limit from the end of the start line when
    // a head comes whole, from its start when in pieces: the codec holds the whole head to it.
    std::size_t head_read_ = 0;
    future::detail::ring_buffer<request_info> pending_;
    detail::body_writer body_;
    read_state read_ = read_state::head;
    bool keep_reading_ = true;      // the request being read keeps the connection alive
    bool continue_owed_ = false;    // its body waits for a 100 Continue
    bool writing_ = false;          // a response is being written
    bool write_closed_ = false;     // a response closed the connection: nothing more is written
    bool keep_writing_ = true;      // the response being written keeps the connection alive
    std::uint64_t heads_ = 0;       // requests whose head was decoded
    std::uint64_t responses_ = 0;   // responses written whole
    std::optional<status> refusal_; // the answer owed to a request that could not be read
    bool refused_in_body_ = false;  // its head was decoded (and may have been answered)
};

/** The client's side of HTTP/1.1 as a codec of `streaming::pipeline` frames.

    Encoding: Beast's serializer writes each request's head; its body goes
    with the request's Content-Length if it has one, else chunked (an
    HTTP/1.0 request with a body must say its length). A POST, PUT or
    PATCH without a body gets `Content-Length: 0`.

    Decoding: Beast's `basic_parser` reads each response, knowing whether
    its request was HEAD (no body follows). Interim responses (1xx but 101)
    are read and dropped. A body is delimited by its Content-Length, the
    chunked coding, or the end of the connection; after a response that
    does not keep the connection alive nothing more is decoded.
*/
class client_codec {
public:
    using in_type = response_frame;
    using out_type = request_frame;

    explicit client_codec(limits l = {}) : limits_(l) {}

    /// The next frame of the responses in `buf`; see the class.
    io::decode_result<response_frame> decode(io::bytes_mut& buf);

    /// As `decode`, once the peer has closed: the end of a close-delimited body, or an error if a
    /// response is cut short.
    io::decode_result<response_frame> decode_eof(io::bytes_mut& buf);

    /// Appends a frame of the requests to `dst`; see the class.
    io::encode_result encode(request_frame&& frame, io::bytes_mut& dst);

    /// True once no more responses are to be read on this connection.
    bool read_closed() const noexcept { return read_ == read_state::closed; }

    /// A client owes no interim response.
    static bool interim(io::bytes_mut&) noexcept { return false; }

    /// A client owes nothing when it closes.
    static void closing(io::bytes_mut&) noexcept {}

private:
    enum class read_state { head, body, end_pending, closed };

    void finish_response() noexcept;

    limits limits_;
    std::optional<detail::parser<false>> parser_;
    std::size_t head_read_ = 0;                       // as server_codec's
    future::detail::ring_buffer<bool> head_requests_; // per request written: was it HEAD
    detail::body_writer body_;
    read_state read_ = read_state::head;
    bool keep_reading_ = true;
};

} // namespace protokit::http

#endif

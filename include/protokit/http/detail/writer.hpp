// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_HTTP_DETAIL_WRITER_HPP
#define PROTOKIT_HTTP_DETAIL_WRITER_HPP

#include <protokit/io/bytes.hpp>
#include <protokit/io/codec.hpp>

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>
#include <boost/system/result.hpp>

#include <cstdint>

namespace protokit::http::detail {

/// Appends the head of `m` (start line, fields, blank line) to `dst`, as Beast's serializer writes
/// it.
template <bool IsRequest>
io::encode_result
write_head(boost::beast::http::message<IsRequest, boost::beast::http::empty_body>& m,
           io::bytes_mut& dst);

extern template io::encode_result
write_head<true>(boost::beast::http::message<true, boost::beast::http::empty_body>&,
                 io::bytes_mut&);
extern template io::encode_result
write_head<false>(boost::beast::http::message<false, boost::beast::http::empty_body>&,
                  io::bytes_mut&);

/** How the body of the message being written goes on the wire.

    `none`: no body (or its chunks are dropped: a response to HEAD, a 204);
    `fixed`: exactly the Content-Length; `chunked`: the chunked coding;
    `to_eof`: raw, and the connection closes after it (HTTP/1.0).
*/
class body_writer {
public:
    enum class mode { none, fixed, chunked, to_eof };

    /// Starts a body; `length` for `fixed`.
    void begin(mode m, std::uint64_t length = 0) noexcept
    {
        mode_ = m;
        remaining_ = length;
    }

    /// Appends a chunk of the body, framed; an error if it passes the Content-Length.
    io::encode_result chunk(io::bytes const& c, io::bytes_mut& dst);

    /// Appends the end of the body; an error if it falls short of the Content-Length.
    io::encode_result end(io::bytes_mut& dst);

private:
    mode mode_ = mode::none;
    std::uint64_t remaining_ = 0;
};

/// The Content-Length field of `fields`, if it has one: its value, or an error if it is not a
/// number.
boost::system::result<boost::optional<std::uint64_t>>
content_length_of(boost::beast::http::fields const& fields);

} // namespace protokit::http::detail

#endif

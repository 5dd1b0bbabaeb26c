// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_LINES_HPP
#define PROTOKIT_IO_LINES_HPP

#include <protokit/future/stream.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/io.hpp>
#include <protokit/io/lines_codec.hpp>

#include <cstddef>
#include <string>
#include <utility>

namespace protokit::io {

/** The stream of `lines(reader)`: the lines of any reader, without their "\n" or "\r\n".

    tokio-io's `io::lines`. A line longer than `max_length` (64 KiB by
    default) is an `error::frame_too_large`; the bytes after the last line
    end are a last line. Reading is buffered: `into_inner()` gives the
    reader back, without what was read and not yielded yet.
*/
template <AsyncRead R>
class lines_stream : public future::stream_facade<lines_stream<R>> {
public:
    using item_type = std::string;
    using error_type = error_code;

    /// The lines of `reader`, each at most `max_length` bytes.
    explicit lines_stream(R reader, std::size_t max_length = lines_codec::default_max_length)
        : inner_(std::move(reader), lines_codec(max_length))
    {
    }

    /// The next line; not ready when the reader is.
    future::stream_poll_result<std::string> poll_next() { return inner_.poll_next(); }

    /// The reader.
    R& get_mut() noexcept { return inner_.get_mut(); }

    /// The reader, given back (what is buffered is dropped).
    R into_inner() && { return std::move(inner_).into_inner(); }

private:
    framed_read<R, lines_codec> inner_;
};

/// A stream of the lines `reader` yields; see `lines_stream`.
template <AsyncRead R>
lines_stream<R> lines(R reader, std::size_t max_length = lines_codec::default_max_length)
{
    return lines_stream<R>(std::move(reader), max_length);
}

} // namespace protokit::io

#endif

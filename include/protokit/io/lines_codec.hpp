// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_LINES_CODEC_HPP
#define PROTOKIT_IO_LINES_CODEC_HPP

#include <protokit/error.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/codec.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace protokit::io {

/** Lines of text: frames end with "\n" or "\r\n", and come out without the ending.

    A line longer than `max_length()` bytes (its ending not counted) is an
    `error::frame_too_large`, found without buffering the whole line: once
    the buffered bytes exceed the limit with no line end among them, they
    are dropped, the decoder returns the error, and it goes on dropping
    bytes up to the next line end. The lines after it decode as usual; a
    transport usually ends the connection on the error anyway. At the end
    of the stream, bytes after the last line end are a last line.

    Encoding appends the line and "\n"; a line holding "\n" would come out
    as two, so it is an `error::invalid_frame`. Bytes are bytes: nothing
    checks that a line is valid text.

    Each line decoded is a new `std::string`: a line longer than the
    string's small buffer costs one allocation. A codec that yields `bytes`
    shares the read buffer instead.
*/
class lines_codec {
public:
    using in_type = std::string;
    using out_type = std::string;

    /// The default longest line: 64 KiB.
    static constexpr std::size_t default_max_length = 64 * 1024;

    /// A codec of lines up to `max_length` bytes.
    explicit lines_codec(std::size_t max_length = default_max_length) noexcept
        : max_length_(max_length)
    {
    }

    /// The longest line accepted, in bytes, without its ending.
    std::size_t max_length() const noexcept { return max_length_; }

    /// Removes the first complete line from `buf`; see the class for errors.
    decode_result<std::string> decode(bytes_mut& buf);

    /// As `decode`, then takes the bytes left as a last line.
    decode_result<std::string> decode_eof(bytes_mut& buf);

    /// Appends `line` and "\n" to `dst`.
    encode_result encode(std::string_view line, bytes_mut& dst);

private:
    static std::string take_line(bytes_mut& buf, std::size_t length, std::size_t consumed);

    std::size_t max_length_;
    std::size_t searched_ = 0; // bytes of the buffer known to hold no '\n'
    bool discarding_ = false;  // dropping the rest of an over-long line
};

inline std::string lines_codec::take_line(bytes_mut& buf, std::size_t length, std::size_t consumed)
{
    std::string_view line = buf.view().substr(0, length);
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    std::string out(line);
    buf.advance(consumed);
    return out;
}

inline decode_result<std::string> lines_codec::decode(bytes_mut& buf)
{
    for (;;) {
        std::string_view const view = buf.view();
        // Look no further than a line of the longest length could reach,
        // "\r\n" included, so that an endless line costs no endless scan.
        std::size_t const reach =
            max_length_ < std::string_view::npos - 2 ? max_length_ + 2 : std::string_view::npos;
        std::size_t const end = std::min(view.size(), reach);
        std::size_t const newline =
            searched_ < end ? view.substr(0, end).find('\n', searched_) : std::string_view::npos;

        if (discarding_) {
            if (newline == std::string_view::npos) {
                buf.advance(end);
                searched_ = 0;
                if (buf.empty())
                    return std::nullopt;
                continue;
            }
            buf.advance(newline + 1);
            searched_ = 0;
            discarding_ = false;
            continue;
        }

        if (newline != std::string_view::npos) {
            std::size_t length = newline;
            if (length > 0 && view[length - 1] == '\r')
                --length;
            searched_ = 0;
            if (length > max_length_) {
                buf.advance(newline + 1);
                return make_error_code(error::frame_too_large);
            }
            return take_line(buf, newline, newline + 1);
        }

        searched_ = end;
        // Without a line end, max_length bytes plus a '\r' may still be a line.
        bool const too_long =
            view.size() > max_length_ && (view.size() - max_length_ > 1 || view.back() != '\r');
        if (too_long) {
            // Only the searched bytes are known to belong to the long line.
            buf.advance(end);
            searched_ = 0;
            discarding_ = true;
            return make_error_code(error::frame_too_large);
        }
        return std::nullopt;
    }
}

inline decode_result<std::string> lines_codec::decode_eof(bytes_mut& buf)
{
    auto line = decode(buf);
    if (line.has_error() || line->has_value())
        return line;
    searched_ = 0;
    if (discarding_) {
        buf.clear();
        discarding_ = false;
        return std::nullopt;
    }
    if (buf.empty())
        return std::nullopt;
    return take_line(buf, buf.size(), buf.size());
}

inline encode_result lines_codec::encode(std::string_view line, bytes_mut& dst)
{
    if (line.find('\n') != std::string_view::npos)
        return make_error_code(error::invalid_frame);
    dst.reserve(line.size() + 1);
    dst.append(line);
    dst.append('\n');
    return {};
}

} // namespace protokit::io

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_LENGTH_DELIMITED_HPP
#define PROTOKIT_IO_LENGTH_DELIMITED_HPP

#include <protokit/error.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/codec.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace protokit::io {

/** Frames that announce their length in a header (tokio-io's `length_delimited`).

    An incoming frame is laid out as: `length_field_offset()` bytes, the
    length field (`length_field_length()` bytes, big or little endian),
    then the data. The field's value plus `length_adjustment()` is the
    number of data bytes, counted after the first `num_skip()` bytes of
    the frame (by default the header: offset + field). `decode` drops the
    first `num_skip()` bytes and yields the data as `io::bytes` cut from
    the read buffer, without a copy.

    A length above `max_frame_length()` (default 8 MiB), or one that the
    adjustment makes negative, is an error as soon as the header is in:
    nothing is allocated for it. So is a frame (skipped bytes and data)
    that ends inside its own header (`error::invalid_frame`), possible when
    `num_skip` is below the header's length: it would consume nothing.
    Once a valid header is in, the read buffer reserves room for the whole
    frame, so it is read in few calls.

    Encoding writes the length field (the payload size minus the
    adjustment), then the payload: `length_field_offset` and `num_skip`
    describe incoming frames only. A payload longer than the maximum, or
    a length the field cannot hold, is `error::frame_too_large`; a length
    the adjustment makes negative is `error::invalid_frame`.

    The options are set builder-style:
    `length_delimited().length_field_length(2).little_endian()`.
*/
class length_delimited {
public:
    using in_type = bytes;
    using out_type = bytes;

    /// The default largest frame: 8 MiB.
    static constexpr std::size_t default_max_frame_length = 8 * 1024 * 1024;

    /// A 4-byte big-endian length before the data, the header dropped: the common layout.
    length_delimited() = default;

    /// Sets the size of the length field: 1 to 8 bytes (else `std::invalid_argument`).
    length_delimited& length_field_length(std::size_t n);
    /// Sets how many bytes come before the length field.
    length_delimited& length_field_offset(std::size_t n) noexcept;
    /// Sets what is added to the field's value to get the number of data bytes.
    length_delimited& length_adjustment(std::int64_t n) noexcept;
    /// Sets how many bytes of a frame to drop before its data (default: the header).
    length_delimited& num_skip(std::size_t n) noexcept;
    /// Sets the largest number of data bytes accepted.
    length_delimited& max_frame_length(std::size_t n) noexcept;
    /// The length field is big endian (the default).
    length_delimited& big_endian() noexcept;
    /// The length field is little endian.
    length_delimited& little_endian() noexcept;

    std::size_t length_field_length() const noexcept { return field_length_; }
    std::size_t length_field_offset() const noexcept { return field_offset_; }
    std::int64_t length_adjustment() const noexcept { return adjustment_; }
    std::size_t num_skip() const noexcept { return skip_header_ ? header_length() : skip_; }
    std::size_t max_frame_length() const noexcept { return max_frame_length_; }
    bool is_big_endian() const noexcept { return big_endian_; }

    /// The bytes before the data: offset and length field.
    std::size_t header_length() const noexcept { return field_offset_ + field_length_; }

    /// Removes a complete frame from `buf` and returns its data; see the class for errors.
    decode_result<bytes> decode(bytes_mut& buf);

    /// Appends the length field and `payload` to `dst`.
    encode_result encode(std::string_view payload, bytes_mut& dst);
    encode_result encode(bytes const& payload, bytes_mut& dst)
    {
        return encode(payload.view(), dst);
    }

private:
    std::size_t field_length_ = 4;
    std::size_t field_offset_ = 0;
    std::int64_t adjustment_ = 0;
    std::size_t skip_ = 0;
    bool skip_header_ = true; // skip the header, whatever its length
    std::size_t max_frame_length_ = default_max_frame_length;
    bool big_endian_ = true;
    bool in_frame_ = false;       // the header of the next frame has been read
    std::size_t data_length_ = 0; // and announced this many data bytes
};

} // namespace protokit::io

#include <protokit/io/impl/length_delimited.hpp>

#endif

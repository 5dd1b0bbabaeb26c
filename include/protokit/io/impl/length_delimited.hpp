// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_IMPL_LENGTH_DELIMITED_HPP
#define PROTOKIT_IO_IMPL_LENGTH_DELIMITED_HPP

#include <limits>
#include <stdexcept>

namespace protokit::io {

inline length_delimited& length_delimited::length_field_length(std::size_t n)
{
    if (n < 1 || n > 8)
        throw std::invalid_argument(
            "protokit::io::length_delimited: the length field takes 1 to 8 bytes");
    field_length_ = n;
    return *this;
}

inline length_delimited& length_delimited::length_field_offset(std::size_t n) noexcept
{
    field_offset_ = n;
    return *this;
}

inline length_delimited& length_delimited::length_adjustment(std::int64_t n) noexcept
{
    adjustment_ = n;
    return *this;
}

inline length_delimited& length_delimited::num_skip(std::size_t n) noexcept
{
    skip_ = n;
    skip_header_ = false;
    return *this;
}

inline length_delimited& length_delimited::max_frame_length(std::size_t n) noexcept
{
    max_frame_length_ = n;
    return *this;
}

inline length_delimited& length_delimited::big_endian() noexcept
{
    big_endian_ = true;
    return *this;
}

inline length_delimited& length_delimited::little_endian() noexcept
{
    big_endian_ = false;
    return *this;
}

inline decode_result<bytes> length_delimited::decode(bytes_mut& buf)
{
    if (!in_frame_) {
        if (buf.size() < header_length())
            return std::nullopt;

        auto const* field = reinterpret_cast<unsigned char const*>(buf.data() + field_offset_);
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < field_length_; ++i) {
            std::size_t const at = big_endian_ ? i : field_length_ - 1 - i;
            value = (value << 8) | field[at];
        }

        std::uint64_t length = 0;
        if (adjustment_ >= 0) {
            auto const add = static_cast<std::uint64_t>(adjustment_);
            if (value > std::numeric_limits<std::uint64_t>::max() - add)
                return make_error_code(error::frame_too_large);
            length = value + add;
        } else {
            auto const sub = static_cast<std::uint64_t>(-(adjustment_ + 1)) + 1;
            if (value < sub)
                return make_error_code(error::invalid_frame);
            length = value - sub;
        }
        if (length > max_frame_length_ ||
            length > std::numeric_limits<std::size_t>::max() - num_skip())
            return make_error_code(error::frame_too_large);
        // A frame ending inside its own header would leave the header to be read again: with
        // nothing consumed, the same frame would come out forever.
        if (num_skip() + length < header_length())
            return make_error_code(error::invalid_frame);
        data_length_ = static_cast<std::size_t>(length);
        in_frame_ = true;
    }

    std::size_t const skip = num_skip();
    std::size_t const total = skip + data_length_;
    if (buf.size() < total) {
        buf.reserve(total - buf.size());
        return std::nullopt;
    }
    buf.advance(skip);
    bytes frame = buf.split_to(data_length_);
    in_frame_ = false;
    return frame;
}

inline encode_result length_delimited::encode(std::string_view payload, bytes_mut& dst)
{
    std::uint64_t const size = payload.size();
    if (size > max_frame_length_)
        return make_error_code(error::frame_too_large);

    std::uint64_t value = 0;
    if (adjustment_ >= 0) {
        auto const sub = static_cast<std::uint64_t>(adjustment_);
        if (size < sub)
            return make_error_code(error::invalid_frame);
        value = size - sub;
    } else {
        auto const add = static_cast<std::uint64_t>(-(adjustment_ + 1)) + 1;
        if (size > std::numeric_limits<std::uint64_t>::max() - add)
            return make_error_code(error::frame_too_large);
        value = size + add;
    }
    if (field_length_ < 8 && value >> (8 * field_length_) != 0)
        return make_error_code(error::frame_too_large);

    auto out = dst.prepare(field_length_ + payload.size());
    for (std::size_t i = 0; i < field_length_; ++i) {
        std::size_t const shift = big_endian_ ? 8 * (field_length_ - 1 - i) : 8 * i;
        out[i] = static_cast<char>(static_cast<unsigned char>(value >> shift));
    }
    dst.commit(field_length_);
    dst.append(payload);
    return {};
}

} // namespace protokit::io

#endif

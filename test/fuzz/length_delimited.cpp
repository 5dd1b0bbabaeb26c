// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// io::length_delimited: four bytes pick the layout (field size and byte order, offset, bytes
// skipped, adjustment, largest frame), the fifth how the rest is cut into reads. Every frame is
// within the limit, and a codec of the same field encodes it back to bytes it decodes the same.
#include "decoder.hpp"

#include <protokit/io/length_delimited.hpp>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    fuzz::input in(data, size);
    std::uint8_t const a = in.byte(), b = in.byte(), c = in.byte(), d = in.byte();
    auto field = [&] {
        io::length_delimited codec;
        codec.length_field_length(1 + a % 8)
            .length_adjustment(static_cast<std::int8_t>(c) % 16)
            .max_frame_length(d == 0 ? 1 << 20 : std::size_t{d} * 4);
        if (a & 0x80)
            codec.little_endian();
        return codec;
    };
    auto make = [&] {
        auto codec = field();
        codec.length_field_offset(b % 4);
        if (b & 0x80)
            codec.num_skip((b >> 2) % 16);
        return codec;
    };
    std::size_t const max = make().max_frame_length();
    std::uint8_t const seed = in.byte();
    fuzz::same_however_cut(make, in.rest(), seed, [&](io::bytes const& frame) {
        fuzz::check(frame.size() <= max, "a frame over the limit");
        // decode(encode(x)) == x, with the field alone before the data (what encode writes).
        auto codec = field();
        io::bytes_mut buf;
        if (codec.encode(frame, buf)) {
            auto back = codec.decode(buf);
            fuzz::check(back && *back && **back == frame && buf.empty(),
                        "an encoded frame decodes differently");
        }
        return "frame " + fuzz::escape(frame.view());
    });
    return 0;
}

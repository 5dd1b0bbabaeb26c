// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/length_delimited.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace io = protokit::io;
using protokit::error;

BOOST_AUTO_TEST_SUITE(io_length_delimited)

namespace {

std::string field(std::uint64_t value, std::size_t width, bool big)
{
    std::string out(width, '\0');
    for (std::size_t i = 0; i < width; ++i) {
        std::size_t const shift = big ? 8 * (width - 1 - i) : 8 * i;
        out[i] = static_cast<char>(static_cast<unsigned char>(value >> shift));
    }
    return out;
}

std::uintptr_t addr(char const* p)
{
    return reinterpret_cast<std::uintptr_t>(p);
}

} // namespace

BOOST_AUTO_TEST_CASE(defaults)
{
    io::length_delimited c;
    BOOST_TEST(c.length_field_length() == 4u);
    BOOST_TEST(c.length_field_offset() == 0u);
    BOOST_TEST(c.length_adjustment() == 0);
    BOOST_TEST(c.num_skip() == 4u);
    BOOST_TEST(c.max_frame_length() == 8u * 1024 * 1024);
    BOOST_TEST(c.is_big_endian());
    static_assert(io::Codec<io::length_delimited>);
    BOOST_CHECK_THROW(c.length_field_length(0), std::invalid_argument);
    BOOST_CHECK_THROW(c.length_field_length(9), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(every_width_endianness_and_adjustment)
{
    std::vector<std::string> const payloads{"", "x", "hello, frames", std::string(200, 'p')};
    for (std::size_t width : {1u, 2u, 4u, 8u}) {
        for (bool big : {true, false}) {
            // The field counts the data; the header and the data; the data less 3 bytes.
            for (std::int64_t adjustment :
                 {std::int64_t{0}, -static_cast<std::int64_t>(width), std::int64_t{3}}) {
                BOOST_TEST_CONTEXT("width " << width << (big ? " big" : " little") << " adjustment "
                                            << adjustment)
                {
                    io::length_delimited c;
                    c.length_field_length(width).length_adjustment(adjustment);
                    if (big)
                        c.big_endian();
                    else
                        c.little_endian();

                    io::bytes_mut wire;
                    std::string expected_wire;
                    std::vector<std::string> sent;
                    for (auto const& p : payloads) {
                        auto const value = static_cast<std::int64_t>(p.size()) - adjustment;
                        if (value < 0) {
                            auto r = c.encode(p, wire);
                            BOOST_TEST_REQUIRE(r.has_error());
                            BOOST_TEST(r.error() == error::invalid_frame);
                            continue;
                        }
                        BOOST_TEST_REQUIRE(!c.encode(p, wire).has_error());
                        expected_wire += field(static_cast<std::uint64_t>(value), width, big) + p;
                        sent.push_back(p);
                    }
                    BOOST_TEST(wire.view() == expected_wire);

                    // Decode the wire split at every point.
                    for (std::size_t at = 0; at <= expected_wire.size(); ++at) {
                        io::length_delimited d = c;
                        io::bytes_mut buf;
                        std::vector<std::string> got;
                        for (auto part : {std::string_view(expected_wire).substr(0, at),
                                          std::string_view(expected_wire).substr(at)}) {
                            buf.append(part);
                            for (int i = 0; i < 100; ++i) {
                                auto r = d.decode(buf);
                                BOOST_TEST_REQUIRE(r.has_value());
                                if (!r->has_value())
                                    break;
                                got.emplace_back((*r)->view());
                            }
                        }
                        BOOST_TEST_REQUIRE(got == sent);
                        BOOST_TEST_REQUIRE(buf.empty());
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(decode_is_zero_copy)
{
    io::length_delimited c;
    io::bytes_mut buf;
    buf.append(std::string_view(field(5, 4, true) + "hello" + field(3, 4, true) + "abc"));
    char const* base = buf.data();
    auto one = c.decode(buf);
    auto two = c.decode(buf);
    BOOST_TEST(**one == "hello");
    BOOST_TEST(**two == "abc");
    BOOST_TEST(addr((*one)->data()) == addr(base + 4));
    BOOST_TEST(addr((*two)->data()) == addr(base + 13));
}

BOOST_AUTO_TEST_CASE(offset_and_skip)
{
    // [type][length: 2 bytes, data only][data]
    std::string const frame = std::string("T") + field(4, 2, true) + "data";

    io::length_delimited skip_header;
    skip_header.length_field_offset(1).length_field_length(2);
    BOOST_TEST(skip_header.header_length() == 3u);
    io::bytes_mut buf(std::string_view{frame});
    auto r = skip_header.decode(buf);
    BOOST_TEST(**r == "data");

    // Keep the header: nothing skipped, and the length counts from the
    // frame's start, so the header is added to it.
    io::length_delimited keep_header;
    keep_header.length_field_offset(1).length_field_length(2).num_skip(0).length_adjustment(3);
    io::bytes_mut buf2(std::string_view{frame + "rest"});
    r = keep_header.decode(buf2);
    BOOST_TEST(**r == frame);
    BOOST_TEST(buf2 == "rest");

    // Skip one byte more than the header (a trailing flags byte).
    io::length_delimited skip_more;
    skip_more.length_field_length(1).num_skip(2);
    io::bytes_mut buf3(std::string_view("\x02"
                                        "Fhi",
                                        4));
    r = skip_more.decode(buf3);
    BOOST_TEST(**r == "hi");
}

BOOST_AUTO_TEST_CASE(max_length_is_checked_before_allocating)
{
    for (std::size_t width : {4u, 8u}) {
        BOOST_TEST_CONTEXT("width " << width)
        {
            io::length_delimited c;
            c.length_field_length(width);
            // A header announcing 4 GiB, then 10 bytes of data.
            std::uint64_t const four_gib = std::uint64_t{1} << 32;
            io::bytes_mut buf(64);
            buf.append(std::string_view(field(width == 4 ? four_gib - 1 : four_gib, width, true)));
            buf.append(std::string_view("0123456789"));
            std::size_t const capacity = buf.capacity();
            std::uintptr_t const data = addr(buf.data());
            auto r = c.decode(buf);
            BOOST_TEST_REQUIRE(r.has_error());
            BOOST_TEST(r.error() == error::frame_too_large);
            BOOST_TEST(buf.capacity() == capacity);
            BOOST_TEST(addr(buf.data()) == data);
        }
    }

    io::length_delimited small;
    small.max_frame_length(100);
    io::bytes_mut at_max(std::string_view(field(100, 4, true)));
    BOOST_TEST(!small.decode(at_max)->has_value());
    io::length_delimited small2 = io::length_delimited().max_frame_length(100);
    io::bytes_mut over(std::string_view(field(101, 4, true)));
    BOOST_TEST(small2.decode(over).error() == error::frame_too_large);

    // An adjustment cannot smuggle a length past the limit.
    io::length_delimited adjusted;
    adjusted.max_frame_length(100).length_adjustment(50);
    io::bytes_mut smuggled(std::string_view(field(60, 4, true)));
    BOOST_TEST(adjusted.decode(smuggled).error() == error::frame_too_large);
}

BOOST_AUTO_TEST_CASE(a_valid_header_reserves_the_whole_frame)
{
    io::length_delimited c;
    io::bytes_mut buf;
    buf.append(std::string_view(field(1000, 4, true) + "0123456789"));
    auto r = c.decode(buf);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(!r->has_value());
    BOOST_TEST(buf.capacity() >= 1004u);
    BOOST_TEST(buf.size() == 14u); // nothing consumed yet
}

BOOST_AUTO_TEST_CASE(a_length_made_negative_by_the_adjustment_is_invalid)
{
    io::length_delimited c;
    c.length_adjustment(-4);
    io::bytes_mut buf(std::string_view(field(3, 4, true)));
    BOOST_TEST(c.decode(buf).error() == error::invalid_frame);
}

// Found by fuzz_length_delimited: with nothing skipped, a length of 0 made an empty frame that
// consumed nothing, and the same frame came out forever (a peer's 5 bytes spun a connection).
BOOST_AUTO_TEST_CASE(a_frame_ending_inside_its_header_is_invalid)
{
    io::length_delimited keep_header;
    keep_header.length_field_length(1).num_skip(0);
    io::bytes_mut empty(std::string_view("\x00rest", 5));
    BOOST_TEST(keep_header.decode(empty).error() == error::invalid_frame);

    io::length_delimited offset;
    offset.length_field_offset(2).length_field_length(2).num_skip(1);
    io::bytes_mut short_frame(std::string_view("T" + std::string(1, 'f') + field(1, 2, true)));
    BOOST_TEST(offset.decode(short_frame).error() == error::invalid_frame);

    // A frame that just covers its header is fine: it is the header.
    io::bytes_mut header_only(std::string_view("\x01", 1));
    auto r = keep_header.decode(header_only);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(**r == std::string_view("\x01", 1));
    BOOST_TEST(header_only.empty());
}

BOOST_AUTO_TEST_CASE(encode_errors_leave_dst_alone)
{
    io::bytes_mut dst(std::string_view("keep"));

    io::length_delimited narrow;
    narrow.length_field_length(1);
    BOOST_TEST(narrow.encode(std::string(255, 'a'), dst).has_value());
    dst.clear();
    dst.append(std::string_view("keep"));
    BOOST_TEST(narrow.encode(std::string(256, 'a'), dst).error() == error::frame_too_large);
    BOOST_TEST(dst == "keep");

    io::length_delimited limited;
    limited.max_frame_length(10);
    BOOST_TEST(limited.encode(std::string(11, 'a'), dst).error() == error::frame_too_large);
    BOOST_TEST(dst == "keep");

    io::length_delimited counting_header;
    counting_header.length_field_length(1).length_adjustment(-1);
    BOOST_TEST(counting_header.encode(std::string(255, 'a'), dst).error() ==
               error::frame_too_large);
    BOOST_TEST(dst == "keep");

    io::length_delimited minus;
    minus.length_adjustment(5);
    BOOST_TEST(minus.encode("abc", dst).error() == error::invalid_frame);
    BOOST_TEST(dst == "keep");
}

BOOST_AUTO_TEST_CASE(encode_takes_bytes_and_strings)
{
    io::length_delimited c;
    c.length_field_length(2).little_endian();
    io::bytes_mut dst;
    BOOST_TEST(c.encode(io::bytes(std::string_view("ab")), dst).has_value());
    BOOST_TEST(c.encode(std::string("c"), dst).has_value());
    BOOST_TEST(c.encode("", dst).has_value());
    BOOST_TEST(dst == std::string_view("\x02\x00"
                                       "ab"
                                       "\x01\x00"
                                       "c"
                                       "\x00\x00",
                                       9));
}

BOOST_AUTO_TEST_CASE(decode_eof_with_a_partial_frame_is_unexpected_eof)
{
    io::length_delimited c;
    io::bytes_mut buf(std::string_view(field(2, 4, true) + "ok" + field(9, 4, true) + "par"));
    auto r = io::decode_eof(c, buf);
    BOOST_TEST(**r == "ok");
    r = io::decode_eof(c, buf);
    BOOST_TEST(r.error() == error::unexpected_eof);

    io::length_delimited fresh;
    io::bytes_mut clean(std::string_view(field(0, 4, true)));
    r = io::decode_eof(fresh, clean);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->has_value());
    BOOST_TEST((*r)->empty());
    r = io::decode_eof(fresh, clean);
    BOOST_TEST(!r->has_value());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/codec.hpp>

// The doubler's codec, which the guide shows: its end-of-stream rule is tested here.
#include "../../example/common/int_proto.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace io = protokit::io;
using protokit::error;

BOOST_AUTO_TEST_SUITE(io_codec)

namespace {

/// Frames of exactly three bytes.
struct triple_decoder {
    using in_type = std::string;
    io::decode_result<std::string> decode(io::bytes_mut& buf)
    {
        if (buf.size() < 3)
            return std::nullopt;
        std::string frame(buf.view().substr(0, 3));
        buf.advance(3);
        return frame;
    }
};

/// As `triple_decoder`, and a short last frame is fine at the end.
struct lenient_decoder : triple_decoder {
    int eof_calls = 0;
    io::decode_result<std::string> decode_eof(io::bytes_mut& buf)
    {
        ++eof_calls;
        if (buf.empty())
            return std::nullopt;
        std::string frame(buf.view());
        buf.clear();
        return frame;
    }
};

struct failing_decoder {
    using in_type = int;
    io::decode_result<int> decode(io::bytes_mut&) { return make_error_code(error::invalid_frame); }
};

struct string_encoder {
    using out_type = std::string;
    io::encode_result encode(std::string_view s, io::bytes_mut& dst)
    {
        dst.append(s);
        return {};
    }
};

struct both : triple_decoder, string_encoder {};

struct no_in_type {
    io::decode_result<int> decode(io::bytes_mut&) { return std::nullopt; }
};

struct wrong_result {
    using in_type = int;
    std::optional<int> decode(io::bytes_mut&) { return std::nullopt; }
};

} // namespace

// The codec concepts (compile-time checks: no test case needed).
static_assert(io::Decoder<triple_decoder>);
static_assert(!io::DecoderWithEof<triple_decoder>);
static_assert(io::DecoderWithEof<lenient_decoder>);
static_assert(io::Encoder<string_encoder>);
static_assert(!io::Decoder<string_encoder>);
static_assert(io::Codec<both>);
static_assert(!io::Codec<triple_decoder>);
static_assert(!io::Decoder<no_in_type>);
static_assert(!io::Decoder<wrong_result>);

BOOST_AUTO_TEST_CASE(default_decode_eof_decodes_what_is_complete)
{
    triple_decoder d;
    io::bytes_mut buf(std::string_view("abcdef"));
    auto r = io::decode_eof(d, buf);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(**r == "abc");
    r = io::decode_eof(d, buf);
    BOOST_TEST(**r == "def");
    r = io::decode_eof(d, buf);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(!r->has_value());
}

BOOST_AUTO_TEST_CASE(default_decode_eof_with_leftover_is_unexpected_eof)
{
    triple_decoder d;
    io::bytes_mut buf(std::string_view("abcde"));
    auto r = io::decode_eof(d, buf);
    BOOST_TEST(**r == "abc");
    r = io::decode_eof(d, buf);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == error::unexpected_eof);
    BOOST_TEST(buf == "de");
}

BOOST_AUTO_TEST_CASE(decode_eof_of_the_decoder_is_used)
{
    lenient_decoder d;
    io::bytes_mut buf(std::string_view("ab"));
    auto r = io::decode_eof(d, buf);
    BOOST_TEST(d.eof_calls == 1);
    BOOST_TEST(**r == "ab");
    r = io::decode_eof(d, buf);
    BOOST_TEST(!r->has_value());
}

BOOST_AUTO_TEST_CASE(decode_errors_pass_through)
{
    failing_decoder d;
    io::bytes_mut buf;
    auto r = io::decode_eof(d, buf);
    BOOST_TEST(r.error() == error::invalid_frame);
}

BOOST_AUTO_TEST_CASE(the_doublers_codec_takes_a_last_number_without_a_newline)
{
    example::int_codec c;
    io::bytes_mut buf(std::string_view("7\n21"));
    auto r = c.decode(buf);
    BOOST_TEST(**r == 7u);
    r = c.decode(buf);
    BOOST_TEST(!r->has_value());
    r = io::decode_eof(c, buf);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST_REQUIRE(r->has_value());
    BOOST_TEST(**r == 21u);
    BOOST_TEST(buf.empty());
    r = io::decode_eof(c, buf);
    BOOST_TEST(!r->has_value());

    io::bytes_mut garbage(std::string_view("2x"));
    r = io::decode_eof(c, garbage);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == error::invalid_frame);
}

// Found by fuzz_int_proto: a line over `max_line` was refused when its newline came in a later
// read, but decoded (leading zeros and all) when it came at once.
BOOST_AUTO_TEST_CASE(the_doublers_codec_refuses_a_long_line_however_it_arrives)
{
    std::string const line = std::string(30, '0') + "12\n";
    example::int_codec whole;
    io::bytes_mut buf{std::string_view(line)};
    BOOST_TEST(whole.decode(buf).error() == error::invalid_frame);

    example::int_codec cut;
    io::bytes_mut part;
    boost::system::result<std::optional<std::uint64_t>> r = std::nullopt;
    for (char c : line) {
        part.append(c);
        r = cut.decode(part);
        if (!r)
            break;
    }
    BOOST_TEST(r.error() == error::invalid_frame);

    // Leading zeros within the limit (as long as the largest u64) are still a number.
    example::int_codec fits;
    io::bytes_mut ok{std::string_view("00000000000000000042\r\n")};
    BOOST_TEST(**fits.decode(ok) == 42u);
}

BOOST_AUTO_TEST_SUITE_END()

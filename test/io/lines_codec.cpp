// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/lines_codec.hpp>

#include <protokit/io/framed.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace pf = protokit::future;
namespace io = protokit::io;
using protokit::error;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_lines_codec)

namespace {

std::string bracketed(pf::error_code ec)
{
    std::string out(1, '<');
    out += ec.message();
    out += '>';
    return out;
}

/// Decodes every complete line in `buf`; errors are recorded as "<error>".
void decode_all(io::lines_codec& c, io::bytes_mut& buf, std::vector<std::string>& out)
{
    for (int i = 0; i < 10000; ++i) {
        auto r = c.decode(buf);
        if (r.has_error()) {
            out.push_back(bracketed(r.error()));
            continue;
        }
        if (!r->has_value())
            return;
        out.push_back(std::move(**r));
    }
    BOOST_FAIL("decode never asked for more bytes");
}

void decode_eof_all(io::lines_codec& c, io::bytes_mut& buf, std::vector<std::string>& out)
{
    for (int i = 0; i < 10000; ++i) {
        auto r = c.decode_eof(buf);
        BOOST_TEST_REQUIRE(r.has_value());
        if (!r->has_value())
            return;
        out.push_back(std::move(**r));
    }
    BOOST_FAIL("decode_eof never ended");
}

std::string const too_long = bracketed(make_error_code(error::frame_too_large));

} // namespace

BOOST_AUTO_TEST_CASE(lf_and_crlf_at_every_split_point)
{
    std::string const input = "alpha\r\nbeta\n\r\n\ngamma\r\r\nlast";
    std::vector<std::string> const expected{"alpha", "beta", "", "", "gamma\r", "last"};
    for (std::size_t at = 0; at <= input.size(); ++at) {
        BOOST_TEST_CONTEXT("split at " << at)
        {
            io::lines_codec c;
            io::bytes_mut buf;
            std::vector<std::string> out;
            buf.append(std::string_view(input).substr(0, at));
            decode_all(c, buf, out);
            buf.append(std::string_view(input).substr(at));
            decode_all(c, buf, out);
            decode_eof_all(c, buf, out);
            BOOST_TEST(out == expected);
            BOOST_TEST(buf.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(byte_by_byte)
{
    std::string const input = "a\r\nbb\ncc\r\n";
    io::lines_codec c;
    io::bytes_mut buf;
    std::vector<std::string> out;
    for (char ch : input) {
        buf.append(ch);
        decode_all(c, buf, out);
    }
    BOOST_TEST(out == (std::vector<std::string>{"a", "bb", "cc"}));
}

BOOST_AUTO_TEST_CASE(a_line_of_max_length_is_accepted_at_every_split_point)
{
    std::string const line(10, 'x');
    for (std::string ending : {"\n", "\r\n"}) {
        std::string const input = line + ending + "y\n";
        for (std::size_t at = 0; at <= input.size(); ++at) {
            BOOST_TEST_CONTEXT("ending size " << ending.size() << ", split at " << at)
            {
                io::lines_codec c(10);
                io::bytes_mut buf;
                std::vector<std::string> out;
                buf.append(std::string_view(input).substr(0, at));
                decode_all(c, buf, out);
                buf.append(std::string_view(input).substr(at));
                decode_all(c, buf, out);
                BOOST_TEST(out == (std::vector<std::string>{line, "y"}));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(an_over_long_line_is_dropped_without_buffering_it)
{
    // 1000 bytes of a line fed 7 at a time, as reads would.
    std::string input(1000, 'z');
    input += "\nok\n";
    io::lines_codec c(16);
    io::bytes_mut buf;
    std::vector<std::string> out;
    std::size_t biggest = 0;
    for (std::size_t at = 0; at < input.size(); at += 7) {
        buf.append(std::string_view(input).substr(at, 7));
        biggest = std::max(biggest, buf.size());
        decode_all(c, buf, out);
    }
    BOOST_TEST(out == (std::vector<std::string>{too_long, "ok"}));
    BOOST_TEST(biggest <= 16u + 2 + 7);
}

BOOST_AUTO_TEST_CASE(an_over_long_line_that_arrives_whole)
{
    std::string const input =
        "short\n" + std::string(100, 'q') + "\r\nnext\n" + std::string(50, 'w');
    io::lines_codec c(16);
    io::bytes_mut buf(std::string_view{input});
    std::vector<std::string> out;
    decode_all(c, buf, out);
    decode_eof_all(c, buf, out);
    BOOST_TEST(out == (std::vector<std::string>{"short", too_long, "next", too_long}));
    BOOST_TEST(buf.empty());
}

BOOST_AUTO_TEST_CASE(an_over_long_line_at_the_end_of_the_stream)
{
    io::lines_codec c(4);
    io::bytes_mut buf(std::string_view("abcdefgh"));
    auto r = c.decode(buf);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == error::frame_too_large);
    buf.append(std::string_view("ij"));
    auto last = c.decode_eof(buf);
    BOOST_TEST_REQUIRE(last.has_value());
    BOOST_TEST(!last->has_value());
    BOOST_TEST(buf.empty());
}

BOOST_AUTO_TEST_CASE(over_long_line_through_framed_keeps_the_buffer_small)
{
    auto n = make_counting_notify();
    mock_io m;
    m.max_read_size(7).read(std::string(5000, 'z')).read("\r\nafter\n").read_eof();
    auto s = pf::spawn(io::framed<mock_io, io::lines_codec>(m, io::lines_codec(32)));

    std::vector<std::string> frames;
    int errors = 0;
    std::size_t biggest = 0;
    for (int i = 0; i < 10000; ++i) {
        auto r = s.poll_stream_notify(n, 0);
        biggest = std::max(biggest, s.get_ref().read_buffer().size());
        if (r.is_error()) {
            BOOST_TEST(r.error() == error::frame_too_large);
            ++errors;
            continue;
        }
        BOOST_TEST_REQUIRE(r.is_ready());
        if (!r.value())
            break;
        frames.push_back(*r.value());
    }
    BOOST_TEST(errors == 1);
    BOOST_TEST(frames == std::vector<std::string>{"after"});
    BOOST_TEST(biggest <= 32u + 2 + 7);
    BOOST_TEST(s.get_ref().read_buffer().capacity() <= 8u * 1024);
}

BOOST_AUTO_TEST_CASE(garbage_bytes_pass_as_they_are)
{
    std::string const line{"\0\x01\xff\r\x7f mid\rcr", 12};
    io::lines_codec c;
    io::bytes_mut buf;
    buf.append(std::string_view(line));
    buf.append(std::string_view("\r\n"));
    auto r = c.decode(buf);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(**r == line);
}

BOOST_AUTO_TEST_CASE(decode_eof_takes_the_last_line)
{
    io::lines_codec c;
    io::bytes_mut buf(std::string_view("done\nlast\r"));
    std::vector<std::string> out;
    decode_eof_all(c, buf, out);
    BOOST_TEST(out == (std::vector<std::string>{"done", "last"}));

    io::bytes_mut empty;
    auto r = c.decode_eof(empty);
    BOOST_TEST(!r->has_value());
}

BOOST_AUTO_TEST_CASE(encode_appends_a_line_feed)
{
    io::lines_codec c;
    io::bytes_mut dst;
    BOOST_TEST(!c.encode("one", dst).has_error());
    BOOST_TEST(!c.encode("", dst).has_error());
    BOOST_TEST(!c.encode(std::string("two\r"), dst).has_error());
    BOOST_TEST(dst == "one\n\ntwo\r\n");
    auto r = c.encode("a\nb", dst);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == error::invalid_frame);
    BOOST_TEST(dst == "one\n\ntwo\r\n");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include "../../example/common/resp.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The RESP2 codecs of the Redis examples: every reply type both ways,
// commands as arrays and inline lines, input cut anywhere, and the limits
// that keep a peer from making a decoder hold too much.

BOOST_AUTO_TEST_SUITE(examples_resp_codec)

namespace {

namespace io = protokit::io;
namespace resp = example::resp;
using resp::command;
using resp::value;

std::string encoded(value const& v)
{
    io::bytes_mut out;
    BOOST_REQUIRE(resp::encode(v, out));
    return std::string(out.view());
}

std::string encoded(command const& c)
{
    io::bytes_mut out;
    resp::encode(c, out);
    return std::string(out.view());
}

/// Decodes everything in `text` at once; the values, or the error that stopped them.
template <class Codec>
auto decode_all(Codec& codec, std::string_view text)
{
    io::bytes_mut buf(text);
    std::vector<typename Codec::in_type> out;
    for (;;) {
        auto r = codec.decode(buf);
        if (!r)
            return boost::system::result<decltype(out)>(boost::system::in_place_error, r.error());
        if (!*r)
            break;
        out.push_back(std::move(**r));
    }
    BOOST_TEST(buf.empty(), "left undecoded: " << buf.view());
    return boost::system::result<decltype(out)>(std::move(out));
}

/// Feeds `text` one byte at a time: nothing comes out before the last byte, then one frame.
template <class Codec>
typename Codec::in_type decode_byte_by_byte(Codec& codec, std::string_view text)
{
    io::bytes_mut buf;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        buf.append(text[i]);
        auto r = codec.decode(buf);
        BOOST_REQUIRE_MESSAGE(r, "error at byte " << i << ": " << r.error().message());
        BOOST_REQUIRE_MESSAGE(!*r, "a frame came out at byte " << i << " of " << text.size());
    }
    buf.append(text.back());
    auto r = codec.decode(buf);
    BOOST_REQUIRE(r);
    BOOST_REQUIRE(r->has_value());
    BOOST_TEST(buf.empty());
    return std::move(**r);
}

template <class Codec>
boost::system::error_code decode_error(Codec& codec, std::string_view text)
{
    io::bytes_mut buf(text);
    for (int i = 0; i < 100; ++i) {
        auto r = codec.decode(buf);
        if (!r)
            return r.error();
        if (!*r)
            return {};
    }
    return {};
}

/// A pointer compared as an address (Boost.Test compares `char const*` as C strings).
void const* at(char const* p)
{
    return p;
}

value bulk(std::string_view s)
{
    return value::bulk_string(s);
}

/// Every reply type, nested arrays and the nulls included.
value every_type()
{
    return value::array({
        value::simple_string("OK"),
        value::error("ERR something failed"),
        value::integer(-9223372036854775807 - 1),
        value::integer(42),
        bulk(std::string_view("binary\r\n\0safe", 13)),
        bulk(""),
        value::null_bulk_string(),
        value::null_array(),
        value::array({}),
        value::array({bulk("a"), value::array({value::integer(1),
                                               value::array({value::simple_string("deep")})})}),
    });
}

/// What a server codec makes of some bytes: the commands, then the error that stopped it.
struct server_outcome {
    std::vector<command> commands;
    boost::system::error_code error;
    std::string error_text;

    friend bool operator==(server_outcome const&, server_outcome const&) = default;
};

/** Decodes `text` with a server codec holding peers to `l`, all at once or a byte at a time.

    At once, every whole array is read in one pass; a byte at a time, each
    is read in steps as its parts arrive.
*/
server_outcome decode_server(std::string_view text, bool byte_by_byte, resp::limits l = {})
{
    resp::server_codec codec(l);
    io::bytes_mut buf;
    server_outcome out;
    std::size_t fed = 0;
    while (fed < text.size()) {
        std::size_t const n = byte_by_byte ? 1 : text.size();
        buf.append(text.substr(fed, n));
        fed += n;
        for (;;) {
            auto r = codec.decode(buf);
            if (!r) {
                out.error = r.error();
                out.error_text = codec.error_text();
                return out;
            }
            if (!*r)
                break;
            out.commands.push_back(std::move(**r));
        }
    }
    return out;
}

/// `*n` and n bulk strings "a0", "a1"...
std::string array_of(std::size_t n)
{
    std::string out = "*" + std::to_string(n) + "\r\n";
    for (std::size_t i = 0; i < n; ++i) {
        auto const arg = "a" + std::to_string(i);
        out += "$" + std::to_string(arg.size()) + "\r\n" + arg + "\r\n";
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(encodes_every_reply_type)
{
    BOOST_TEST(encoded(value::ok()) == "+OK\r\n");
    BOOST_TEST(encoded(value::error("ERR no")) == "-ERR no\r\n");
    BOOST_TEST(encoded(value::integer(-12)) == ":-12\r\n");
    BOOST_TEST(encoded(bulk(std::string_view("a\r\n\0b", 5))) ==
               std::string("$5\r\na\r\n\0b\r\n", 11));
    BOOST_TEST(encoded(bulk("")) == "$0\r\n\r\n");
    BOOST_TEST(encoded(value()) == "$-1\r\n");
    BOOST_TEST(encoded(value::null_array()) == "*-1\r\n");
    BOOST_TEST(encoded(value::array({})) == "*0\r\n");
    BOOST_TEST(encoded(value::array({value::integer(1), value::array({bulk("x")})})) ==
               "*2\r\n:1\r\n*1\r\n$1\r\nx\r\n");
    BOOST_TEST(encoded(command{"SET", "k", "v w"}) ==
               "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nv w\r\n");
}

BOOST_AUTO_TEST_CASE(a_simple_string_or_error_with_a_line_break_is_not_encoded)
{
    io::bytes_mut out;
    BOOST_TEST(resp::encode(value::simple_string("a\r\nb"), out).error() ==
               make_error_code(resp::error::invalid_simple_string));
    BOOST_TEST(resp::encode(value::error("ERR\n"), out).error() ==
               make_error_code(resp::error::invalid_simple_string));
}

BOOST_AUTO_TEST_CASE(the_client_decodes_every_reply_type)
{
    resp::client_codec codec;
    auto const all = every_type();
    auto r = decode_all(codec, encoded(all) + encoded(value::ok()) + ":7\r\n");
    BOOST_REQUIRE(r);
    BOOST_REQUIRE(r->size() == 3u);
    BOOST_TEST((*r)[0] == all);
    BOOST_TEST((*r)[0].elements()[6].type() == resp::type::null_bulk_string);
    BOOST_TEST((*r)[0].elements()[7].type() == resp::type::null_array);
    BOOST_TEST((*r)[1] == value::ok());
    BOOST_TEST((*r)[2] == value::integer(7));
}

BOOST_AUTO_TEST_CASE(the_client_decodes_a_reply_cut_anywhere)
{
    resp::client_codec codec;
    auto const all = every_type();
    BOOST_TEST(decode_byte_by_byte(codec, encoded(all)) == all);
    BOOST_TEST(decode_byte_by_byte(codec, "$3\r\nabc\r\n") == bulk("abc"));
    BOOST_TEST(decode_byte_by_byte(codec, "-ERR x\r\n") == value::error("ERR x"));
}

BOOST_AUTO_TEST_CASE(decoded_strings_share_the_read_buffer)
{
    resp::client_codec codec;
    io::bytes_mut buf(std::string_view("*2\r\n$5\r\nhello\r\n+OK\r\n"));
    char const* const start = buf.data();
    auto r = codec.decode(buf);
    BOOST_REQUIRE(r && *r);
    BOOST_TEST(at((**r).elements()[0].text().data()) == at(start + 8));
    BOOST_TEST(at((**r).elements()[1].text().data()) == at(start + 16));

    resp::server_codec server;
    io::bytes_mut in(std::string_view("*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n"));
    char const* const from = in.data();
    auto c = server.decode(in);
    BOOST_REQUIRE(c && *c);
    BOOST_TEST(at((**c)[0].data()) == at(from + 8));
    BOOST_TEST(at((**c)[1].data()) == at(from + 18));
}

BOOST_AUTO_TEST_CASE(the_server_decodes_arrays_of_bulk_strings)
{
    resp::server_codec codec;
    auto r = decode_all(
        codec, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\na\r\nb\r\n*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n");
    BOOST_REQUIRE(r);
    BOOST_REQUIRE(r->size() == 2u); // `*0` and `*-1` are skipped, as Redis does
    BOOST_TEST((*r)[0] == (command{"SET", "k", "a\r\nb"}));
    BOOST_TEST((*r)[1] == command{"PING"});
    BOOST_TEST((*r)[1].is("PING"));
    BOOST_TEST(decode_byte_by_byte(codec, "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n") ==
               (command{"ECHO", ""}));
}

BOOST_AUTO_TEST_CASE(an_array_read_in_one_pass_decodes_as_one_read_in_steps)
{
    struct expected {
        std::string input;
        std::vector<command> commands;
        boost::system::error_code error;
    };
    auto const bad_bulk = make_error_code(resp::error::invalid_bulk_length);
    auto const bad_count = make_error_code(resp::error::invalid_multibulk_length);
    auto const no_crlf = make_error_code(resp::error::expected_crlf);
    std::vector<command> sixteen, seventeen;
    for (std::size_t n : {16, 17}) {
        command c;
        for (std::size_t i = 0; i < n; ++i)
            c.push_back(io::bytes("a" + std::to_string(i)));
        (n == 16 ? sixteen : seventeen).push_back(std::move(c));
    }
    std::vector<expected> const cases = {
        {"*1\r\n$4\r\nPING\r\n", {command{"PING"}}, {}},
        {"*3\r\n$3\r\nSET\r\n$16\r\nkey:__rand_int__\r\n$3\r\nxxx\r\n",
         {command{"SET", "key:__rand_int__", "xxx"}},
         {}},
        {"*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", {command{"ECHO", ""}}, {}},
        {"*1\r\n$10\r\n0123456789\r\n*2\r\n$1\r\na\r\n$2\r\n\r\n\r\n",
         {command{"0123456789"}, command{"a", "\r\n"}},
         {}},
        {array_of(16), sixteen, {}}, // the most read in one pass
        {array_of(17), seventeen, {}},
        {"*1\r\n$4\r\nPING\r\nPING\r\n*0\r\n*-1\r\n*1\r\n$1\r\nx\r\n",
         {command{"PING"}, command{"PING"}, command{"x"}},
         {}},
        {"*1\r\n$4\r\nPING\r", {}, {}}, // not all there: no command, no error
        {"*1\r\n$4\r\nPING\r\n*2\r\n$1\r\na\r\n", {command{"PING"}}, {}},
        {"*01\r\n$1\r\nx\r\n", {}, bad_count},
        {"*1 \r\n$1\r\nx\r\n", {}, bad_count},
        {"*+1\r\n$1\r\nx\r\n", {}, bad_count},
        {"*1048577\r\n", {}, bad_count},
        {"*1\r\n$04\r\nPING\r\n", {}, bad_bulk},
        {"*1\r\n$+4\r\nPING\r\n", {}, bad_bulk},
        {"*1\r\n$-0\r\n", {}, bad_bulk},
        {"*1\r\n$4 \r\nPING\r\n", {}, bad_bulk},
        {"*1\r\n$1234567890123456789\r\n", {}, bad_bulk},
        {"*1\r\n$99999999999999999999\r\n", {}, bad_bulk},
        {"*1\r\n$536870913\r\n", {}, bad_bulk},
        {"*1\r\n$4\r\nPINGx\r\n", {}, no_crlf},
        {"*1\r\n$4\r\nPING\n\n", {}, no_crlf},
        {"*1\r\n$4\nPING\r\n", {}, no_crlf},
        {"*1\n$4\r\nPING\r\n", {}, no_crlf},
        {"*2\r\n$1\r\na\r\n:1\r\n", {}, make_error_code(resp::error::expected_bulk_string)},
        {"*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n", {command{"PING"}}, bad_bulk},
    };
    for (auto const& c : cases) {
        auto const whole = decode_server(c.input, false);
        BOOST_TEST((whole.commands == c.commands), c.input);
        BOOST_TEST(whole.error == c.error, c.input);
        BOOST_TEST((whole == decode_server(c.input, true)), c.input);
    }
}

BOOST_AUTO_TEST_CASE(an_array_read_in_one_pass_is_held_to_the_limits)
{
    struct expected {
        resp::limits limits;
        std::string input;
        std::size_t commands;
        boost::system::error_code error;
        std::string_view error_text;
    };
    resp::limits short_lines;
    short_lines.max_line = 3;
    resp::limits small;
    small.max_bulk = 4;
    small.max_elements = 2;
    small.max_frame = 7;
    std::vector<expected> const cases = {
        {short_lines, "*1\r\n$3\r\nabc\r\n", 1, {}, ""},
        {short_lines, "*1\r\n$10\r\n0123456789\r\n", 1, {}, ""}, // "$10": 3 bytes
        {short_lines, "*1\r\n$100\r\n", 0, make_error_code(resp::error::line_too_long),
         "Protocol error: too big bulk count string"},
        {short_lines, "*1000\r\n", 0, make_error_code(resp::error::line_too_long),
         "Protocol error: too big mbulk count string"},
        {small, "*2\r\n$4\r\nabcd\r\n$3\r\nxyz\r\n", 1, {}, ""},
        {small, "*1\r\n$5\r\nabcde\r\n", 0, make_error_code(resp::error::invalid_bulk_length),
         "Protocol error: invalid bulk length"},
        {small, "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", 0,
         make_error_code(resp::error::invalid_multibulk_length),
         "Protocol error: invalid multibulk length"},
        {small, "*2\r\n$4\r\nabcd\r\n$4\r\nwxyz\r\n", 0,
         make_error_code(protokit::error::frame_too_large), ""},
    };
    for (auto const& c : cases) {
        auto const whole = decode_server(c.input, false, c.limits);
        BOOST_TEST(whole.commands.size() == c.commands, c.input);
        BOOST_TEST(whole.error == c.error, c.input);
        BOOST_TEST(whole.error_text == c.error_text, c.input);
        BOOST_TEST((whole == decode_server(c.input, true, c.limits)), c.input);
    }
}

// A line the codec looked for in an earlier read, then an array read in one pass: the next line
// is looked for from its own start (a stale place would make "A\nPING" one inline line).
BOOST_AUTO_TEST_CASE(after_an_array_read_in_one_pass_lines_are_found_from_their_start)
{
    resp::server_codec codec;
    io::bytes_mut buf(std::string_view("*1"));
    auto r = codec.decode(buf);
    BOOST_REQUIRE(r);
    BOOST_TEST(!r->has_value());
    buf.append("\r\n$4\r\nPING\r\nA\nPING\r\n");
    std::vector<command> out;
    for (int i = 0; i < 4; ++i) {
        r = codec.decode(buf);
        BOOST_REQUIRE(r);
        if (!*r)
            break;
        out.push_back(std::move(**r));
    }
    BOOST_TEST((out == std::vector<command>{command{"PING"}, command{"A"}, command{"PING"}}));
    BOOST_TEST(buf.empty());
}

BOOST_AUTO_TEST_CASE(the_server_decodes_inline_commands_with_redis_quoting)
{
    resp::server_codec codec;
    auto r = decode_all(codec, "PING\r\n  set  k   v\n\r\n   \r\n"
                               "ECHO \"a b\\x41\\n\\\"\" 'it\\'s' \"\"\r\n");
    BOOST_REQUIRE(r);
    BOOST_REQUIRE(r->size() == 3u); // empty and blank lines are skipped
    BOOST_TEST((*r)[0] == command{"PING"});
    BOOST_TEST((*r)[1] == (command{"set", "k", "v"}));
    BOOST_TEST((*r)[1].is("SET"));
    BOOST_TEST((*r)[2] == (command{"ECHO", "a bA\n\"", "it's", ""}));
    BOOST_TEST(decode_byte_by_byte(codec, "GET key\r\n") == (command{"GET", "key"}));
    // A quote may open in the middle of an argument.
    auto mid = decode_all(codec, "ECHO a\"b c\" d'e'\r\n");
    BOOST_REQUIRE(mid);
    BOOST_TEST(mid->front() == (command{"ECHO", "ab c", "de"}));
}

// Found by fuzz_resp_server: a NUL ended an argument but was not skipped as a blank, so "\0\n"
// made empty arguments forever (a hang, and memory without bound).
BOOST_AUTO_TEST_CASE(a_nul_ends_an_inline_line_as_in_redis)
{
    resp::server_codec codec;
    auto r = decode_all(codec, std::string_view("\0\n"
                                                "GET k\0ignored \"\r\n"
                                                "PING\r\n",
                                                25));
    BOOST_REQUIRE(r);
    BOOST_REQUIRE(r->size() == 2u);
    BOOST_TEST((*r)[0] == (command{"GET", "k"}));
    BOOST_TEST((*r)[1] == command{"PING"});

    resp::server_codec quoted;
    BOOST_TEST(decode_error(quoted, std::string_view("ECHO \"a\0b\"\r\n", 12)) ==
               make_error_code(resp::error::unbalanced_quotes));
}

BOOST_AUTO_TEST_CASE(the_server_refuses_what_is_not_a_command_with_redis_s_error_text)
{
    struct bad {
        std::string_view input;
        resp::error error;
        std::string_view text;
    };
    bad const cases[] = {
        {"*x\r\n", resp::error::invalid_multibulk_length,
         "Protocol error: invalid multibulk length"},
        {"*1048577\r\n", resp::error::invalid_multibulk_length,
         "Protocol error: invalid multibulk length"},
        {"*1\r\n$-1\r\n", resp::error::invalid_bulk_length, "Protocol error: invalid bulk length"},
        {"*1\r\n$536870913\r\n", resp::error::invalid_bulk_length,
         "Protocol error: invalid bulk length"},
        {"*1\r\n$01\r\n", resp::error::invalid_bulk_length, "Protocol error: invalid bulk length"},
        {"*1\r\n:1\r\n", resp::error::expected_bulk_string,
         "Protocol error: expected '$', got ':'"},
        {"*1\r\n\r\n", resp::error::expected_bulk_string, "Protocol error: expected '$', got ' '"},
        {"*1\r\n$2\r\nabc\r\n", resp::error::expected_crlf, "Protocol error: expected CRLF"},
        {"*1\n", resp::error::expected_crlf, "Protocol error: expected CRLF"},
        {"ECHO \"a\r\n", resp::error::unbalanced_quotes,
         "Protocol error: unbalanced quotes in request"},
        {"ECHO 'a'b\r\n", resp::error::unbalanced_quotes,
         "Protocol error: unbalanced quotes in request"},
    };
    for (auto const& c : cases) {
        resp::server_codec codec;
        BOOST_TEST(decode_error(codec, c.input) == make_error_code(c.error), c.input);
        BOOST_TEST(codec.error_text() == c.text, c.input);
        BOOST_TEST(resp::is_protocol_error(make_error_code(c.error)));
    }
}

BOOST_AUTO_TEST_CASE(lines_over_64_kib_are_refused_before_their_end)
{
    resp::server_codec codec;
    std::string line(64 * 1024, 'a');
    BOOST_TEST(
        !decode_error(codec, line)); // up to the limit: still waiting for the end of the line
    BOOST_TEST(decode_error(codec, line + "aa") == make_error_code(resp::error::line_too_long));
    BOOST_TEST(codec.error_text() == "Protocol error: too big inline request");

    resp::server_codec counts;
    BOOST_TEST(decode_error(counts, "*" + line + "aa") ==
               make_error_code(resp::error::line_too_long));
    BOOST_TEST(counts.error_text() == "Protocol error: too big mbulk count string");

    resp::client_codec client;
    BOOST_TEST(decode_error(client, "+" + line + "a\r\n") ==
               make_error_code(resp::error::line_too_long));
}

BOOST_AUTO_TEST_CASE(a_bulk_string_over_512_mib_is_refused_without_allocating)
{
    resp::server_codec server;
    io::bytes_mut buf(std::string_view("*1\r\n$536870913\r\n"));
    std::size_t const capacity = buf.capacity();
    BOOST_TEST(server.decode(buf).error() == make_error_code(resp::error::invalid_bulk_length));
    BOOST_TEST(buf.capacity() <= capacity); // (less by the header it took)

    // 512 MiB exactly is allowed: the codec waits, and makes room for a part of it only.
    resp::server_codec at_limit;
    io::bytes_mut max(std::string_view("*1\r\n$536870912\r\n"));
    auto r = at_limit.decode(max);
    BOOST_REQUIRE(r);
    BOOST_TEST(!r->has_value());
    BOOST_TEST(max.capacity() <= std::size_t{2} << 20);

    resp::client_codec client;
    BOOST_TEST(decode_error(client, "$536870913\r\n") ==
               make_error_code(resp::error::invalid_bulk_length));
    BOOST_TEST(!decode_error(client, "$536870912\r\n"));
    BOOST_TEST(resp::limits{}.read_buffer_limit() > resp::limits{}.max_bulk);
}

BOOST_AUTO_TEST_CASE(limits_hold_at_their_bounds)
{
    resp::limits small;
    small.max_bulk = 4;
    small.max_elements = 3;
    small.max_depth = 2;

    resp::server_codec server(small);
    auto ok = decode_all(server, "*3\r\n$4\r\nabcd\r\n$0\r\n\r\n$1\r\nx\r\n");
    BOOST_REQUIRE(ok);
    BOOST_TEST(ok->front() == (command{"abcd", "", "x"}));
    resp::server_codec s2(small);
    BOOST_TEST(decode_error(s2, "*4\r\n") ==
               make_error_code(resp::error::invalid_multibulk_length));
    resp::server_codec s3(small);
    BOOST_TEST(decode_error(s3, "*1\r\n$5\r\n") ==
               make_error_code(resp::error::invalid_bulk_length));

    resp::client_codec client(small);
    auto nested = decode_all(client, "*2\r\n*1\r\n:1\r\n$4\r\nabcd\r\n");
    BOOST_REQUIRE(nested);
    BOOST_TEST(nested->front() == value::array({value::array({value::integer(1)}), bulk("abcd")}));
    // Elements count over the whole frame: 2 + 2 > 3.
    resp::client_codec c2(small);
    BOOST_TEST(decode_error(c2, "*2\r\n*2\r\n") ==
               make_error_code(resp::error::invalid_multibulk_length));
    // Three arrays deep is one too many.
    resp::client_codec c3(small);
    BOOST_TEST(decode_error(c3, "*1\r\n*1\r\n*1\r\n") ==
               make_error_code(resp::error::nesting_too_deep));
    // So does the size of a frame's bulk strings, in all.
    resp::limits frame = small;
    frame.max_frame = 6;
    resp::server_codec s4(frame);
    BOOST_TEST(decode_error(s4, "*2\r\n$4\r\nabcd\r\n$3\r\n") ==
               make_error_code(protokit::error::frame_too_large));
    BOOST_TEST(!resp::is_protocol_error(make_error_code(protokit::error::frame_too_large)));
    resp::server_codec s5(frame);
    BOOST_TEST(decode_all(s5, "*2\r\n$4\r\nabcd\r\n$2\r\nef\r\n*1\r\n$4\r\nabcd\r\n").has_value());
    resp::client_codec c5(frame);
    BOOST_TEST(decode_error(c5, "*2\r\n$4\r\nabcd\r\n$3\r\n") ==
               make_error_code(protokit::error::frame_too_large));
    // The count starts again with each frame.
    resp::client_codec c4(small);
    auto frames = decode_all(c4, "*3\r\n:1\r\n:2\r\n:3\r\n*3\r\n:1\r\n:2\r\n:3\r\n");
    BOOST_REQUIRE(frames);
    BOOST_TEST(frames->size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_client_refuses_what_is_not_a_reply)
{
    struct bad {
        std::string_view input;
        resp::error error;
    };
    bad const cases[] = {
        {"?what\r\n", resp::error::invalid_reply_type},
        {"\r\n", resp::error::invalid_reply_type},
        {":12a\r\n", resp::error::invalid_integer},
        {":\r\n", resp::error::invalid_integer},
        {":9223372036854775808\r\n", resp::error::invalid_integer},
        {"$-2\r\n", resp::error::invalid_bulk_length},
        {"*-2\r\n", resp::error::invalid_multibulk_length},
        {"$1\r\nab\r\n", resp::error::expected_crlf},
        {"+OK\n", resp::error::expected_crlf},
    };
    for (auto const& c : cases) {
        resp::client_codec codec;
        BOOST_TEST(decode_error(codec, c.input) == make_error_code(c.error), c.input);
    }
}

BOOST_AUTO_TEST_CASE(integers_are_read_strictly_as_redis_does)
{
    using resp::detail::parse_integer;
    BOOST_TEST(parse_integer("0").value() == 0);
    BOOST_TEST(parse_integer("-9223372036854775808").value() ==
               std::numeric_limits<std::int64_t>::min());
    BOOST_TEST(parse_integer("9223372036854775807").value() ==
               std::numeric_limits<std::int64_t>::max());
    BOOST_TEST(parse_integer("-7").value() == -7);
    BOOST_TEST(parse_integer("999999999999999999").value() == 999999999999999999);
    BOOST_TEST(parse_integer("-999999999999999999").value() == -999999999999999999);
    BOOST_TEST(parse_integer("1000000000000000000").value() == 1000000000000000000);
    for (auto bad : {"", "-", "-0", "01", "-01", "00", "+1", " 1", "1 ", "1.5", "1-",
                     "9223372036854775808", "-9223372036854775809", "99999999999999999999",
                     "0x10", "12a", "1\r"})
        BOOST_TEST(!parse_integer(bad), bad);
}

BOOST_AUTO_TEST_CASE(arguments_past_three_move_to_the_heap_in_order)
{
    resp::arg_list args;
    for (int i = 0; i < 6; ++i) {
        args.push_back(io::bytes(std::to_string(i)));
        BOOST_TEST(args.size() == static_cast<std::size_t>(i + 1));
        for (int j = 0; j <= i; ++j)
            BOOST_TEST(args[static_cast<std::size_t>(j)].view() == std::to_string(j));
    }
    resp::arg_list copy = args;
    BOOST_TEST((copy == args));
    resp::arg_list moved = std::move(args);
    BOOST_TEST(args.empty());
    BOOST_TEST(moved.size() == 6u);
    BOOST_TEST((moved == copy));

    resp::arg_list small;
    small.push_back(io::bytes("GET"));
    small.push_back(io::bytes("k"));
    resp::arg_list small_moved = std::move(small);
    BOOST_TEST(small.empty());
    BOOST_TEST(small_moved.size() == 2u);
    BOOST_TEST(small_moved[1].view() == "k");
    BOOST_TEST(!(small_moved == copy));
}

BOOST_AUTO_TEST_CASE(an_argument_list_moved_onto_another_leaves_only_its_arguments)
{
    auto list_of = [](std::initializer_list<std::string_view> args) {
        resp::arg_list out;
        for (auto a : args)
            out.push_back(io::bytes(a));
        return out;
    };
    resp::arg_list big = list_of({"0", "1", "2", "3", "4"});
    resp::arg_list small = list_of({"GET", "k"});
    resp::arg_list target = list_of({"x", "y", "z", "w"});
    target = std::move(small);
    BOOST_TEST((target == list_of({"GET", "k"})));
    BOOST_TEST(small.empty());
    target = std::move(big);
    BOOST_TEST((target == list_of({"0", "1", "2", "3", "4"})));
    BOOST_TEST(big.empty());
    resp::arg_list three = list_of({"a", "b", "c"});
    target = std::move(three);
    BOOST_TEST((target == list_of({"a", "b", "c"})));
    // A list moved from takes arguments again, inline and then on the heap.
    for (auto a : {"p", "q", "r", "s"})
        small.push_back(io::bytes(std::string_view(a)));
    BOOST_TEST((small == list_of({"p", "q", "r", "s"})));
    target.clear();
    BOOST_TEST(target.empty());
    BOOST_TEST(target.begin() == target.end());
}

BOOST_AUTO_TEST_CASE(values_copy_and_compare_deeply)
{
    value const nested = value::array({value::integer(1), value::array({value::bulk_string("x")})});
    value copy = nested;
    BOOST_TEST((copy == nested));
    copy.elements()[1].elements()[0] = value::bulk_string("y");
    BOOST_TEST(!(copy == nested));
    BOOST_TEST(nested.elements()[1].elements()[0].text().view() == "x");
    BOOST_TEST(value().elements().empty());
    BOOST_TEST((value::array({}) == value::array({})));
    BOOST_TEST(!(value::array({}) == value::null_array()));
}

BOOST_AUTO_TEST_CASE(a_command_built_from_strings_holds_them_in_one_block)
{
    command c{"SET", "key", "value"};
    BOOST_REQUIRE(c.size() == 3u);
    BOOST_TEST(c.name() == "SET");
    BOOST_TEST(at(c[1].data()) == at(c[0].data() + 3));
    BOOST_TEST(at(c[2].data()) == at(c[1].data() + 3));
    BOOST_TEST(!c.is("GET"));
    BOOST_TEST((command{"sEt"}.is("SET")));
}

BOOST_AUTO_TEST_SUITE_END()

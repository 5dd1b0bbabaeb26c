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

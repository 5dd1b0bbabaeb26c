// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/proxy_protocol.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The PROXY protocol parser, byte by byte: every prefix of a good header asks
// for more without reading past the header's limit, every malformed header is
// refused (as early as its bytes allow), and what follows a header is left alone.

BOOST_AUTO_TEST_SUITE(proto_proxy_protocol)

namespace {

namespace ppx = protokit::proto::proxy;

ppx::parse_result parse(std::string_view s)
{
    return ppx::parse(std::span<char const>(s.data(), s.size()));
}

std::string const v2_sig("\r\n\r\n\0\r\nQUIT\n", 12);

/// A version 2 header: the signature, `ver_cmd`, `family`, the length of `rest` (or `length`).
std::string v2(unsigned ver_cmd, unsigned family, std::string const& rest, int length = -1)
{
    std::string h = v2_sig;
    h += static_cast<char>(ver_cmd);
    h += static_cast<char>(family);
    unsigned const len = length < 0 ? static_cast<unsigned>(rest.size()) : unsigned(length);
    h += static_cast<char>(len >> 8);
    h += static_cast<char>(len & 0xff);
    return h + rest;
}

/// The address block of an IPv4 PROXY header: 192.0.2.1:56324 -> 198.51.100.7:443.
std::string v4_addresses()
{
    return std::string("\xc0\x00\x02\x01\xc6\x33\x64\x07\xdc\x04\x01\xbb", 12);
}

/// The address block of an IPv6 PROXY header: [2001:db8::1]:1 -> [2001:db8::2]:65535.
std::string v6_addresses()
{
    std::string a(36, '\0');
    a[0] = '\x20', a[1] = '\x01', a[2] = '\x0d', a[3] = '\xb8', a[15] = '\x01';
    a[16] = '\x20', a[17] = '\x01', a[18] = '\x0d', a[19] = '\xb8', a[31] = '\x02';
    a[32] = '\x00', a[33] = '\x01', a[34] = '\xff', a[35] = '\xff';
    return a;
}

/// Every strict prefix of `h` needs more, within the limit; `h` itself is complete.
void check_prefixes(std::string const& h, std::size_t max)
{
    for (std::size_t n = 0; n < h.size(); ++n) {
        auto r = parse(std::string_view(h).substr(0, n));
        BOOST_TEST_INFO("prefix of " << n << " bytes");
        BOOST_TEST(int(r.state) == int(ppx::status::need_more));
        BOOST_TEST(r.limit > n);
        BOOST_TEST(r.limit <= max);
    }
    auto r = parse(h);
    BOOST_TEST(int(r.state) == int(ppx::status::complete));
    BOOST_TEST(r.size == h.size());
}

void check_invalid(std::string const& h)
{
    auto r = parse(h);
    BOOST_TEST_INFO("header " << h.size() << " bytes");
    BOOST_TEST(int(r.state) == int(ppx::status::invalid));
    BOOST_TEST(!r.reason.empty());
}

boost::asio::ip::tcp::endpoint ep(char const* address, unsigned short port)
{
    return {boost::asio::ip::make_address(address), port};
}

} // namespace

BOOST_AUTO_TEST_CASE(v1_tcp4)
{
    std::string const h = "PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n";
    check_prefixes(h, ppx::v1_max_size);
    auto r = parse(h + "GET / HTTP/1.1\r\n");
    BOOST_TEST(int(r.state) == int(ppx::status::complete));
    BOOST_TEST(r.size == h.size());
    BOOST_TEST(r.header.version == 1);
    BOOST_TEST(r.header.proxied);
    BOOST_TEST(r.header.source == ep("192.0.2.1", 56324));
    BOOST_TEST(r.header.destination == ep("198.51.100.7", 443));
}

BOOST_AUTO_TEST_CASE(v1_tcp6)
{
    std::string const h = "PROXY TCP6 2001:db8::1 ::ffff:198.51.100.7 0 65535\r\n";
    check_prefixes(h, ppx::v1_max_size);
    auto r = parse(h + "1\n");
    BOOST_TEST(r.size == h.size());
    BOOST_TEST(r.header.proxied);
    BOOST_TEST(r.header.source == ep("2001:db8::1", 0));
    BOOST_TEST(r.header.destination == ep("::ffff:198.51.100.7", 65535));
}

BOOST_AUTO_TEST_CASE(v1_unknown)
{
    for (std::string h :
         {"PROXY UNKNOWN\r\n", "PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n"}) {
        check_prefixes(h, ppx::v1_max_size);
        auto r = parse(h);
        BOOST_TEST(r.header.version == 1);
        BOOST_TEST(!r.header.proxied);
    }
}

BOOST_AUTO_TEST_CASE(v1_at_and_over_the_limit)
{
    // The longest TCP header: 104 bytes; UNKNOWN's longest form, below, is the 107 of the limit.
    std::string const longest = "PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff "
                                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff "
                                "65535 65535\r\n";
    BOOST_TEST(longest.size() == 104u);
    check_prefixes(longest, ppx::v1_max_size);

    std::string unknown = "PROXY UNKNOWN ";
    unknown += std::string(ppx::v1_max_size - unknown.size() - 2, 'x') + "\r\n";
    BOOST_TEST(unknown.size() == ppx::v1_max_size);
    BOOST_TEST(int(parse(unknown).state) == int(ppx::status::complete));

    // One byte more: refused once 107 bytes came without a CRLF, or with CR as the 107th.
    std::string over = "PROXY UNKNOWN " + std::string(ppx::v1_max_size - 14 - 1, 'x') + "\r\n";
    BOOST_TEST(over.size() == ppx::v1_max_size + 1);
    check_invalid(over);
    check_invalid(over.substr(0, ppx::v1_max_size));
    check_invalid(std::string("PROXY ") + std::string(200, 'x'));
    BOOST_TEST(int(parse(over.substr(0, ppx::v1_max_size - 1)).state) ==
               int(ppx::status::need_more));
}

BOOST_AUTO_TEST_CASE(v1_malformed)
{
    for (std::string h : {
             "PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\n",   // LF alone
             "PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\rx",  // CR alone
             "PROXY TCP5 192.0.2.1 198.51.100.7 56324 443\r\n", // protocol
             "PROXY tcp4 192.0.2.1 198.51.100.7 56324 443\r\n",
             "PROXY  TCP4 192.0.2.1 198.51.100.7 56324 443\r\n", // two spaces
             "PROXY TCP4 192.0.2.1  198.51.100.7 56324 443\r\n",
             "PROXY TCP4 192.0.2.1 198.51.100.7 56324 443 \r\n",  // trailing space
             "PROXY TCP4 192.0.2.1 198.51.100.7 56324\r\n",       // three fields
             "PROXY TCP4 192.0.2.1 198.51.100.7 56324 443 1\r\n", // five
             "PROXY TCP4\r\n",
             "PROXY TCP4 \r\n",
             "PROXY \r\n",
             "PROXY UNKNOWNX\r\n",
             "PROXY TCP4 192.0.2 198.51.100.7 56324 443\r\n", // address
             "PROXY TCP4 192.0.2.256 198.51.100.7 56324 443\r\n",
             "PROXY TCP4 2001:db8::1 198.51.100.7 56324 443\r\n", // v6 in TCP4
             "PROXY TCP6 192.0.2.1 2001:db8::2 56324 443\r\n",    // v4 in TCP6
             "PROXY TCP6 fe80::1%1 2001:db8::2 56324 443\r\n",    // scope id
             "PROXY TCP4 192.0.2.1 198.51.100.7 65536 443\r\n",   // port range
             "PROXY TCP4 192.0.2.1 198.51.100.7 56324 -1\r\n",
             "PROXY TCP4 192.0.2.1 198.51.100.7 056324 443\r\n", // leading zero
             "PROXY TCP4 192.0.2.1 198.51.100.7 +5 443\r\n",
             "PROXY TCP4 192.0.2.1 198.51.100.7 5a 443\r\n",
             "PROXY TCP4 192.0.2.1 198.51.100.7 99999999999999999999 443\r\n",
         })
        check_invalid(h);
    // The address parser never sees past its field, even with a NUL in it.
    char const with_nul[] = "PROXY TCP4 192.0.2.1\0 198.51.100.7 1 2\r\n";
    check_invalid(std::string(with_nul, sizeof with_nul - 1));
}

BOOST_AUTO_TEST_CASE(v2_proxy_ipv4_with_tlvs)
{
    // TLVs (here ALPN and a NOOP) follow the addresses; they are skipped.
    std::string const tlvs("\x01\x00\x02h2\x04\x00\x03xyz", 11);
    std::string const h = v2(0x21, 0x11, v4_addresses() + tlvs);
    check_prefixes(h, h.size());
    auto r = parse(h + "request");
    BOOST_TEST(int(r.state) == int(ppx::status::complete));
    BOOST_TEST(r.size == 16 + 12 + 11);
    BOOST_TEST(r.header.version == 2);
    BOOST_TEST(r.header.proxied);
    BOOST_TEST(r.header.source == ep("192.0.2.1", 56324));
    BOOST_TEST(r.header.destination == ep("198.51.100.7", 443));
    // From the fixed part on, the limit is the header's exact length.
    BOOST_TEST(parse(h.substr(0, 16)).limit == h.size());
}

BOOST_AUTO_TEST_CASE(v2_proxy_ipv6)
{
    std::string const h = v2(0x21, 0x21, v6_addresses());
    check_prefixes(h, h.size());
    auto r = parse(h);
    BOOST_TEST(r.header.proxied);
    BOOST_TEST(r.header.source == ep("2001:db8::1", 1));
    BOOST_TEST(r.header.destination == ep("2001:db8::2", 65535));
    // UDP over IPv6 names a client all the same.
    BOOST_TEST(parse(v2(0x21, 0x22, v6_addresses())).header.proxied);
}

BOOST_AUTO_TEST_CASE(v2_local_and_unnamed_families)
{
    // LOCAL (a balancer's own check): no address, whatever the block holds.
    auto local = parse(v2(0x20, 0x00, ""));
    BOOST_TEST(int(local.state) == int(ppx::status::complete));
    BOOST_TEST(local.size == 16u);
    BOOST_TEST(!local.header.proxied);
    auto local_v4 = parse(v2(0x20, 0x11, v4_addresses()));
    BOOST_TEST(int(local_v4.state) == int(ppx::status::complete));
    BOOST_TEST(!local_v4.header.proxied);
    // LOCAL may even carry a block too short for its family: it is not read.
    BOOST_TEST(int(parse(v2(0x20, 0x11, "ab")).state) == int(ppx::status::complete));
    // PROXY over UNSPEC or UNIX: the connection's own addresses stand.
    BOOST_TEST(!parse(v2(0x21, 0x00, "")).header.proxied);
    auto unix_h = parse(v2(0x21, 0x31, std::string(216, 'u')));
    BOOST_TEST(int(unix_h.state) == int(ppx::status::complete));
    BOOST_TEST(!unix_h.header.proxied);
}

BOOST_AUTO_TEST_CASE(v2_lengths_at_and_over_the_limit)
{
    // The largest length the field holds: 16 + 65535 bytes, and not one more is asked for.
    std::string const big = v2(0x21, 0x11, v4_addresses() + std::string(0xffff - 12, '\0'));
    BOOST_TEST(big.size() == ppx::v2_max_size);
    BOOST_TEST(parse(big.substr(0, 16)).limit == ppx::v2_max_size);
    BOOST_TEST(parse(big.substr(0, ppx::v2_max_size - 1)).limit == ppx::v2_max_size);
    auto r = parse(big + "after");
    BOOST_TEST(int(r.state) == int(ppx::status::complete));
    BOOST_TEST(r.size == ppx::v2_max_size);
    // Lengths too short for the family's addresses are refused from the fixed part on.
    check_invalid(v2(0x21, 0x11, "", 11));
    check_invalid(v2(0x21, 0x11, "").substr(0, 16));
    check_invalid(v2(0x21, 0x21, v4_addresses()));
    check_invalid(v2(0x21, 0x31, std::string(215, 'u')));
}

BOOST_AUTO_TEST_CASE(v2_malformed)
{
    check_invalid(v2(0x11, 0x11, v4_addresses())); // version 1 in the nibble
    check_invalid(v2(0x31, 0x11, v4_addresses())); // version 3
    check_invalid(v2(0x22, 0x11, v4_addresses())); // command 2
    check_invalid(v2(0x2f, 0x11, v4_addresses()));
    check_invalid(v2(0x21, 0x41, v4_addresses())); // family 4
    check_invalid(v2(0x21, 0x13, v4_addresses())); // transport 3
    check_invalid(v2(0x21, 0x10, v4_addresses())); // INET with UNSPEC transport
    check_invalid(v2(0x21, 0x01, v4_addresses())); // UNSPEC with STREAM
    for (unsigned family = 0; family < 256; ++family) {
        bool const listed = family == 0x00 || family == 0x11 || family == 0x12 || family == 0x21 ||
                            family == 0x22 || family == 0x31 || family == 0x32;
        auto r = parse(v2(0x21, family, std::string(216, '\0')));
        BOOST_TEST_INFO("family byte " << family);
        BOOST_TEST(int(r.state) == int(listed ? ppx::status::complete : ppx::status::invalid));
    }
}

BOOST_AUTO_TEST_CASE(absent_or_not_yet_known)
{
    // Nothing yet: read the fixed part of a version 2 header, no more.
    BOOST_TEST(int(parse("").state) == int(ppx::status::need_more));
    BOOST_TEST(parse("").limit == ppx::v2_fixed_size);
    // A prefix of either signature waits; a byte off either is "absent".
    BOOST_TEST(int(parse("PROX").state) == int(ppx::status::need_more));
    BOOST_TEST(int(parse(v2_sig.substr(0, 7)).state) == int(ppx::status::need_more));
    for (std::string h : std::vector<std::string>{
             "GET / HTTP/1.1\r\n", "42\n", "PROXY", "PROXZ", "proxy ", "\r\n\r\n\n",
             std::string("\r\n\r\n\0\r\nQUIT\r", 12), std::string(1, '\0')}) {
        auto r = parse(h);
        BOOST_TEST_INFO("'" << h << "'");
        BOOST_TEST((r.state == ppx::status::absent || h == "PROXY"));
    }
    BOOST_TEST(int(parse("PROXY").state) == int(ppx::status::need_more));
}

BOOST_AUTO_TEST_CASE(every_byte_at_every_position_of_a_v1_header)
{
    // Replacing any one byte of a good header by any value never crashes the parser and
    // never makes it claim more bytes than the header may hold.
    std::string const good = "PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n";
    for (std::size_t i = 0; i < good.size(); ++i) {
        for (int b = 0; b < 256; ++b) {
            std::string h = good;
            h[i] = static_cast<char>(b);
            auto r = parse(h);
            if (r.state == ppx::status::complete)
                BOOST_REQUIRE(r.size <= h.size());
            if (r.state == ppx::status::need_more)
                BOOST_REQUIRE(r.limit <= ppx::v2_max_size);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

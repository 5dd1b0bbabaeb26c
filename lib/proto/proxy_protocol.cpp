// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/proxy_protocol.hpp>

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace protokit::proto::proxy {
namespace {

constexpr std::string_view v1_signature = "PROXY ";
constexpr std::array<unsigned char, 12> v2_signature = {0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d,
                                                        0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a};

parse_result need(std::size_t limit)
{
    parse_result r;
    r.state = status::need_more;
    r.limit = limit;
    return r;
}

parse_result fail(std::string_view reason)
{
    parse_result r;
    r.state = status::invalid;
    r.reason = reason;
    return r;
}

parse_result done(std::size_t size, header const& h)
{
    parse_result r;
    r.state = status::complete;
    r.size = size;
    r.header = h;
    return r;
}

/// The first `n` bytes of `bytes` match the start of the version 1 signature.
bool matches_v1(std::span<char const> bytes)
{
    std::size_t const n = std::min(bytes.size(), v1_signature.size());
    return std::memcmp(bytes.data(), v1_signature.data(), n) == 0;
}

/// The first bytes of `bytes` match the start of the version 2 signature.
bool matches_v2(std::span<char const> bytes)
{
    std::size_t const n = std::min(bytes.size(), v2_signature.size());
    return std::memcmp(bytes.data(), v2_signature.data(), n) == 0;
}

/// Splits `text` at its first space: the part before it, and `text` moves past it.
bool next_field(std::string_view& text, std::string_view& field)
{
    auto const space = text.find(' ');
    if (space == std::string_view::npos)
        return false;
    field = text.substr(0, space);
    text.remove_prefix(space + 1);
    return !field.empty();
}

/// A decimal port, 0 to 65535, without sign or leading zero.
bool parse_port(std::string_view text, unsigned short& port)
{
    if (text.empty() || text.size() > 5 || (text.size() > 1 && text[0] == '0'))
        return false;
    unsigned value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 0xffff)
        return false;
    port = static_cast<unsigned short>(value);
    return true;
}

/// An address of the family `v6` says, in the text form inet_pton takes (no allocation).
bool parse_address(std::string_view text, bool v6, boost::asio::ip::address& address)
{
    char buf[64];
    if (text.size() >= sizeof buf)
        return false;
    // Only what the text forms use: a NUL would end the text early for inet_pton.
    for (char c : text) {
        bool const digit = c >= '0' && c <= '9';
        bool const hex = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!digit && c != '.' && !(v6 && (hex || c == ':')))
            return false;
    }
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    boost::system::error_code ec;
    if (v6) {
        auto a = boost::asio::ip::make_address_v6(static_cast<char const*>(buf), ec);
        if (ec || a.scope_id() != 0)
            return false;
        address = a;
    } else {
        auto a = boost::asio::ip::make_address_v4(static_cast<char const*>(buf), ec);
        if (ec)
            return false;
        address = a;
    }
    return true;
}

/// The line of a version 1 header, between "PROXY " and CRLF.
parse_result parse_v1_line(std::string_view line, std::size_t size)
{
    header h;
    h.version = 1;
    if (line == "UNKNOWN" || line.starts_with("UNKNOWN "))
        return done(size, h); // the rest of an UNKNOWN line says nothing the receiver may use
    bool v6 = false;
    if (line.starts_with("TCP6 "))
        v6 = true;
    else if (!line.starts_with("TCP4 "))
        return fail("version 1: protocol is not TCP4, TCP6 or UNKNOWN");
    std::string_view rest = line.substr(5);
    std::string_view src, dst, sport;
    if (!next_field(rest, src) || !next_field(rest, dst) || !next_field(rest, sport) ||
        rest.empty())
        return fail("version 1: not four fields separated by single spaces");
    boost::asio::ip::address src_addr, dst_addr;
    if (!parse_address(src, v6, src_addr) || !parse_address(dst, v6, dst_addr))
        return fail(v6 ? "version 1: invalid IPv6 address" : "version 1: invalid IPv4 address");
    unsigned short src_port = 0, dst_port = 0;
    if (!parse_port(sport, src_port) || !parse_port(rest, dst_port))
        return fail("version 1: invalid port");
    h.proxied = true;
    h.source = {src_addr, src_port};
    h.destination = {dst_addr, dst_port};
    return done(size, h);
}

parse_result parse_v1(std::span<char const> bytes)
{
    std::size_t const n = std::min(bytes.size(), v1_max_size);
    std::string_view const text(bytes.data(), n);
    auto const end = text.find_first_of("\r\n");
    if (end == std::string_view::npos) {
        if (n == v1_max_size)
            return fail("version 1: no CRLF within 107 bytes");
        return need(v1_max_size);
    }
    if (text[end] == '\n')
        return fail("version 1: LF without CR");
    if (end + 1 == n) {
        if (n == v1_max_size)
            return fail("version 1: no CRLF within 107 bytes");
        return need(v1_max_size);
    }
    if (text[end + 1] != '\n')
        return fail("version 1: CR without LF");
    return parse_v1_line(text.substr(v1_signature.size(), end - v1_signature.size()), end + 2);
}

std::uint16_t read16(unsigned char const* p)
{
    return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

parse_result parse_v2(std::span<char const> bytes)
{
    if (bytes.size() < v2_fixed_size)
        return need(v2_fixed_size);
    auto const* b = reinterpret_cast<unsigned char const*>(bytes.data());
    unsigned const version = b[12] >> 4;
    unsigned const command = b[12] & 0x0f;
    if (version != 2)
        return fail("version 2: the version nibble is not 2");
    if (command > 1)
        return fail("version 2: command is neither LOCAL nor PROXY");
    unsigned const family = b[13] >> 4;
    unsigned const transport = b[13] & 0x0f;
    if (family > 3 || transport > 2 || (family == 0) != (transport == 0))
        return fail("version 2: unknown address family or transport");
    std::size_t const length = read16(b + 14);
    std::size_t const size = v2_fixed_size + length;
    bool const proxy = command == 1;
    std::size_t const address_size = family == 1 ? 12 : family == 2 ? 36 : family == 3 ? 216 : 0;
    if (proxy && length < address_size)
        return fail("version 2: length too short for the addresses");
    if (bytes.size() < size)
        return need(size);
    header h;
    h.version = 2;
    if (!proxy || family == 0 || family == 3)
        return done(size, h); // LOCAL, UNSPEC, UNIX: the connection's own addresses stand
    unsigned char const* a = b + v2_fixed_size;
    if (family == 1) {
        boost::asio::ip::address_v4::bytes_type src, dst;
        std::memcpy(src.data(), a, 4);
        std::memcpy(dst.data(), a + 4, 4);
        h.source = {boost::asio::ip::address_v4(src), read16(a + 8)};
        h.destination = {boost::asio::ip::address_v4(dst), read16(a + 10)};
    } else {
        boost::asio::ip::address_v6::bytes_type src, dst;
        std::memcpy(src.data(), a, 16);
        std::memcpy(dst.data(), a + 16, 16);
        h.source = {boost::asio::ip::address_v6(src), read16(a + 32)};
        h.destination = {boost::asio::ip::address_v6(dst), read16(a + 34)};
    }
    h.proxied = true;
    return done(size, h); // TLVs, if any, follow the addresses: skipped
}

} // namespace

parse_result parse(std::span<char const> bytes) noexcept
{
    if (bytes.empty())
        return need(v2_fixed_size);
    if (matches_v1(bytes)) {
        if (bytes.size() < v1_signature.size())
            return need(v1_max_size);
        return parse_v1(bytes);
    }
    if (matches_v2(bytes))
        return parse_v2(bytes);
    parse_result r;
    r.state = status::absent;
    return r;
}

} // namespace protokit::proto::proxy

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_PROXY_PROTOCOL_HPP
#define PROTOKIT_PROTO_PROXY_PROTOCOL_HPP

#include <boost/asio/ip/tcp.hpp>

#include <cstddef>
#include <span>
#include <string_view>

/** The PROXY protocol (HAProxy's, versions 1 and 2): the header a load balancer sends first on
    each connection it opens to a server, naming the client it stands in for.

    `parse` is pure and incremental: it is given every byte received so far
    (the header's start included) and says whether they hold a whole header,
    need more (and how many at most), or can never become one. It never
    reads past a header's length limits: 107 bytes for version 1, 16 plus
    the length field for version 2.
*/
namespace protokit::proto::proxy {

/// Whether a server expects a PROXY protocol header at the start of each connection.
enum class mode {
    /// No header is read: the first bytes belong to the protocol.
    off,
    /// A connection may start with a header (version 1 or 2), or not.
    optional,
    /// Every connection starts with a header (version 1 or 2); one without is closed.
    required,
};

/// The longest version 1 header, its CRLF included.
inline constexpr std::size_t v1_max_size = 107;
/// The fixed part of a version 2 header: signature, version and command, family, length.
inline constexpr std::size_t v2_fixed_size = 16;
/// The longest version 2 header (16 plus the largest 16-bit length).
inline constexpr std::size_t v2_max_size = v2_fixed_size + 0xffff;

/// What a whole header says.
struct header {
    /// 1 or 2.
    int version = 0;
    /** True when the header names the real client: version 1 TCP4 or TCP6, version 2 PROXY over
        TCP or UDP on IPv4 or IPv6.

        False for version 1 UNKNOWN, a version 2 LOCAL command (the balancer's
        own health check), or an address family the header does not carry
        (UNSPEC, UNIX): then the connection's own addresses stand.
    */
    bool proxied = false;
    /// The real client's address (when `proxied`).
    boost::asio::ip::tcp::endpoint source;
    /// The address the client connected to (when `proxied`).
    boost::asio::ip::tcp::endpoint destination;
};

/// What `parse` made of the bytes it was given.
enum class status {
    /// A whole header is at the start: `size` bytes of it, what follows is the protocol's.
    complete,
    /// A header may start here but is not whole yet: read more (up to `limit` bytes in all).
    need_more,
    /// The bytes cannot start a header of either version (`mode::optional`: there is none).
    absent,
    /// The bytes start a header that is malformed or over its limit (`reason` says how).
    invalid,
};

/// The outcome of `parse`.
struct parse_result {
    status state = status::need_more;
    /// `complete`: the header's length in bytes.
    std::size_t size = 0;
    /** `need_more`: the most bytes the header may take in all, as far as the bytes so far tell.

        A reader that reads no further than this never takes bytes beyond
        what the header may hold (a version 1 header's end is only known
        when its CRLF arrives, so some may follow it).
    */
    std::size_t limit = 0;
    /// `complete`: the header.
    proxy::header header;
    /// `invalid`: what is wrong, for the error report.
    std::string_view reason;
};

/** Parses the PROXY protocol header at the start of `bytes`.

    `bytes` are all the bytes the connection has received so far. Call it
    again with more when it returns `need_more`; the answer for a prefix
    never contradicts the answer for the whole (except that `need_more`
    becomes one of the others). Allocates nothing, throws nothing.
*/
parse_result parse(std::span<char const> bytes) noexcept;

} // namespace protokit::proto::proxy

#endif

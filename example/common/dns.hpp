// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_DNS_HPP
#define PROTOKIT_EXAMPLE_COMMON_DNS_HPP

// DNS messages (RFC 1035 section 4): names, the header, questions and
// resource records of types A, AAAA, CNAME, TXT, NS and SOA (any other type,
// OPT included, keeps its data as raw bytes), read from and written to the
// wire with name compression both ways. Reading checks every length and
// every compression pointer: a pointer must point before the labels that
// contain it, so a loop or a pointer out of the message is an error, never a
// hang or an out-of-bounds read.

#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>
#include <boost/system/result.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace example::dns {

/// Record types this code knows by name (others are kept as numbers).
namespace type {
inline constexpr std::uint16_t a = 1;
inline constexpr std::uint16_t ns = 2;
inline constexpr std::uint16_t cname = 5;
inline constexpr std::uint16_t soa = 6;
inline constexpr std::uint16_t txt = 16;
inline constexpr std::uint16_t aaaa = 28;
inline constexpr std::uint16_t opt = 41;
inline constexpr std::uint16_t ixfr = 251;
inline constexpr std::uint16_t axfr = 252;
inline constexpr std::uint16_t any = 255;
} // namespace type

/// The class of Internet records, and the query class that matches any.
namespace klass {
inline constexpr std::uint16_t in = 1;
inline constexpr std::uint16_t any = 255;
} // namespace klass

/// Response codes (RFC 1035 4.1.1; BADVERS is EDNS's, RFC 6891).
namespace rcode {
inline constexpr std::uint16_t noerror = 0;
inline constexpr std::uint16_t formerr = 1;
inline constexpr std::uint16_t servfail = 2;
inline constexpr std::uint16_t nxdomain = 3;
inline constexpr std::uint16_t notimp = 4;
inline constexpr std::uint16_t refused = 5;
inline constexpr std::uint16_t badvers = 16;
} // namespace rcode

/// The standard query opcode; the others get NOTIMP.
inline constexpr std::uint8_t opcode_query = 0;

/// The largest UDP answer a client that sent no EDNS record accepts.
inline constexpr std::size_t classic_udp_size = 512;

/// The largest message TCP's two-byte length prefix can announce.
inline constexpr std::size_t max_tcp_message = 65535;

/// Why a message could not be read.
enum class parse_error {
    truncated = 1, ///< a field or a section runs past the end of the message
    bad_label,     ///< a label type other than a length or a pointer (RFC 6891 retired the others)
    bad_pointer,   ///< a compression pointer that does not point before the labels holding it
    name_too_long, ///< a name over 255 bytes, or a pointer chain that would make one
    bad_rdata,     ///< record data whose length does not fit its type
    trailing_data, ///< bytes after the last record the header announced
};

/// A short English text for `e`.
inline char const* to_string(parse_error e)
{
    switch (e) {
    case parse_error::truncated: return "truncated message";
    case parse_error::bad_label: return "bad label type";
    case parse_error::bad_pointer: return "bad compression pointer";
    case parse_error::name_too_long: return "name too long";
    case parse_error::bad_rdata: return "bad record data";
    case parse_error::trailing_data: return "trailing data";
    }
    return "unknown error";
}

namespace detail {

inline char ascii_lower(char c) noexcept
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool iequal(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

inline void put16(std::string& out, std::uint16_t v)
{
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v & 0xff));
}

inline void put32(std::string& out, std::uint32_t v)
{
    put16(out, static_cast<std::uint16_t>(v >> 16));
    put16(out, static_cast<std::uint16_t>(v & 0xffff));
}

inline void set16(std::string& out, std::size_t at, std::uint16_t v)
{
    out[at] = static_cast<char>(v >> 8);
    out[at + 1] = static_cast<char>(v & 0xff);
}

} // namespace detail

/** A domain name, kept in its uncompressed wire form (length-prefixed labels, then a zero).

    Comparison ignores ASCII case, as DNS does (RFC 4343); the spelling is
    kept for output.
*/
class name {
public:
    /// The largest wire form of a name.
    static constexpr std::size_t max_wire = 255;
    /// The longest label.
    static constexpr std::size_t max_label = 63;

    /// The root name, ".".
    name() : wire_(1, '\0') {}

    /** Reads a name in master-file text: labels split by unescaped dots, `\X` and `\DDD` escapes.

        A name without a final dot is relative: `origin` is appended (no
        origin: an error). `@` is the origin itself. Nothing on error.
    */
    static std::optional<name> from_text(std::string_view text, name const* origin = nullptr)
    {
        if (text == "@")
            return origin ? std::optional<name>(*origin) : std::nullopt;
        if (text == ".")
            return name();
        if (text.empty())
            return std::nullopt;
        name n;
        n.wire_.clear();
        std::string label;
        bool absolute = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            if (c == '.') {
                if (label.empty())
                    return std::nullopt;
                if (!n.push_label(label))
                    return std::nullopt;
                label.clear();
                if (i + 1 == text.size())
                    absolute = true;
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= text.size())
                    return std::nullopt;
                if (std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
                    unsigned v = 0;
                    for (std::size_t k = 1; k <= 3; ++k) {
                        if (i + k >= text.size() ||
                            !std::isdigit(static_cast<unsigned char>(text[i + k])))
                            return std::nullopt;
                        v = v * 10 + static_cast<unsigned>(text[i + k] - '0');
                    }
                    if (v > 255)
                        return std::nullopt;
                    label.push_back(static_cast<char>(v));
                    i += 3;
                } else {
                    label.push_back(text[++i]);
                }
                continue;
            }
            label.push_back(c);
        }
        if (!label.empty() && !n.push_label(label))
            return std::nullopt;
        if (absolute) {
            n.wire_.push_back('\0');
        } else {
            if (!origin)
                return std::nullopt;
            n.wire_.append(origin->wire_);
        }
        if (n.wire_.size() > max_wire)
            return std::nullopt;
        return n;
    }

    /// Builds a name from its wire form, as `read_name` checked it.
    static name from_wire(std::string wire)
    {
        name n;
        n.wire_ = std::move(wire);
        return n;
    }

    /// The uncompressed wire form.
    std::string_view wire() const noexcept { return wire_; }

    /// True for the root name.
    bool is_root() const noexcept { return wire_.size() == 1; }

    /// The number of labels (the root has none).
    std::size_t label_count() const noexcept
    {
        std::size_t n = 0;
        for (std::size_t i = 0; wire_[i] != 0; i += 1 + static_cast<unsigned char>(wire_[i]))
            ++n;
        return n;
    }

    /// The name without its first label (the root's parent is the root).
    name parent() const
    {
        if (is_root())
            return *this;
        return from_wire(wire_.substr(1 + static_cast<unsigned char>(wire_[0])));
    }

    /// True if this name is `ancestor` or below it.
    bool is_subdomain_of(name const& ancestor) const noexcept
    {
        std::size_t const skip = wire_.size() - std::min(wire_.size(), ancestor.wire_.size());
        // The suffix must start on a label boundary.
        std::size_t i = 0;
        while (i < skip)
            i += 1 + static_cast<unsigned char>(wire_[i]);
        return i == skip && detail::iequal(std::string_view(wire_).substr(skip), ancestor.wire_);
    }

    /// The name in master-file text, absolute (with the final dot), special bytes escaped.
    std::string to_string() const
    {
        if (is_root())
            return ".";
        std::string out;
        for (std::size_t i = 0; wire_[i] != 0;) {
            auto const len = static_cast<unsigned char>(wire_[i]);
            for (std::size_t k = i + 1; k <= i + len; ++k) {
                auto const c = static_cast<unsigned char>(wire_[k]);
                if (c == '.' || c == '\\' || c == '"' || c == ';' || c == '(' || c == ')' ||
                    c == '@' || c == '$') {
                    out.push_back('\\');
                    out.push_back(static_cast<char>(c));
                } else if (c <= 0x20 || c >= 0x7f) {
                    char esc[5];
                    std::snprintf(esc, sizeof esc, "\\%03u", c);
                    out += esc;
                } else {
                    out.push_back(static_cast<char>(c));
                }
            }
            out.push_back('.');
            i += 1 + len;
        }
        return out;
    }

    friend bool operator==(name const& a, name const& b) noexcept
    {
        return detail::iequal(a.wire_, b.wire_);
    }

private:
    bool push_label(std::string const& label)
    {
        if (label.size() > max_label || wire_.size() + 1 + label.size() + 1 > max_wire)
            return false;
        wire_.push_back(static_cast<char>(label.size()));
        wire_.append(label);
        return true;
    }

    std::string wire_;
};

/// Hashes a name's wire form ignoring ASCII case (length bytes are below 'A', so they are kept).
struct name_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view wire) const noexcept
    {
        std::size_t h = 14695981039346656037ull;
        for (char c : wire)
            h = (h ^ static_cast<unsigned char>(detail::ascii_lower(c))) * 1099511628211ull;
        return h;
    }
};

/// Compares names' wire forms ignoring ASCII case.
struct name_equal {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept
    {
        return detail::iequal(a, b);
    }
};

/// SOA record data (RFC 1035 3.3.13).
struct soa_data {
    name mname;
    name rname;
    std::uint32_t serial = 0;
    std::uint32_t refresh = 0;
    std::uint32_t retry = 0;
    std::uint32_t expire = 0;
    std::uint32_t minimum = 0;

    friend bool operator==(soa_data const&, soa_data const&) = default;
};

/// TXT record data: one or more character strings of up to 255 bytes each.
struct txt_data {
    std::vector<std::string> strings;

    friend bool operator==(txt_data const&, txt_data const&) = default;
};

/// The data of a record of a type this code does not interpret (OPT's too), as raw bytes.
struct raw_data {
    std::string bytes;

    friend bool operator==(raw_data const&, raw_data const&) = default;
};

/// Record data: A, AAAA, a name (NS, CNAME), SOA, TXT, or raw bytes.
using rdata = std::variant<boost::asio::ip::address_v4, boost::asio::ip::address_v6, name, soa_data,
                           txt_data, raw_data>;

/// A resource record. For OPT (EDNS), `rclass` is the UDP payload size and `ttl` the extended
/// flags.
struct record {
    name owner;
    std::uint16_t rtype = 0;
    std::uint16_t rclass = klass::in;
    std::uint32_t ttl = 0;
    rdata data;

    friend bool operator==(record const&, record const&) = default;
};

/// A question (RFC 1035 4.1.2).
struct question {
    name qname;
    std::uint16_t qtype = type::a;
    std::uint16_t qclass = klass::in;

    friend bool operator==(question const&, question const&) = default;
};

/// The header's fields (RFC 1035 4.1.1, with RFC 4035's AD and CD bits); the counts come from the
/// sections.
struct header {
    std::uint16_t id = 0;
    bool qr = false;
    std::uint8_t opcode = opcode_query;
    bool aa = false;
    bool tc = false;
    bool rd = false;
    bool ra = false;
    bool ad = false;
    bool cd = false;
    /// The low four bits of the response code (EDNS keeps the rest in the OPT record).
    std::uint8_t rcode = 0;

    friend bool operator==(header const&, header const&) = default;
};

/// A whole message.
struct message {
    header head;
    std::vector<question> questions;
    std::vector<record> answers;
    std::vector<record> authority;
    std::vector<record> additional;

    friend bool operator==(message const&, message const&) = default;
};

namespace detail {

/// Reads a message, one field after the other, checking every length.
class reader {
public:
    explicit reader(std::span<char const> msg) : msg_(msg) {}

    std::size_t position() const noexcept { return pos_; }
    std::size_t left() const noexcept { return msg_.size() - pos_; }

    bool u8(std::uint8_t& v)
    {
        if (left() < 1)
            return false;
        v = byte(pos_++);
        return true;
    }

    bool u16(std::uint16_t& v)
    {
        if (left() < 2)
            return false;
        v = static_cast<std::uint16_t>(byte(pos_) << 8 | byte(pos_ + 1));
        pos_ += 2;
        return true;
    }

    bool u32(std::uint32_t& v)
    {
        std::uint16_t hi = 0, lo = 0;
        if (left() < 4)
            return false;
        u16(hi);
        u16(lo);
        v = std::uint32_t(hi) << 16 | lo;
        return true;
    }

    bool bytes(std::size_t n, std::string& out)
    {
        if (left() < n)
            return false;
        out.assign(msg_.data() + pos_, n);
        pos_ += n;
        return true;
    }

    /** Reads a possibly compressed name at the current position.

        Each pointer must point before the labels it ends (those read since
        the last jump), so the jumps go strictly backwards: no loop, and no
        pointer past the end of the message, can be followed.
    */
    std::optional<parse_error> read_name(name& out)
    {
        std::string wire;
        std::size_t p = pos_;
        std::size_t segment_start = pos_;
        bool jumped = false;
        for (;;) {
            if (p >= msg_.size())
                return parse_error::truncated;
            std::uint8_t const len = byte(p);
            if ((len & 0xc0) == 0xc0) {
                if (p + 1 >= msg_.size())
                    return parse_error::truncated;
                std::size_t const target = std::size_t(len & 0x3f) << 8 | byte(p + 1);
                if (target >= segment_start)
                    return parse_error::bad_pointer;
                if (!jumped)
                    pos_ = p + 2;
                jumped = true;
                segment_start = target;
                p = target;
                continue;
            }
            if (len & 0xc0)
                return parse_error::bad_label;
            if (wire.size() + 1 + len > name::max_wire)
                return parse_error::name_too_long;
            if (len == 0) {
                wire.push_back('\0');
                if (!jumped)
                    pos_ = p + 1;
                out = name::from_wire(std::move(wire));
                return std::nullopt;
            }
            if (p + 1 + len > msg_.size())
                return parse_error::truncated;
            wire.append(msg_.data() + p, 1 + std::size_t(len));
            p += 1 + std::size_t(len);
        }
    }

private:
    std::uint8_t byte(std::size_t i) const noexcept { return static_cast<std::uint8_t>(msg_[i]); }

    std::span<char const> msg_;
    std::size_t pos_ = 0;
};

inline std::optional<parse_error> read_rdata(reader& r, std::uint16_t rtype, std::size_t length,
                                             rdata& out)
{
    std::size_t const end = r.position() + length;
    if (r.left() < length)
        return parse_error::truncated;
    auto read_name_in = [&](name& n) -> std::optional<parse_error> {
        if (auto e = r.read_name(n))
            return e;
        return r.position() > end ? std::optional(parse_error::bad_rdata) : std::nullopt;
    };
    switch (rtype) {
    case type::a: {
        if (length != 4)
            return parse_error::bad_rdata;
        std::uint32_t v = 0;
        r.u32(v);
        out = boost::asio::ip::address_v4(v);
        break;
    }
    case type::aaaa: {
        if (length != 16)
            return parse_error::bad_rdata;
        std::string raw;
        r.bytes(16, raw);
        boost::asio::ip::address_v6::bytes_type b{};
        std::copy(raw.begin(), raw.end(), reinterpret_cast<char*>(b.data()));
        out = boost::asio::ip::address_v6(b);
        break;
    }
    case type::ns:
    case type::cname: {
        name n;
        if (auto e = read_name_in(n))
            return e;
        out = std::move(n);
        break;
    }
    case type::soa: {
        soa_data s;
        if (auto e = read_name_in(s.mname))
            return e;
        if (auto e = read_name_in(s.rname))
            return e;
        if (end - r.position() != 20)
            return parse_error::bad_rdata;
        r.u32(s.serial);
        r.u32(s.refresh);
        r.u32(s.retry);
        r.u32(s.expire);
        r.u32(s.minimum);
        out = std::move(s);
        break;
    }
    case type::txt: {
        if (length == 0)
            return parse_error::bad_rdata;
        txt_data t;
        while (r.position() < end) {
            std::uint8_t len = 0;
            r.u8(len);
            if (r.position() + len > end)
                return parse_error::bad_rdata;
            t.strings.emplace_back();
            r.bytes(len, t.strings.back());
        }
        out = std::move(t);
        break;
    }
    default: {
        raw_data raw;
        r.bytes(length, raw.bytes);
        out = std::move(raw);
        break;
    }
    }
    return r.position() == end ? std::nullopt : std::optional(parse_error::bad_rdata);
}

inline std::optional<parse_error> read_records(reader& r, std::uint16_t count,
                                               std::vector<record>& out)
{
    // Never trust a count for memory: a record takes at least 11 bytes.
    out.reserve(std::min<std::size_t>(count, r.left() / 11));
    for (std::uint16_t i = 0; i < count; ++i) {
        record rr;
        if (auto e = r.read_name(rr.owner))
            return e;
        std::uint16_t length = 0;
        if (!r.u16(rr.rtype) || !r.u16(rr.rclass) || !r.u32(rr.ttl) || !r.u16(length))
            return parse_error::truncated;
        if (auto e = read_rdata(r, rr.rtype, length, rr.data))
            return e;
        out.push_back(std::move(rr));
    }
    return std::nullopt;
}

} // namespace detail

/// The header of a message of at least 12 bytes, read alone (to answer one that fails to parse).
inline std::optional<header> parse_header(std::span<char const> msg)
{
    detail::reader r(msg);
    std::uint16_t id = 0, flags = 0;
    if (!r.u16(id) || !r.u16(flags) || r.left() < 8)
        return std::nullopt;
    header h;
    h.id = id;
    h.qr = flags & 0x8000;
    h.opcode = static_cast<std::uint8_t>(flags >> 11 & 0xf);
    h.aa = flags & 0x0400;
    h.tc = flags & 0x0200;
    h.rd = flags & 0x0100;
    h.ra = flags & 0x0080;
    h.ad = flags & 0x0020;
    h.cd = flags & 0x0010;
    h.rcode = static_cast<std::uint8_t>(flags & 0xf);
    return h;
}

/// Reads a whole message; every byte must belong to it.
inline boost::system::result<message, parse_error> parse(std::span<char const> msg)
{
    auto h = parse_header(msg);
    if (!h)
        return parse_error::truncated;
    detail::reader r(msg);
    std::uint16_t skip = 0, qd = 0, an = 0, ns = 0, ar = 0;
    r.u16(skip);
    r.u16(skip);
    r.u16(qd);
    r.u16(an);
    r.u16(ns);
    r.u16(ar);
    message m;
    m.head = *h;
    m.questions.reserve(std::min<std::size_t>(qd, r.left() / 5));
    for (std::uint16_t i = 0; i < qd; ++i) {
        question q;
        if (auto e = r.read_name(q.qname))
            return *e;
        if (!r.u16(q.qtype) || !r.u16(q.qclass))
            return parse_error::truncated;
        m.questions.push_back(std::move(q));
    }
    if (auto e = detail::read_records(r, an, m.answers))
        return *e;
    if (auto e = detail::read_records(r, ns, m.authority))
        return *e;
    if (auto e = detail::read_records(r, ar, m.additional))
        return *e;
    if (r.left() != 0)
        return parse_error::trailing_data;
    return m;
}

/** Writes messages, compressing names (RFC 1035 4.1.4).

    Every name written is remembered by the offsets of its labels; a later
    name whose tail matches one of them (ignoring case) is written up to
    there and ends with a pointer to it. Only the owner names and the names
    inside NS, CNAME and SOA data are compressed, as RFC 3597 allows.
*/
class writer {
public:
    /// Writes into `out` (cleared first), which may be reused from message to message.
    explicit writer(std::string& out) : out_(out) { out_.clear(); }

    /// Writes `m`; if it would exceed `max_size`, writes instead the header with TC, the questions
    /// and any OPT record.
    void write(message const& m, std::size_t max_size)
    {
        write_all(m);
        if (out_.size() <= max_size)
            return;
        message cut;
        cut.head = m.head;
        cut.head.tc = true;
        cut.questions = m.questions;
        for (auto const& rr : m.additional)
            if (rr.rtype == type::opt)
                cut.additional.push_back(rr);
        write_all(cut);
    }

private:
    void write_all(message const& m)
    {
        out_.clear();
        offsets_.clear();
        header const& h = m.head;
        detail::put16(out_, h.id);
        std::uint16_t flags = static_cast<std::uint16_t>(
            (h.qr ? 0x8000 : 0) | (h.opcode & 0xf) << 11 | (h.aa ? 0x0400 : 0) |
            (h.tc ? 0x0200 : 0) | (h.rd ? 0x0100 : 0) | (h.ra ? 0x0080 : 0) | (h.ad ? 0x0020 : 0) |
            (h.cd ? 0x0010 : 0) | (h.rcode & 0xf));
        detail::put16(out_, flags);
        detail::put16(out_, static_cast<std::uint16_t>(m.questions.size()));
        detail::put16(out_, static_cast<std::uint16_t>(m.answers.size()));
        detail::put16(out_, static_cast<std::uint16_t>(m.authority.size()));
        detail::put16(out_, static_cast<std::uint16_t>(m.additional.size()));
        for (auto const& q : m.questions) {
            write_name(q.qname);
            detail::put16(out_, q.qtype);
            detail::put16(out_, q.qclass);
        }
        for (auto const* section : {&m.answers, &m.authority, &m.additional})
            for (auto const& rr : *section)
                write_record(rr);
    }

    void write_record(record const& rr)
    {
        write_name(rr.owner);
        detail::put16(out_, rr.rtype);
        detail::put16(out_, rr.rclass);
        detail::put32(out_, rr.ttl);
        std::size_t const length_at = out_.size();
        detail::put16(out_, 0);
        std::visit(
            [&](auto const& d) {
                using T = std::decay_t<decltype(d)>;
                if constexpr (std::is_same_v<T, boost::asio::ip::address_v4>) {
                    detail::put32(out_, d.to_uint());
                } else if constexpr (std::is_same_v<T, boost::asio::ip::address_v6>) {
                    auto b = d.to_bytes();
                    out_.append(reinterpret_cast<char const*>(b.data()), b.size());
                } else if constexpr (std::is_same_v<T, name>) {
                    write_name(d);
                } else if constexpr (std::is_same_v<T, soa_data>) {
                    write_name(d.mname);
                    write_name(d.rname);
                    for (auto v : {d.serial, d.refresh, d.retry, d.expire, d.minimum})
                        detail::put32(out_, v);
                } else if constexpr (std::is_same_v<T, txt_data>) {
                    for (auto const& s : d.strings) {
                        out_.push_back(static_cast<char>(std::min<std::size_t>(s.size(), 255)));
                        out_.append(s, 0, 255);
                    }
                } else {
                    out_.append(d.bytes);
                }
            },
            rr.data);
        detail::set16(out_, length_at, static_cast<std::uint16_t>(out_.size() - length_at - 2));
    }

    void write_name(name const& n)
    {
        std::string_view wire = n.wire();
        std::size_t i = 0;
        while (wire[i] != 0) {
            if (auto at = find(wire.substr(i))) {
                detail::put16(out_, static_cast<std::uint16_t>(0xc000 | *at));
                return;
            }
            if (out_.size() < 0x4000)
                offsets_.push_back(static_cast<std::uint16_t>(out_.size()));
            auto const len = static_cast<unsigned char>(wire[i]);
            out_.append(wire.substr(i, 1 + std::size_t(len)));
            i += 1 + len;
        }
        out_.push_back('\0');
    }

    /// The offset of an earlier name (or tail of one) equal to `tail`, if any.
    std::optional<std::uint16_t> find(std::string_view tail) const
    {
        for (auto at : offsets_)
            if (matches(at, tail))
                return at;
        return std::nullopt;
    }

    /** True if the labels written from `at` on (following pointers) spell `tail`.

        Only a name written whole can match: the labels of the name being
        written run into the end of the output, which is no root label
        (taking it for one made "a.a." point at itself).
    */
    bool matches(std::size_t at, std::string_view tail) const
    {
        std::size_t i = 0;
        for (;;) {
            if (at >= out_.size())
                return false;
            auto len = static_cast<unsigned char>(out_[at]);
            if ((len & 0xc0) == 0xc0) {
                at = std::size_t(len & 0x3f) << 8 | static_cast<unsigned char>(out_[at + 1]);
                continue;
            }
            if (len != static_cast<unsigned char>(tail[i]))
                return false;
            if (len == 0)
                return true;
            if (!detail::iequal(std::string_view(out_).substr(at + 1, len),
                                tail.substr(i + 1, len)))
                return false;
            at += 1 + len;
            i += 1 + len;
        }
    }

    std::string& out_;
    std::vector<std::uint16_t> offsets_;
};

/// The wire form of `m`, cut to the header, questions and OPT with TC if longer than `max_size`.
inline std::string serialize(message const& m, std::size_t max_size = max_tcp_message)
{
    std::string out;
    writer(out).write(m, max_size);
    return out;
}

/// Names of the record types this code knows ("TYPE123" for the others, as RFC 3597 writes them).
inline std::string type_name(std::uint16_t t)
{
    switch (t) {
    case type::a: return "A";
    case type::ns: return "NS";
    case type::cname: return "CNAME";
    case type::soa: return "SOA";
    case type::txt: return "TXT";
    case type::aaaa: return "AAAA";
    case type::opt: return "OPT";
    case type::ixfr: return "IXFR";
    case type::axfr: return "AXFR";
    case type::any: return "ANY";
    }
    return "TYPE" + std::to_string(t);
}

/// The record type named `text` (a known name or "TYPEnnn", any case), if it is one.
inline std::optional<std::uint16_t> type_from_name(std::string_view text)
{
    std::string upper(text);
    for (auto& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (std::uint16_t t : {type::a, type::ns, type::cname, type::soa, type::txt, type::aaaa,
                            type::opt, type::ixfr, type::axfr, type::any})
        if (upper == type_name(t))
            return t;
    if (upper.size() > 4 && upper.size() <= 9 && upper.compare(0, 4, "TYPE") == 0 &&
        std::all_of(upper.begin() + 4, upper.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        unsigned long v = std::stoul(upper.substr(4));
        if (v <= 65535)
            return static_cast<std::uint16_t>(v);
    }
    return std::nullopt;
}

/// The name of a response code.
inline std::string rcode_name(std::uint16_t r)
{
    switch (r) {
    case rcode::noerror: return "NOERROR";
    case rcode::formerr: return "FORMERR";
    case rcode::servfail: return "SERVFAIL";
    case rcode::nxdomain: return "NXDOMAIN";
    case rcode::notimp: return "NOTIMP";
    case rcode::refused: return "REFUSED";
    case rcode::badvers: return "BADVERS";
    }
    return "RCODE" + std::to_string(r);
}

/// A character string in master-file text: quoted, with `"`, `\` and unprintable bytes escaped.
inline std::string quote(std::string_view s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c < 0x20 || c >= 0x7f) {
            char esc[5];
            std::snprintf(esc, sizeof esc, "\\%03u", c);
            out += esc;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out + "\"";
}

/// The record data in master-file text (RFC 3597's `\# length hex` for raw data).
inline std::string rdata_text(rdata const& d)
{
    return std::visit(
        [](auto const& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, boost::asio::ip::address_v4> ||
                          std::is_same_v<T, boost::asio::ip::address_v6>) {
                return v.to_string();
            } else if constexpr (std::is_same_v<T, name>) {
                return v.to_string();
            } else if constexpr (std::is_same_v<T, soa_data>) {
                return v.mname.to_string() + ' ' + v.rname.to_string() + ' ' +
                       std::to_string(v.serial) + ' ' + std::to_string(v.refresh) + ' ' +
                       std::to_string(v.retry) + ' ' + std::to_string(v.expire) + ' ' +
                       std::to_string(v.minimum);
            } else if constexpr (std::is_same_v<T, txt_data>) {
                std::string out;
                for (auto const& s : v.strings)
                    out += (out.empty() ? "" : " ") + quote(s);
                return out;
            } else {
                std::string out = "\\# " + std::to_string(v.bytes.size());
                if (!v.bytes.empty())
                    out += ' ';
                for (unsigned char c : v.bytes) {
                    char hex[3];
                    std::snprintf(hex, sizeof hex, "%02x", c);
                    out += hex;
                }
                return out;
            }
        },
        d);
}

/// A record in master-file text: `owner TTL IN TYPE rdata`.
inline std::string to_string(record const& rr)
{
    std::string cls = rr.rclass == klass::in ? "IN" : "CLASS" + std::to_string(rr.rclass);
    return rr.owner.to_string() + ' ' + std::to_string(rr.ttl) + ' ' + cls + ' ' +
           type_name(rr.rtype) + ' ' + rdata_text(rr.data);
}

} // namespace example::dns

#endif

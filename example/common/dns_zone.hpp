// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_DNS_ZONE_HPP
#define PROTOKIT_EXAMPLE_COMMON_DNS_ZONE_HPP

// An authoritative zone: read from a master file (RFC 1035 section 5) and
// answering questions the way an authoritative server does (RFC 1034 4.3.2,
// RFC 2308, RFC 6604): answers with the AA flag, CNAME chains followed
// inside the zone, NXDOMAIN and NODATA with the SOA in the authority
// section, referrals below delegations, REFUSED outside the zone.
//
// The master-file reader takes $ORIGIN, $TTL, `owner TTL class type rdata`
// with the TTL and class in either order and either omitted, a blank owner
// (the previous one), `@`, relative and absolute names, `;` comments,
// parentheses across lines, quoted strings, `\X` and `\DDD` escapes, TTLs
// with units (1h30m), and the types A, AAAA, NS, CNAME, SOA and TXT.
// Wildcards and $INCLUDE are not supported.

#include "dns.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/system/result.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace example::dns {

/// Why a zone file was refused: the line (from 1) and what is wrong there.
struct zone_error {
    std::size_t line = 0;
    std::string what;
};

/// A query as a server read it: the message, or why it could not be (then only `msg.head` is
/// meaningful).
struct query {
    message msg;
    std::optional<parse_error> error;
};

/// Reads a query out of one message (a UDP datagram, or a TCP frame of at least 12 bytes).
inline query read_query(std::span<char const> wire)
{
    query q;
    auto m = parse(wire);
    if (m) {
        q.msg = std::move(*m);
    } else {
        q.error = m.error();
        q.msg.head = parse_header(wire).value_or(header{});
    }
    return q;
}

/** The records of one zone, indexed by owner name, answering questions.

    Immutable once read: server threads share one without locks.
*/
class zone {
public:
    /// How deep a chain of CNAMEs is followed.
    static constexpr int max_chain = 16;

    /** Reads a zone from master-file text.

        `origin` is the origin before any $ORIGIN (relative names need one).
        The zone's apex is the owner of its one SOA record; every record
        must be at or below it.
    */
    static boost::system::result<zone, zone_error> parse(std::string_view text,
                                                         std::optional<name> origin = std::nullopt);

    /// Reads the zone in file `path` (see `parse`).
    static boost::system::result<zone, zone_error> load(std::string const& path,
                                                        std::optional<name> origin = std::nullopt)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return zone_error{0, "cannot open " + path};
        std::ostringstream text;
        text << in.rdbuf();
        return parse(text.str(), std::move(origin));
    }

    /// The zone's apex.
    name const& apex() const noexcept { return soa_.owner; }

    /// The number of records.
    std::size_t size() const noexcept { return size_; }

    /// Fills `out`'s rcode, AA flag and sections with the answer to `q` (a question about class
    /// IN).
    void resolve(question const& q, message& out) const;

private:
    using node = std::vector<record>;
    using node_map = std::unordered_map<std::string, node, name_hash, name_equal>;

    node const* find(std::string_view wire) const
    {
        auto it = nodes_.find(wire);
        return it == nodes_.end() ? nullptr : &it->second;
    }

    /// The delegation (NS records below the apex) closest to the apex that `wire` is at or below.
    node const* find_cut(std::string_view wire) const
    {
        node const* cut = nullptr;
        std::size_t const apex_size = apex().wire().size();
        for (std::size_t i = 0; wire.size() - i > apex_size;
             i += 1 + static_cast<unsigned char>(wire[i])) {
            if (node const* n = find(wire.substr(i)))
                for (auto const& rr : *n)
                    if (rr.rtype == type::ns) {
                        cut = n;
                        break;
                    }
        }
        return cut;
    }

    /// Adds the A and AAAA records of the in-zone targets of the NS records in `from` to `out`.
    void add_glue(std::vector<record> const& from, std::vector<record>& out) const
    {
        for (auto const& rr : from) {
            if (rr.rtype != type::ns)
                continue;
            if (node const* n = find(std::get<name>(rr.data).wire()))
                for (auto const& g : *n)
                    if (g.rtype == type::a || g.rtype == type::aaaa)
                        out.push_back(g);
        }
    }

    void add_negative_soa(message& out) const
    {
        record soa = soa_;
        soa.ttl = std::min(soa_.ttl, std::get<soa_data>(soa_.data).minimum);
        out.authority.push_back(std::move(soa));
    }

    record soa_;
    node_map nodes_;
    std::size_t size_ = 0;
};

namespace detail {

/// One entry of a master file: its tokens, whether its first line began with a blank, and its line.
struct zone_entry {
    struct token {
        std::string text;
        bool quoted = false;
    };
    std::vector<token> tokens;
    bool blank_owner = false;
    std::size_t line = 0;
};

/// Splits master-file text into entries (parentheses join lines; comments and blank lines go).
class zone_lexer {
public:
    explicit zone_lexer(std::string_view text) : text_(text) {}

    /// The next entry; nothing at the end; an error for an unclosed quote or parenthesis.
    boost::system::result<std::optional<zone_entry>, zone_error> next()
    {
        zone_entry e;
        int depth = 0;
        bool line_start = true;
        std::size_t open_line = line_;
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (line_start && depth == 0 && e.tokens.empty()) {
                e.blank_owner = c == ' ' || c == '\t';
                e.line = line_;
            }
            line_start = false;
            if (c == '\n') {
                ++pos_;
                ++line_;
                line_start = true;
                if (depth == 0 && !e.tokens.empty())
                    return std::optional<zone_entry>(std::move(e));
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                ++pos_;
                continue;
            }
            if (c == ';') {
                while (pos_ < text_.size() && text_[pos_] != '\n')
                    ++pos_;
                continue;
            }
            if (c == '(') {
                if (depth++ == 0)
                    open_line = line_;
                ++pos_;
                continue;
            }
            if (c == ')') {
                if (depth-- == 0)
                    return zone_error{line_, "')' without '('"};
                ++pos_;
                continue;
            }
            if (c == '"') {
                std::size_t const start_line = line_;
                std::string s;
                ++pos_;
                for (;;) {
                    if (pos_ >= text_.size())
                        return zone_error{start_line, "unterminated quoted string"};
                    char q = text_[pos_++];
                    if (q == '"')
                        break;
                    if (q == '\n')
                        ++line_;
                    s.push_back(q);
                    if (q == '\\' && pos_ < text_.size())
                        s.push_back(text_[pos_++]);
                }
                e.tokens.push_back({std::move(s), true});
                continue;
            }
            std::string s;
            while (pos_ < text_.size()) {
                char t = text_[pos_];
                if (t == ' ' || t == '\t' || t == '\r' || t == '\n' || t == ';' || t == '(' ||
                    t == ')' || t == '"')
                    break;
                s.push_back(t);
                ++pos_;
                if (t == '\\' && pos_ < text_.size() && text_[pos_] != '\n')
                    s.push_back(text_[pos_++]);
            }
            e.tokens.push_back({std::move(s), false});
        }
        if (depth > 0)
            return zone_error{open_line, "'(' without ')'"};
        if (e.tokens.empty())
            return std::optional<zone_entry>();
        return std::optional<zone_entry>(std::move(e));
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

/// A character string's bytes, its `\X` and `\DDD` escapes undone; nothing if an escape is broken.
inline std::optional<std::string> unescape(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out.push_back(s[i]);
            continue;
        }
        if (++i >= s.size())
            return std::nullopt;
        if (std::isdigit(static_cast<unsigned char>(s[i]))) {
            if (i + 2 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 1])) ||
                !std::isdigit(static_cast<unsigned char>(s[i + 2])))
                return std::nullopt;
            unsigned v = unsigned(s[i] - '0') * 100 + unsigned(s[i + 1] - '0') * 10 +
                         unsigned(s[i + 2] - '0');
            if (v > 255)
                return std::nullopt;
            out.push_back(static_cast<char>(v));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

/// A TTL or SOA timer: seconds, or a sum of numbers with units s, m, h, d, w (BIND's form); at most
/// 2^31 - 1.
inline std::optional<std::uint32_t> parse_ttl(std::string_view s)
{
    if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0])))
        return std::nullopt;
    std::uint64_t total = 0, n = 0;
    bool digits = false;
    for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            n = n * 10 + std::uint64_t(c - '0');
            digits = true;
            if (n > 0xffffffffull)
                return std::nullopt;
            continue;
        }
        if (!digits)
            return std::nullopt;
        std::uint64_t unit = 0;
        switch (std::tolower(static_cast<unsigned char>(c))) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        case 'w': unit = 604800; break;
        default: return std::nullopt;
        }
        total += n * unit;
        n = 0;
        digits = false;
    }
    total += n;
    if (total > 0x7fffffffull)
        return std::nullopt;
    return static_cast<std::uint32_t>(total);
}

/// A plain unsigned 32-bit number (an SOA serial).
inline std::optional<std::uint32_t> parse_u32(std::string_view s)
{
    if (s.empty() || s.size() > 10)
        return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
        v = v * 10 + std::uint64_t(c - '0');
    }
    if (v > 0xffffffffull)
        return std::nullopt;
    return static_cast<std::uint32_t>(v);
}

inline bool iequals(std::string_view a, std::string_view b)
{
    return iequal(a, b);
}

} // namespace detail

inline boost::system::result<zone, zone_error> zone::parse(std::string_view text,
                                                           std::optional<name> origin)
{
    detail::zone_lexer lexer(text);
    std::optional<std::uint32_t> default_ttl;
    std::optional<std::uint32_t> last_ttl;
    std::optional<name> last_owner;
    std::vector<std::pair<record, std::size_t>> records; // and the line of each

    for (;;) {
        auto next = lexer.next();
        if (!next)
            return next.error();
        if (!*next)
            break;
        detail::zone_entry const& e = **next;
        auto fail = [&](std::string what) { return zone_error{e.line, std::move(what)}; };
        auto const& t = e.tokens;
        std::size_t i = 0;

        if (!e.blank_owner && !t[0].quoted && t[0].text.starts_with('$')) {
            if (detail::iequals(t[0].text, "$ORIGIN")) {
                if (t.size() != 2)
                    return fail("$ORIGIN wants one name");
                auto n = name::from_text(t[1].text, origin ? &*origin : nullptr);
                if (!n)
                    return fail("bad $ORIGIN name '" + t[1].text + "'");
                origin = std::move(n);
            } else if (detail::iequals(t[0].text, "$TTL")) {
                if (t.size() != 2)
                    return fail("$TTL wants one TTL");
                default_ttl = detail::parse_ttl(t[1].text);
                if (!default_ttl)
                    return fail("bad $TTL '" + t[1].text + "'");
            } else {
                return fail("unsupported directive " + t[0].text);
            }
            continue;
        }

        record rr;
        if (e.blank_owner) {
            if (!last_owner)
                return fail("no owner name (and no previous one)");
            rr.owner = *last_owner;
        } else {
            auto n = name::from_text(t[0].text, origin ? &*origin : nullptr);
            if (!n)
                return fail(origin || t[0].text.ends_with('.')
                                ? "bad owner name '" + t[0].text + "'"
                                : "relative name '" + t[0].text + "' with no $ORIGIN");
            rr.owner = std::move(*n);
            i = 1;
        }
        last_owner = rr.owner;

        std::optional<std::uint32_t> ttl;
        bool have_class = false;
        for (int k = 0; k < 2 && i < t.size(); ++k) {
            if (!ttl && !t[i].quoted && (ttl = detail::parse_ttl(t[i].text))) {
                ++i;
            } else if (!have_class && detail::iequals(t[i].text, "IN")) {
                have_class = true;
                ++i;
            } else if (!have_class &&
                       (detail::iequals(t[i].text, "CH") || detail::iequals(t[i].text, "HS") ||
                        detail::iequals(t[i].text, "CS"))) {
                return fail("class " + t[i].text + " is not supported (only IN)");
            }
        }
        if (i >= t.size())
            return fail("no record type");
        auto rtype = type_from_name(t[i].text);
        if (!rtype)
            return fail("unknown record type '" + t[i].text + "'");
        rr.rtype = *rtype;
        ++i;
        if (ttl) {
            last_ttl = ttl;
            rr.ttl = *ttl;
        } else if (default_ttl) {
            rr.ttl = *default_ttl;
        } else if (last_ttl) {
            rr.ttl = *last_ttl;
        } else {
            return fail("no TTL (and no $TTL)");
        }

        std::size_t const n = t.size() - i;
        auto want = [&](std::size_t count) -> std::optional<zone_error> {
            if (n != count)
                return fail(type_name(rr.rtype) + " wants " + std::to_string(count) + " field" +
                            (count == 1 ? "" : "s") + ", not " + std::to_string(n));
            return std::nullopt;
        };
        auto read_name = [&](std::string const& text) -> std::optional<name> {
            return name::from_text(text, origin ? &*origin : nullptr);
        };
        switch (rr.rtype) {
        case type::a:
        case type::aaaa: {
            if (auto err = want(1))
                return *err;
            boost::system::error_code ec;
            if (rr.rtype == type::a) {
                auto a = boost::asio::ip::make_address_v4(t[i].text, ec);
                rr.data = a;
            } else {
                auto a = boost::asio::ip::make_address_v6(t[i].text, ec);
                rr.data = a;
            }
            if (ec)
                return fail("bad " + type_name(rr.rtype) + " address '" + t[i].text + "'");
            break;
        }
        case type::ns:
        case type::cname: {
            if (auto err = want(1))
                return *err;
            auto target = read_name(t[i].text);
            if (!target)
                return fail("bad name '" + t[i].text + "'");
            rr.data = std::move(*target);
            break;
        }
        case type::soa: {
            if (auto err = want(7))
                return *err;
            soa_data s;
            auto m = read_name(t[i].text);
            auto r = read_name(t[i + 1].text);
            if (!m || !r)
                return fail("bad SOA name");
            s.mname = std::move(*m);
            s.rname = std::move(*r);
            auto serial = detail::parse_u32(t[i + 2].text);
            if (!serial)
                return fail("bad SOA serial '" + t[i + 2].text + "'");
            s.serial = *serial;
            std::uint32_t* timers[] = {&s.refresh, &s.retry, &s.expire, &s.minimum};
            for (std::size_t k = 0; k < 4; ++k) {
                auto v = detail::parse_ttl(t[i + 3 + k].text);
                if (!v)
                    return fail("bad SOA timer '" + t[i + 3 + k].text + "'");
                *timers[k] = *v;
            }
            rr.data = std::move(s);
            break;
        }
        case type::txt: {
            if (n == 0)
                return fail("TXT wants at least one string");
            txt_data d;
            for (std::size_t k = i; k < t.size(); ++k) {
                auto s = detail::unescape(t[k].text);
                if (!s)
                    return fail("bad escape in '" + t[k].text + "'");
                if (s->size() > 255)
                    return fail("TXT string over 255 bytes");
                d.strings.push_back(std::move(*s));
            }
            rr.data = std::move(d);
            break;
        }
        default: return fail("record type " + type_name(rr.rtype) + " is not supported");
        }
        records.emplace_back(std::move(rr), e.line);
    }

    zone z;
    std::size_t soa_count = 0;
    for (auto const& [rr, line] : records)
        if (rr.rtype == type::soa) {
            z.soa_ = rr;
            ++soa_count;
        }
    if (soa_count != 1)
        return zone_error{0, soa_count == 0 ? "no SOA record" : "more than one SOA record"};

    for (auto const& [rr, line] : records) {
        if (!rr.owner.is_subdomain_of(z.apex()))
            return zone_error{line, "record " + rr.owner.to_string() + " is outside the zone " +
                                        z.apex().to_string()};
        auto [it, added] = z.nodes_.try_emplace(std::string(rr.owner.wire()));
        node& here = it->second;
        bool const duplicate = std::find(here.begin(), here.end(), rr) != here.end();
        if (duplicate)
            continue;
        bool const has_cname = std::any_of(here.begin(), here.end(),
                                           [](auto const& r) { return r.rtype == type::cname; });
        if ((rr.rtype == type::cname && !here.empty()) || (has_cname && rr.rtype != type::cname))
            return zone_error{line, "CNAME and other data at " + rr.owner.to_string()};
        here.push_back(rr);
        ++z.size_;
        // Names between the record and the apex exist too (empty non-terminals): NODATA, not
        // NXDOMAIN.
        for (name up = rr.owner.parent(); up.is_subdomain_of(z.apex()) && !(up == z.apex());
             up = up.parent())
            z.nodes_.try_emplace(std::string(up.wire()));
    }
    return z;
}

inline void zone::resolve(question const& q, message& out) const
{
    if (!q.qname.is_subdomain_of(apex())) {
        out.head.rcode = rcode::refused;
        return;
    }
    out.head.aa = true;
    std::string_view current = q.qname.wire();
    std::vector<std::string_view> visited;
    for (int hop = 0; hop < max_chain; ++hop) {
        if (node const* cut = find_cut(current)) {
            // Below a delegation this zone is not the authority: refer to the child's servers.
            if (hop == 0) {
                out.head.aa = false;
                for (auto const& rr : *cut)
                    if (rr.rtype == type::ns)
                        out.authority.push_back(rr);
                add_glue(out.authority, out.additional);
            }
            return;
        }
        node const* here = find(current);
        if (!here) {
            out.head.rcode = rcode::nxdomain;
            add_negative_soa(out);
            return;
        }
        bool found = false;
        for (auto const& rr : *here)
            if (q.qtype == type::any || rr.rtype == q.qtype) {
                out.answers.push_back(rr);
                found = true;
            }
        if (found) {
            add_glue(out.answers, out.additional);
            return;
        }
        if (here->size() == 1 && here->front().rtype == type::cname) {
            record const& cname = here->front();
            out.answers.push_back(cname);
            name const& target = std::get<name>(cname.data);
            if (!target.is_subdomain_of(apex()))
                return;
            visited.push_back(current);
            current = target.wire();
            for (auto v : visited)
                if (detail::iequal(v, current))
                    return;
            continue;
        }
        add_negative_soa(out);
        return;
    }
}

/// An answer and the largest UDP message the client takes (512 bytes, or its EDNS payload size).
struct reply {
    message msg;
    std::size_t udp_limit = classic_udp_size;
};

/// The UDP payload size this server announces in its EDNS record.
inline constexpr std::uint16_t server_udp_size = 1232;

/** The answer to a query: FORMERR for a malformed one, NOTIMP for an opcode
    other than QUERY or a zone transfer, REFUSED for another class or a name
    outside the zone, else the zone's answer. EDNS (RFC 6891): an OPT record
    in the query is answered with one, raises the UDP limit to its payload
    size, and a version other than 0 gets BADVERS.
*/
inline reply respond(zone const& z, query const& q)
{
    reply r;
    header const& in = q.msg.head;
    header& out = r.msg.head;
    out.id = in.id;
    out.qr = true;
    out.opcode = in.opcode;
    out.rd = in.rd;
    out.cd = in.cd;
    if (q.error || in.qr) {
        out.rcode = rcode::formerr;
        return r;
    }
    if (in.opcode != opcode_query) {
        out.rcode = rcode::notimp;
        return r;
    }
    if (q.msg.questions.size() != 1 || !q.msg.answers.empty() || !q.msg.authority.empty()) {
        out.rcode = rcode::formerr;
        return r;
    }
    record const* opt = nullptr;
    for (auto const& rr : q.msg.additional) {
        if (rr.rtype != type::opt)
            continue;
        if (opt || !rr.owner.is_root()) {
            out.rcode = rcode::formerr;
            return r;
        }
        opt = &rr;
    }
    question const& qn = q.msg.questions.front();
    r.msg.questions.push_back(qn);
    if (opt) {
        r.udp_limit = std::max<std::size_t>(classic_udp_size, opt->rclass);
        record answer_opt;
        answer_opt.rtype = type::opt;
        answer_opt.rclass = server_udp_size;
        answer_opt.data = raw_data{};
        if ((opt->ttl >> 16 & 0xff) != 0) {
            answer_opt.ttl = std::uint32_t(rcode::badvers >> 4) << 24;
            r.msg.additional.push_back(std::move(answer_opt));
            return r;
        }
        r.msg.additional.push_back(std::move(answer_opt));
    }
    if (qn.qclass != klass::in && qn.qclass != klass::any) {
        out.rcode = rcode::refused;
        return r;
    }
    if (qn.qtype == type::axfr || qn.qtype == type::ixfr || qn.qtype == 253 || qn.qtype == 254 ||
        qn.qtype == type::opt) {
        out.rcode = qn.qtype == type::opt ? rcode::formerr : rcode::notimp;
        return r;
    }
    // The zone's sections go before the OPT record, which stays last.
    message answer;
    answer.head = out;
    z.resolve(qn, answer);
    out = answer.head;
    r.msg.answers = std::move(answer.answers);
    r.msg.authority = std::move(answer.authority);
    answer.additional.insert(answer.additional.end(), r.msg.additional.begin(),
                             r.msg.additional.end());
    r.msg.additional = std::move(answer.additional);
    return r;
}

} // namespace example::dns

#endif

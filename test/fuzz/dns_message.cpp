// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// DNS messages (example/common/dns.hpp), as dns_server and dns_client read them: the input is one
// message. One that parses is written again (names compressed) and parses to an equal message
// (decode(encode(x)) == x); written within 512 bytes it still parses, cut with TC if it had to
// be; its records print. One that does not parse still gives the header a server answers with.
#include "decoder.hpp"

#include "../../example/common/dns.hpp"
#include "../../example/common/dns_zone.hpp"

#include <limits>
#include <span>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    namespace dns = example::dns;
    std::span<char const> wire(reinterpret_cast<char const*>(data), size);
    auto q = dns::read_query(wire);
    auto m = dns::parse(wire);
    fuzz::check(m.has_value() == !q.error, "read_query and parse disagree");
    if (!m) {
        fuzz::check(size >= 12 || m.error() == dns::parse_error::truncated,
                    "a message shorter than a header failed otherwise than truncated");
        return 0;
    }
    std::string const again = dns::serialize(*m, std::numeric_limits<std::size_t>::max());
    auto back = dns::parse(again);
    fuzz::check(back.has_value(), "a message written again does not parse");
    fuzz::check(*back == *m, "a message written again parses differently");

    std::string const cut = dns::serialize(*m, dns::classic_udp_size);
    auto small = dns::parse(cut);
    fuzz::check(small.has_value(), "a message cut to 512 bytes does not parse");
    fuzz::check(cut.size() <= dns::classic_udp_size || again.size() == cut.size() || small->head.tc,
                "a message cut to 512 bytes lost records without saying so");
    if (!small->head.tc || m->head.tc)
        fuzz::check(*small == *m || small->head.tc, "a message that fits changed");

    std::string text;
    for (auto const* section : {&m->answers, &m->authority, &m->additional})
        for (auto const& rr : *section)
            text += dns::to_string(rr);
    for (auto const& question : m->questions)
        text += question.qname.to_string() + dns::type_name(question.qtype);
    return 0;
}

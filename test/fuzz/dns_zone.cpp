// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The zone-file parser (example/common/dns_zone.hpp), as dns_server loads its zone: the input is
// the file's text, with origin "example.". A zone that loads answers questions about its apex
// and the owners of its records with messages that are written and parse again.
#include "decoder.hpp"

#include "../../example/common/dns.hpp"
#include "../../example/common/dns_zone.hpp"

#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    namespace dns = example::dns;
    std::string_view text(reinterpret_cast<char const*>(data), size);
    auto zone = dns::zone::parse(text, dns::name::from_text("example."));
    if (!zone)
        return 0;
    fuzz::check(zone->size() >= 1, "a zone without its SOA loaded");
    // The names to ask about: the apex, a name below it, and each owner the text spells.
    std::vector<dns::name> names{zone->apex()};
    if (auto below = dns::name::from_text("www", &zone->apex()))
        names.push_back(*below);
    auto owner =
        dns::name::from_text(text.substr(0, text.find_first_of(" \t\r\n;(")), &zone->apex());
    if (owner)
        names.push_back(*owner);
    for (auto const& n : names) {
        for (std::uint16_t t : {dns::type::a, dns::type::ns, dns::type::cname, dns::type::soa,
                                dns::type::txt, dns::type::aaaa, dns::type::any}) {
            dns::message out;
            zone->resolve({n, t, dns::klass::in}, out);
            auto wire = dns::serialize(out);
            auto back = dns::parse(wire);
            fuzz::check(back.has_value(), "an answer does not parse");
        }
    }
    return 0;
}

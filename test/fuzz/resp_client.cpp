// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// RESP's client_codec (replies in, as resp_client reads them): the first byte picks how the rest
// is cut into reads. Each reply that encodes (as a server sends it) gives bytes that decode to it
// again.
#include "decoder.hpp"

#include "../../example/common/resp.hpp"

#include <string>

namespace {

namespace resp = example::resp;

std::string describe(resp::value const& v)
{
    using protokit::fuzz::escape;
    switch (v.type()) {
    case resp::type::simple_string: return "+" + escape(v.text().view());
    case resp::type::error: return "-" + escape(v.text().view());
    case resp::type::integer: return ":" + std::to_string(v.as_integer());
    case resp::type::bulk_string: return "$[" + escape(v.text().view()) + "]";
    case resp::type::null_bulk_string: return "$nil";
    case resp::type::null_array: return "*nil";
    case resp::type::array: {
        std::string out = "[";
        for (auto const& e : v.elements())
            out += describe(e) + ",";
        return out + "]";
    }
    }
    return "?";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    fuzz::input in(data, size);
    std::uint8_t const seed = in.byte();
    fuzz::same_however_cut([] { return resp::client_codec(); }, in.rest(), seed,
                           [](resp::value const& v) {
                               // The decoder takes a lone CR inside a simple string (as
                               // hiredis does), which the encoder refuses to write.
                               resp::client_codec codec;
                               io::bytes_mut buf;
                               if (resp::encode(v, buf)) {
                                   auto back = codec.decode(buf);
                                   fuzz::check(back && *back && **back == v && buf.empty(),
                                               "an encoded reply decodes differently");
                               }
                               return describe(v);
                           });
    return 0;
}

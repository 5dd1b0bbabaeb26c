// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// RESP's server_codec (commands in, as resp_server reads them): the first byte picks how the rest
// is cut into reads. Each command encodes (as a client sends it) to bytes that decode to it again.
#include "decoder.hpp"

#include "../../example/common/resp.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    namespace resp = example::resp;
    fuzz::input in(data, size);
    std::uint8_t const seed = in.byte();
    fuzz::same_however_cut([] { return resp::server_codec(); }, in.rest(), seed,
                           [](resp::command const& c) {
                               fuzz::check(!c.empty(), "an empty command was yielded");
                               resp::server_codec codec;
                               io::bytes_mut buf;
                               resp::encode(c, buf);
                               auto back = codec.decode(buf);
                               fuzz::check(back && *back && **back == c && buf.empty(),
                                           "an encoded command decodes differently");
                               std::string text = "command";
                               for (auto const& arg : c.args())
                                   text += " [" + fuzz::escape(arg.view()) + "]";
                               return text;
                           });
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The examples' mux_codec (mux_echo): the first byte picks how the rest is cut into reads. Each
// frame is within the limit and encodes to bytes that decode to it again.
#include "decoder.hpp"

#include "../../example/common/mux_proto.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    using frame = example::mux_codec::frame;
    fuzz::input in(data, size);
    std::uint8_t const seed = in.byte();
    fuzz::same_however_cut([] { return example::mux_codec(); }, in.rest(), seed,
                           [](frame const& f) {
                               fuzz::check(f.second.size() <= example::mux_codec::max_payload,
                                           "a payload over the limit");
                               example::mux_codec codec;
                               io::bytes_mut buf;
                               fuzz::check(codec.encode(f, buf).has_value(), "encode failed");
                               auto back = codec.decode(buf);
                               fuzz::check(back && *back && **back == f && buf.empty(),
                                           "an encoded frame decodes differently");
                               return "frame " + std::to_string(f.first) + " " +
                                      fuzz::escape(f.second.view());
                           });
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The doubler's int_codec: the first byte picks how the rest is cut into reads. Each number
// decoded encodes to a line that decodes to it again.
#include "decoder.hpp"

#include "../../example/common/int_proto.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    fuzz::input in(data, size);
    std::uint8_t const seed = in.byte();
    fuzz::same_however_cut([] { return example::int_codec(); }, in.rest(), seed,
                           [](std::uint64_t n) {
                               example::int_codec codec;
                               io::bytes_mut buf;
                               fuzz::check(codec.encode(n, buf).has_value(), "encode failed");
                               auto back = codec.decode(buf);
                               fuzz::check(back && *back && **back == n && buf.empty(),
                                           "an encoded number decodes differently");
                               return "number " + std::to_string(n);
                           });
    return 0;
}

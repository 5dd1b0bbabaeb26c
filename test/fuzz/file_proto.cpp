// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The file server's file_codec: the first byte picks how the rest is cut into reads. Each frame
// encodes to bytes that decode to it again (an error frame: to the same error code).
#include "decoder.hpp"

#include "../../example/common/file_proto.hpp"

#include <string>

namespace {

std::string describe(example::file_frame& f)
{
    using kind = example::file_codec::kind;
    std::string out = std::to_string(f.id) + " ";
    switch (f.inner.type()) {
    case kind::message:
        return out + "head " + (f.inner.has_body() ? "+body " : "") +
               protokit::fuzz::escape(f.inner.head());
    case kind::chunk: return out + "body " + protokit::fuzz::escape(f.inner.chunk().view());
    case kind::end_of_body: return out + "end of body";
    case kind::error: return out + "error " + f.inner.error().message();
    }
    return out + "?";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    fuzz::input in(data, size);
    std::uint8_t const seed = in.byte();
    fuzz::same_however_cut([] { return example::file_codec(); }, in.rest(), seed,
                           [](example::file_frame& f) {
                               auto text = describe(f);
                               example::file_codec codec;
                               io::bytes_mut buf;
                               example::file_frame copy = f;
                               fuzz::check(codec.encode(std::move(copy), buf).has_value(),
                                           "encode failed");
                               auto back = codec.decode(buf);
                               fuzz::check(back && *back && describe(**back) == text,
                                           "an encoded frame decodes differently");
                               return text;
                           });
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// http::client_codec (responses in): the first byte says which of the first 8 requests were
// HEAD, the second picks the limits, the third how the rest is cut into reads. The frames are the
// same however the bytes arrive (a body's chunks joined), each head written again reads back the
// same, and every body that starts ends, unless an error ends the stream.
#include "http.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    fuzz::input in(data, size);
    std::uint8_t const heads = in.byte();
    auto const limits = fuzz::limits_from(in.byte());
    auto make = [&] {
        http::client_codec codec(limits);
        io::bytes_mut sent;
        for (int i = 0; i < 8; ++i) {
            auto method = heads >> i & 1 ? http::verb::head : http::verb::get;
            auto r = codec.encode(
                http::request_frame::message(http::make_request_head(method, "/", "h"), false),
                sent);
            fuzz::check(r.has_value(), "a request does not encode");
        }
        return codec;
    };
    std::uint8_t const seed = in.byte();
    auto t = fuzz::same_however_cut(
        make, in.rest(), seed,
        [](http::response_frame& f) { return fuzz::round_trip_text<http::client_codec>(f); }, true,
        fuzz::ending::same_kind);
    fuzz::check_bodies(t);
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// http::server_codec (requests in, pipelined, with their bodies): the first byte picks the head
// and body limits, the second how the rest is cut into reads. The frames are the same however
// the bytes arrive (a body's chunks joined), each head written again reads back the same, and
// every body that starts ends, unless an error ends the stream.
#include "http.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    fuzz::input in(data, size);
    auto const limits = fuzz::limits_from(in.byte());
    std::uint8_t const seed = in.byte();
    auto t = fuzz::same_however_cut(
        [&] { return http::server_codec(limits); }, in.rest(), seed,
        [](http::request_frame& f) { return fuzz::round_trip_text<http::server_codec>(f); }, true,
        fuzz::ending::same_kind);
    fuzz::check_bodies(t);
    return 0;
}

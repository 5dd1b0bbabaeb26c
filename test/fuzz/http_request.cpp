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
    std::uint8_t const l = in.byte();
    http::limits limits;
    if (l & 1)
        limits.max_header_size = 64 + (l >> 1) * 8;
    if (l & 0x80)
        limits.max_body_size = (l >> 1) % 32;
    std::uint8_t const seed = in.byte();
    auto t = fuzz::same_however_cut(
        [&] { return http::server_codec(limits); }, in.rest(), seed,
        [&](http::request_frame& f) {
            auto text = fuzz::frame_text(f);
            if (f.type() == http::request_frame::kind::message) {
                http::server_codec again;
                io::bytes_mut buf{std::string_view(fuzz::written(f.head()))};
                auto back = again.decode(buf);
                fuzz::check(back && *back && (*back)->type() == f.type() &&
                                fuzz::head_text((*back)->head()) == fuzz::head_text(f.head()),
                            "a head written again reads differently");
            }
            return text;
        },
        true, fuzz::ending::same_kind);
    fuzz::check_bodies(t);
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_FUZZ_HTTP_HPP
#define PROTOKIT_TEST_FUZZ_HTTP_HPP

// What the HTTP targets share: frames written as text, and the round trip of a head (written as
// Beast's serializer writes it, then read again by a fresh codec).

#include "decoder.hpp"

#include <protokit/http/codec.hpp>
#include <protokit/http/detail/writer.hpp>

#include <boost/beast/http/empty_body.hpp>

#include <string>

namespace protokit::fuzz {

template <bool IsRequest>
std::string head_text(boost::beast::http::header<IsRequest> const& h)
{
    std::string out;
    if constexpr (IsRequest)
        out = escape(h.method_string()) + " " + escape(h.target());
    else
        out = std::to_string(h.result_int()) + " " + escape(h.reason());
    out += " " + std::to_string(h.version());
    for (auto const& f : h)
        out += " [" + escape(f.name_string()) + ": " + escape(f.value()) + "]";
    return out;
}

/// A frame of either side as text; a chunk starts with "chunk " (see `decode_all`'s `merge`).
template <class Frame>
std::string frame_text(Frame& f)
{
    switch (f.type()) {
    case Frame::kind::message:
        return std::string("head ") + (f.has_body() ? "+body " : "") + head_text(f.head());
    case Frame::kind::chunk: return "chunk " + escape(f.chunk().view());
    case Frame::kind::end_of_body: return "end of body";
    case Frame::kind::error: return "error " + f.error().message();
    }
    return "?";
}

/// `head` written with Beast's serializer, as the codecs write heads.
template <bool IsRequest>
std::string written(boost::beast::http::header<IsRequest> const& head)
{
    boost::beast::http::message<IsRequest, boost::beast::http::empty_body> m(head);
    io::bytes_mut dst;
    check(http::detail::write_head(m, dst).has_value(), "a decoded head does not write");
    return std::string(dst.view());
}

/// The limits a script's byte picks: sometimes a small head limit, sometimes a tiny body one.
inline http::limits limits_from(std::uint8_t l)
{
    http::limits limits;
    if (l & 1)
        limits.max_header_size = 64 + (l >> 1) * 8;
    if (l & 0x80)
        limits.max_body_size = (l >> 1) % 32;
    return limits;
}

/** A decoded frame as text (`frame_text`), having checked that its head, if it has one,
    written again reads back the same through a fresh `Codec`.
*/
template <class Codec, class Frame>
std::string round_trip_text(Frame& f)
{
    auto text = frame_text(f);
    if (f.type() == Frame::kind::message) {
        Codec again;
        io::bytes_mut buf{std::string_view(written(f.head()))};
        auto back = again.decode(buf);
        check(back && *back && (*back)->type() == f.type() &&
                  head_text((*back)->head()) == head_text(f.head()),
              "a head written again reads differently");
    }
    return text;
}

/// Every body opened by a head ends before the next head, and before a clean end of the stream.
inline void check_bodies(transcript const& t)
{
    bool open = false;
    for (auto const& f : t.frames) {
        if (f.starts_with("head ")) {
            check(!open, "a head while a body is open");
            open = f.starts_with("head +body ");
        } else if (f.starts_with("chunk ")) {
            check(open, "a chunk without a body");
        } else {
            check(open, "an end of body without a body");
            open = false;
        }
    }
    check(!open || t.end != "end", "the stream ended cleanly inside a body");
}

} // namespace protokit::fuzz

#endif

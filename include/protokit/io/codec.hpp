// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_CODEC_HPP
#define PROTOKIT_IO_CODEC_HPP

#include <protokit/error.hpp>
#include <protokit/io/bytes.hpp>

#include <boost/system/result.hpp>

#include <concepts>
#include <optional>
#include <utility>

namespace protokit::io {

/// What a decoder returns: a frame, `std::nullopt` (more bytes needed), or an error.
template <class T>
using decode_result = boost::system::result<std::optional<T>>;

/// What an encoder returns: success, or an error.
using encode_result = boost::system::result<void>;

/** Cuts frames out of a byte stream (tokio-io's `Decoder`).

    `decode(buf)` removes one complete frame from the front of `buf` and
    returns it, or returns `std::nullopt` if `buf` does not hold a complete
    frame yet (it may remember how far it looked, and it may `reserve` room
    for the rest). An error is a broken stream: the connection is usually
    ended. A decoder may also have `decode_eof(buf)`, called once the peer
    has closed; see `io::decode_eof` for what happens without one.
*/
template <class D>
concept Decoder = requires(D& d, bytes_mut& buf) {
    typename D::in_type;
    { d.decode(buf) } -> std::same_as<decode_result<typename D::in_type>>;
};

/// Writes frames as bytes (tokio-io's `Encoder`): `encode(item, dst)` appends `item` to `dst`.
template <class E>
concept Encoder = requires(E& e, typename E::out_type&& item, bytes_mut& dst) {
    typename E::out_type;
    { e.encode(std::move(item), dst) } -> std::same_as<encode_result>;
};

/// Both ways at once: what `framed` takes.
template <class C>
concept Codec = Decoder<C> && Encoder<C>;

/// True if the decoder has its own `decode_eof`.
template <class D>
concept DecoderWithEof = Decoder<D> && requires(D& d, bytes_mut& buf) {
    { d.decode_eof(buf) } -> std::same_as<decode_result<typename D::in_type>>;
};

/** Decodes what is left in `buf` once the peer has closed the stream.

    Calls the decoder's `decode_eof` if it has one. Otherwise decodes as
    usual, and if no frame comes out while bytes remain, they are an
    incomplete frame: the error is `protokit::error::unexpected_eof`.
*/
template <Decoder D>
decode_result<typename D::in_type> decode_eof(D& decoder, bytes_mut& buf)
{
    if constexpr (DecoderWithEof<D>) {
        return decoder.decode_eof(buf);
    } else {
        auto r = decoder.decode(buf);
        if (r.has_value() && !r->has_value() && !buf.empty())
            return decode_result<typename D::in_type>(boost::system::in_place_error,
                                                      make_error_code(error::unexpected_eof));
        return r;
    }
}

} // namespace protokit::io

#endif

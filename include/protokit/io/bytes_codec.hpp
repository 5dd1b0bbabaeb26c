// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_BYTES_CODEC_HPP
#define PROTOKIT_IO_BYTES_CODEC_HPP

#include <protokit/io/bytes.hpp>
#include <protokit/io/codec.hpp>

#include <optional>

namespace protokit::io {

/** Raw bytes, unframed (tokio-io's `BytesCodec`).

    Decoding yields every byte read so far as one frame (zero-copy: the
    frame shares the read buffer's storage), or nothing while the buffer is
    empty; encoding appends the bytes as they are. With `framed`, a byte
    stream becomes a Stream and a Sink of `bytes` chunks.
*/
class bytes_codec {
public:
    using in_type = bytes;
    using out_type = bytes;

    /// Takes everything in `buf`, if anything.
    decode_result<bytes> decode(bytes_mut& buf)
    {
        if (buf.empty())
            return std::nullopt;
        return buf.split_to(buf.size());
    }

    /// Appends `data` to `dst`.
    encode_result encode(bytes const& data, bytes_mut& dst)
    {
        dst.append(data);
        return {};
    }
};

} // namespace protokit::io

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_FRAMED_HPP
#define PROTOKIT_IO_FRAMED_HPP

#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/codec.hpp>
#include <protokit/io/detail/framed_state.hpp>
#include <protokit/io/io.hpp>

#include <cstddef>
#include <utility>

namespace protokit::io {

/** A byte stream seen as a Stream of decoded frames and a Sink of frames (tokio-io's `Framed`).

    Reading: `poll_next` decodes from the read buffer first; without a
    complete frame it reads once from the Io object into the buffer and
    decodes again, until a frame comes out, the read would block (not
    ready: the Io object registered the task), or the peer closes. At the
    end, `decode_eof` is called until it yields nothing, then the stream
    ends; bytes still in the buffer are an `error::unexpected_eof`. The
    buffer never grows past `read_buffer_limit()`: a codec that would need
    more gets `error::frame_too_large`. Either error ends the stream (the
    next poll yields the end); a decoder's own errors are passed on, and
    what follows them is the decoder's choice.

    Writing: `start_send` encodes into the write buffer. Once the buffer
    holds `write_high_water_mark()` bytes or more, it first tries to write
    them out, and hands the item back (not ready, the task registered for
    writability) if the buffer is still that full. `poll_complete` writes
    until the buffer is empty, then flushes; `close` adds a shutdown.

    One object is both, so that a stream `split()` can give its two halves
    to two tasks.
*/
template <Io T, Codec C>
class framed : public future::stream_facade<framed<T, C>>,
               public future::sink_facade<framed<T, C>> {
public:
    using item_type = typename C::in_type;
    using error_type = error_code;
    using sink_item_type = typename C::out_type;
    using sink_error_type = error_code;

    /// Frames `io` with `codec`; the buffers are allocated on first use.
    explicit framed(T io, C codec = C()) : io_(std::move(io)), codec_(std::move(codec)) {}

    /// The next decoded frame; see the class for the contract.
    future::stream_poll_result<item_type> poll_next() { return reader_.poll_next(io_, codec_); }

    /// Encodes `item` into the write buffer, or hands it back while the buffer is full.
    future::start_send_result<sink_item_type> start_send(sink_item_type item)
    {
        return writer_.start_send(io_, codec_, std::move(item));
    }

    /// Ready once every encoded byte is written and flushed.
    poll_result<unit> poll_complete() { return writer_.poll_complete(io_); }

    /// `poll_complete`, then shuts the write direction of the Io object.
    poll_result<unit> close() { return writer_.close(io_); }

    /// The Io object (reading from or writing to it directly breaks the framing).
    T const& get_ref() const noexcept { return io_; }
    T& get_mut() noexcept { return io_; }

    /// The codec.
    C const& codec() const noexcept { return codec_; }
    C& codec() noexcept { return codec_; }

    /// The bytes read but not decoded yet.
    bytes_mut const& read_buffer() const noexcept { return reader_.buffer; }
    bytes_mut& read_buffer() noexcept { return reader_.buffer; }

    /// The bytes encoded but not written yet.
    bytes_mut const& write_buffer() const noexcept { return writer_.buffer; }
    bytes_mut& write_buffer() noexcept { return writer_.buffer; }

    /// The most the read buffer may hold before a codec is told `frame_too_large`.
    std::size_t read_buffer_limit() const noexcept { return reader_.limit; }
    void read_buffer_limit(std::size_t n) noexcept { reader_.limit = n; }

    /// The write buffer size at which `start_send` pushes back.
    std::size_t write_high_water_mark() const noexcept { return writer_.high_water_mark; }
    void write_high_water_mark(std::size_t n) noexcept { writer_.high_water_mark = n; }

    /// The Io object; buffered bytes are dropped.
    T into_inner() && { return std::move(io_); }

private:
    T io_;
    C codec_;
    detail::frame_reader reader_;
    detail::frame_writer writer_;
};

/// A byte source seen as a Stream of decoded frames: the read side of `framed` alone.
template <AsyncRead T, Decoder D>
class framed_read : public future::stream_facade<framed_read<T, D>> {
public:
    using item_type = typename D::in_type;
    using error_type = error_code;

    /// Frames `io` with `decoder`.
    explicit framed_read(T io, D decoder = D()) : io_(std::move(io)), decoder_(std::move(decoder))
    {
    }

    /// The next decoded frame; see `framed` for the contract.
    future::stream_poll_result<item_type> poll_next() { return reader_.poll_next(io_, decoder_); }

    /// The Io object.
    T const& get_ref() const noexcept { return io_; }
    T& get_mut() noexcept { return io_; }

    /// The decoder.
    D const& decoder() const noexcept { return decoder_; }
    D& decoder() noexcept { return decoder_; }

    /// The bytes read but not decoded yet.
    bytes_mut const& read_buffer() const noexcept { return reader_.buffer; }
    bytes_mut& read_buffer() noexcept { return reader_.buffer; }

    /// The most the read buffer may hold before the decoder is told `frame_too_large`.
    std::size_t read_buffer_limit() const noexcept { return reader_.limit; }
    void read_buffer_limit(std::size_t n) noexcept { reader_.limit = n; }

    /// The Io object; buffered bytes are dropped.
    T into_inner() && { return std::move(io_); }

private:
    T io_;
    D decoder_;
    detail::frame_reader reader_;
};

/// A byte sink seen as a Sink of frames to encode: the write side of `framed` alone.
template <AsyncWrite T, Encoder E>
class framed_write : public future::sink_facade<framed_write<T, E>> {
public:
    using sink_item_type = typename E::out_type;
    using sink_error_type = error_code;

    /// Frames `io` with `encoder`.
    explicit framed_write(T io, E encoder = E()) : io_(std::move(io)), encoder_(std::move(encoder))
    {
    }

    /// Encodes `item` into the write buffer, or hands it back while the buffer is full.
    future::start_send_result<sink_item_type> start_send(sink_item_type item)
    {
        return writer_.start_send(io_, encoder_, std::move(item));
    }

    /// Ready once every encoded byte is written and flushed.
    poll_result<unit> poll_complete() { return writer_.poll_complete(io_); }

    /// `poll_complete`, then shuts the write direction of the Io object.
    poll_result<unit> close() { return writer_.close(io_); }

    /// The Io object.
    T const& get_ref() const noexcept { return io_; }
    T& get_mut() noexcept { return io_; }

    /// The encoder.
    E const& encoder() const noexcept { return encoder_; }
    E& encoder() noexcept { return encoder_; }

    /// The bytes encoded but not written yet.
    bytes_mut const& write_buffer() const noexcept { return writer_.buffer; }
    bytes_mut& write_buffer() noexcept { return writer_.buffer; }

    /// The write buffer size at which `start_send` pushes back.
    std::size_t write_high_water_mark() const noexcept { return writer_.high_water_mark; }
    void write_high_water_mark(std::size_t n) noexcept { writer_.high_water_mark = n; }

    /// The Io object; buffered bytes are dropped.
    T into_inner() && { return std::move(io_); }

private:
    T io_;
    E encoder_;
    detail::frame_writer writer_;
};

} // namespace protokit::io

#endif

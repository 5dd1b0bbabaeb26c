// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_DETAIL_FRAMED_STATE_HPP
#define PROTOKIT_IO_DETAIL_FRAMED_STATE_HPP

#include <protokit/error.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/codec.hpp>
#include <protokit/io/detail/block_stock.hpp>
#include <protokit/io/io.hpp>

#include <boost/system/errc.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <utility>

namespace protokit::io::detail {

/// The error of a write that took no byte of a non-empty buffer.
inline error_code write_zero_error() noexcept
{
    return make_error_code(boost::system::errc::io_error);
}

/** The read side of `framed` and `framed_read`: the read buffer and where the stream stands.

    Held by the transport next to its Io object and decoder, which are
    passed in on each poll.
*/
class frame_reader {
public:
    /// The read buffer's default limit: room for a `length_delimited` frame of its default maximum.
    static constexpr std::size_t default_limit = 16 * 1024 * 1024;

    /// How much room a read asks for at least.
    static constexpr std::size_t read_chunk = 4 * 1024;

    /// The buffer's first allocation: twice a read, so that a partial
    /// frame left at its end can move to the front instead of growing it.
    static constexpr std::size_t initial_capacity = 8 * 1024;

    template <AsyncRead T, Decoder D>
    future::stream_poll_result<typename D::in_type> poll_next(T& io, D& decoder);

    /** This thread's stock of read buffers of `initial_capacity` bytes.

        A buffer that is empty when a read must wait goes back to it, so an
        idle connection holds none; the next read takes one back.
    */
    static block_stock& spare_buffers() noexcept
    {
        thread_local block_stock stock(initial_capacity);
        return stock;
    }

    bytes_mut buffer;
    std::size_t limit = default_limit;

private:
    bool readable_ = false; // the buffer may hold a frame the decoder has not seen
    bool eof_ = false;      // the Io object reported the end of the stream
    bool done_ = false;     // the stream has ended
};

/// The write side of `framed` and `framed_write`: the write buffer and its high-water mark.
class frame_writer {
public:
    /// The default high-water mark: `start_send` pushes back once this much is buffered.
    static constexpr std::size_t default_high_water_mark = 8 * 1024;

    template <AsyncWrite T, Encoder E>
    future::start_send_result<typename E::out_type> start_send(T& io, E& encoder,
                                                               typename E::out_type&& item);

    template <AsyncWrite T>
    poll_result<unit> poll_complete(T& io);

    template <AsyncWrite T>
    poll_result<unit> close(T& io);

    bytes_mut buffer;
    std::size_t high_water_mark = default_high_water_mark;
};

template <AsyncRead T, Decoder D>
future::stream_poll_result<typename D::in_type> frame_reader::poll_next(T& io, D& decoder)
{
    using future::fail;
    using future::ready;

    if (done_)
        return ready(std::nullopt); // the end of the stream
    for (;;) {
        if (readable_) {
            if (eof_) {
                auto frame = io::decode_eof(decoder, buffer);
                if (frame.has_error()) {
                    done_ = true;
                    buffer.clear();
                    return fail(frame.error());
                }
                if (frame->has_value())
                    return ready(std::move(*frame));
                done_ = true;
                if (!buffer.empty()) {
                    buffer.clear();
                    return fail(make_error_code(error::unexpected_eof));
                }
                return ready(std::nullopt); // the end of the stream
            }
            auto frame = decoder.decode(buffer);
            if (frame.has_error())
                return fail(frame.error());
            if (frame->has_value())
                return ready(std::move(*frame));
            readable_ = false;
        }

        // No complete frame in the buffer: read once more, within the limit.
        if (buffer.size() >= limit) {
            done_ = true;
            return fail(make_error_code(error::frame_too_large));
        }
        std::size_t const room = limit - buffer.size();
        if (buffer.capacity() == 0) {
            if (room >= initial_capacity)
                buffer.adopt_storage(spare_buffers().take());
            else
                buffer.reserve(room);
        }
        auto space = buffer.prepare(std::min(read_chunk, room));
        auto read = io.poll_read(space.first(std::min(space.size(), room)));
        if (!read.is_ready()) {
            if (read.is_not_ready() && buffer.empty())
                spare_buffers().give_back(buffer.release_storage());
            return future::detail::propagate_poll(std::move(read));
        }
        std::size_t const n = std::move(read).value();
        if (n == 0)
            eof_ = true;
        else
            buffer.commit(n);
        readable_ = true;
    }
}

template <AsyncWrite T, Encoder E>
future::start_send_result<typename E::out_type>
frame_writer::start_send(T& io, E& encoder, typename E::out_type&& item)
{
    using future::fail;

    if (buffer.size() >= high_water_mark) {
        auto flushed = poll_complete(io);
        if (flushed.is_error())
            return fail(std::move(flushed).error());
        // Not ready left the task registered for writability.
        if (buffer.size() >= high_water_mark)
            return future::not_ready_with(std::move(item));
    }
    std::size_t const before = buffer.size();
    auto encoded = encoder.encode(std::move(item), buffer);
    if (encoded.has_error()) {
        buffer.truncate(before);
        return fail(encoded.error());
    }
    return future::accepted;
}

template <AsyncWrite T>
poll_result<unit> frame_writer::poll_complete(T& io)
{
    while (!buffer.empty()) {
        PROTOKIT_TRY_READY(n, io.poll_write(std::span<char const>(buffer.data(), buffer.size())));
        if (n == 0)
            return future::fail(write_zero_error());
        buffer.advance(n);
    }
    return io.poll_flush();
}

template <AsyncWrite T>
poll_result<unit> frame_writer::close(T& io)
{
    auto flushed = poll_complete(io);
    if (!flushed.is_ready())
        return flushed;
    return io.shutdown();
}

} // namespace protokit::io::detail

#endif

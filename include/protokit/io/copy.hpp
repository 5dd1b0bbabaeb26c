// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_COPY_HPP
#define PROTOKIT_IO_COPY_HPP

#include <protokit/future/future.hpp>
#include <protokit/io/detail/framed_state.hpp>
#include <protokit/io/io.hpp>

#include <boost/assert.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::io {

namespace detail {

/// What a copy has read and not written yet, and how far it got.
class copy_state {
public:
    explicit copy_state(std::size_t buffer_size) : buf_(buffer_size == 0 ? 1 : buffer_size) {}

    /// Copies until the reader's end, then flushes the writer; ready with the count.
    template <class R, class W>
    poll_result<std::uint64_t> poll(R& reader, W& writer);

    std::uint64_t copied() const noexcept { return copied_; }

private:
    std::vector<char> buf_;
    std::size_t begin_ = 0; // the first byte read and not written
    std::size_t end_ = 0;   // one past the last byte read
    std::uint64_t copied_ = 0;
    bool read_done_ = false;
};

template <class R, class W>
poll_result<std::uint64_t> copy_state::poll(R& reader, W& writer)
{
    for (;;) {
        if (begin_ == end_ && !read_done_) {
            PROTOKIT_TRY_READY(n, reader.poll_read(std::span<char>(buf_)));
            if (n == 0) {
                read_done_ = true;
            } else {
                begin_ = 0;
                end_ = n;
            }
        }
        while (begin_ < end_) {
            PROTOKIT_TRY_READY(
                n, writer.poll_write(std::span<char const>(buf_.data() + begin_, end_ - begin_)));
            if (n == 0)
                return future::fail(write_zero_error());
            begin_ += n;
            copied_ += n;
        }
        if (read_done_) {
            PROTOKIT_TRY_READY(flushed, writer.poll_flush());
            static_cast<void>(flushed);
            return future::ready(copied_);
        }
    }
}

} // namespace detail

/// The default size of a copy's buffer.
inline constexpr std::size_t default_copy_buffer_size = 8 * 1024;

/** The future of `copy(reader, writer)`: ready with the count of bytes copied.

    Reads into a buffer of its own (allocated once, `buffer_size` bytes),
    writes what it read, and starts over; at the end of the reader's
    stream it writes what is left, flushes the writer, and is ready. Not
    ready when the reader has nothing and the buffer is empty, or when the
    writer is full. Holds references to both: they must outlive it.
*/
template <AsyncRead R, AsyncWrite W>
class copy_future : public future::future_facade<copy_future<R, W>> {
public:
    using item_type = std::uint64_t;
    using error_type = error_code;

    /// The default size of the buffer.
    static constexpr std::size_t default_buffer_size = default_copy_buffer_size;

    copy_future(R& reader, W& writer, std::size_t buffer_size = default_buffer_size)
        : reader_(&reader), writer_(&writer), state_(buffer_size)
    {
    }

    /// Copies until the reader's end, then flushes; see the class.
    poll_result<std::uint64_t> poll() { return state_.poll(*reader_, *writer_); }

    /// How many bytes are written so far.
    std::uint64_t bytes_copied() const noexcept { return state_.copied(); }

private:
    R* reader_;
    W* writer_;
    detail::copy_state state_;
};

/// The future of `copy(std::move(reader), std::move(writer))`: as `copy_future`; yields {count,
/// reader, writer}.
template <AsyncRead R, AsyncWrite W>
class copy_owned_future : public future::future_facade<copy_owned_future<R, W>> {
public:
    using item_type = std::tuple<std::uint64_t, R, W>;
    using error_type = error_code;

    /// Copies from `reader` to `writer` through a buffer of `buffer_size` bytes.
    copy_owned_future(R reader, W writer, std::size_t buffer_size)
        : reader_(std::move(reader)), writer_(std::move(writer)), state_(buffer_size)
    {
    }

    /// Copies until the reader's end, then flushes; ready with the count and both objects.
    poll_result<item_type> poll()
    {
        BOOST_ASSERT_MSG(reader_ && writer_, "protokit: copy_owned_future polled after completion");
        PROTOKIT_TRY_READY(n, state_.poll(*reader_, *writer_));
        item_type out(n, std::move(*reader_), std::move(*writer_));
        reader_.reset();
        writer_.reset();
        return future::ready(std::move(out));
    }

    /// How many bytes are written so far.
    std::uint64_t bytes_copied() const noexcept { return state_.copied(); }

private:
    std::optional<R> reader_;
    std::optional<W> writer_;
    detail::copy_state state_;
};

/// Copies everything `reader` yields to `writer`; see `copy_future`.
template <AsyncRead R, AsyncWrite W>
copy_future<R, W> copy(R& reader, W& writer, std::size_t buffer_size = default_copy_buffer_size)
{
    return {reader, writer, buffer_size};
}

/// Copies everything `reader` yields to `writer`, taking both (tokio-io's `copy`); yields {count,
/// reader, writer}.
template <AsyncRead R, AsyncWrite W>
requires(!std::is_reference_v<R> && !std::is_reference_v<W>) copy_owned_future<R, W> copy(
    R&& reader, W&& writer, std::size_t buffer_size = default_copy_buffer_size)
{
    return {std::move(reader), std::move(writer), buffer_size};
}

} // namespace protokit::io

#endif

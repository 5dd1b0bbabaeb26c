#ifndef PROTOKIT_IO_COPY_HPP
#define PROTOKIT_IO_COPY_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/io/detail/framed_state.hpp>
#include <protokit/io/io.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace protokit::io {

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
    static constexpr std::size_t default_buffer_size = 8 * 1024;

    copy_future(R& reader, W& writer, std::size_t buffer_size = default_buffer_size)
        : reader_(&reader), writer_(&writer), buf_(buffer_size == 0 ? 1 : buffer_size)
    {
    }

    /// Copies until the reader's end, then flushes; see the class.
    poll_result<std::uint64_t> poll();

    /// How many bytes are written so far.
    std::uint64_t bytes_copied() const noexcept { return copied_; }

private:
    R* reader_;
    W* writer_;
    std::vector<char> buf_;
    std::size_t begin_ = 0; // the first byte read and not written
    std::size_t end_ = 0;   // one past the last byte read
    std::uint64_t copied_ = 0;
    bool read_done_ = false;
};

/// Copies everything `reader` yields to `writer`; see `copy_future`.
template <AsyncRead R, AsyncWrite W>
copy_future<R, W> copy(R& reader, W& writer,
                       std::size_t buffer_size = copy_future<R, W>::default_buffer_size)
{
    return {reader, writer, buffer_size};
}

template <AsyncRead R, AsyncWrite W>
poll_result<std::uint64_t> copy_future<R, W>::poll()
{
    for (;;) {
        if (begin_ == end_ && !read_done_) {
            PROTOKIT_TRY_READY(n, reader_->poll_read(std::span<char>(buf_)));
            if (n == 0) {
                read_done_ = true;
            } else {
                begin_ = 0;
                end_ = n;
            }
        }
        while (begin_ < end_) {
            PROTOKIT_TRY_READY(
                n, writer_->poll_write(std::span<char const>(buf_.data() + begin_, end_ - begin_)));
            if (n == 0)
                return future::fail(detail::write_zero_error());
            begin_ += n;
            copied_ += n;
        }
        if (read_done_) {
            PROTOKIT_TRY_READY(flushed, writer_->poll_flush());
            static_cast<void>(flushed);
            return future::ready(copied_);
        }
    }
}

} // namespace protokit::io

#endif

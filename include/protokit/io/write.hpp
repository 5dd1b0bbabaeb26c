#ifndef PROTOKIT_IO_WRITE_HPP
#define PROTOKIT_IO_WRITE_HPP

#include <protokit/future/future_facade.hpp>
#include <protokit/io/detail/framed_state.hpp>
#include <protokit/io/io.hpp>

#include <cstddef>
#include <span>
#include <string_view>

namespace protokit::io {

/** The future of `write_all(io, buf)`: ready with `buf.size()` once all of it is written.

    Short writes are resumed where they stopped. It does not flush (see
    `flush`). Holds references to `io` and the bytes: both must outlive
    it. A write that takes no byte is an `errc::io_error`.
*/
template <AsyncWrite T>
class write_all_future : public future::future_facade<write_all_future<T>> {
public:
    using item_type = std::size_t;
    using error_type = error_code;

    write_all_future(T& io, std::span<char const> buf) noexcept : io_(&io), buf_(buf) {}

    /// Writes until every byte is taken; not ready when the Io object is.
    poll_result<std::size_t> poll()
    {
        while (written_ < buf_.size()) {
            PROTOKIT_TRY_READY(n, io_->poll_write(buf_.subspan(written_)));
            if (n == 0)
                return future::fail(detail::write_zero_error());
            written_ += n;
        }
        return future::ready(written_);
    }

    /// How many bytes are written so far.
    std::size_t bytes_written() const noexcept { return written_; }

private:
    T* io_;
    std::span<char const> buf_;
    std::size_t written_ = 0;
};

/// The future of `flush(io)`: ready once the Io object has flushed. Holds a reference to `io`.
template <AsyncWrite T>
class flush_future : public future::future_facade<flush_future<T>> {
public:
    using item_type = unit;
    using error_type = error_code;

    explicit flush_future(T& io) noexcept : io_(&io) {}

    /// Polls the Io object's flush.
    poll_result<unit> poll() { return io_->poll_flush(); }

private:
    T* io_;
};

/// Writes all of `s` (text, or bytes held in a string).
template <AsyncWrite T>
write_all_future<T> write_all(T& io, std::string_view s) noexcept
{
    return {io, std::span<char const>(s.data(), s.size())};
}

/// Writes all of the bytes `buf` views.
template <AsyncWrite T, std::size_t Extent>
write_all_future<T> write_all(T& io, std::span<char const, Extent> buf) noexcept
{
    return {io, buf};
}

/// Writes all of the bytes `buf` views.
template <AsyncWrite T, std::size_t Extent>
write_all_future<T> write_all(T& io, std::span<char, Extent> buf) noexcept
{
    return {io, buf};
}

/// Flushes `io`.
template <AsyncWrite T>
flush_future<T> flush(T& io) noexcept
{
    return flush_future<T>(io);
}

} // namespace protokit::io

#endif

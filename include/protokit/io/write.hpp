// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_WRITE_HPP
#define PROTOKIT_IO_WRITE_HPP

#include <protokit/future/future.hpp>
#include <protokit/io/detail/framed_state.hpp>
#include <protokit/io/io.hpp>

#include <boost/assert.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

/* Writing helpers, borrowing (an lvalue Io object, which must outlive the
   future) or by value (an rvalue Io object, handed back with the outcome,
   as tokio-io's are); see `read.hpp`. */
namespace protokit::io {

/// Contiguous bytes a write may take: `std::string`, `std::vector<char>`, `std::span<char const>`,
/// ...
template <class B>
concept ConstBuffer = requires(B const& b)
{
    {
        b.data()
        } -> std::convertible_to<char const*>;
    {
        b.size()
        } -> std::convertible_to<std::size_t>;
};

namespace detail {

template <class T>
poll_result<std::size_t> poll_write_all(T& io, std::span<char const> buf, std::size_t& written)
{
    while (written < buf.size()) {
        PROTOKIT_TRY_READY(n, io.poll_write(buf.subspan(written)));
        if (n == 0)
            return future::fail(write_zero_error());
        written += n;
    }
    return future::ready(written);
}

} // namespace detail

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
    poll_result<std::size_t> poll() { return detail::poll_write_all(*io_, buf_, written_); }

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

/// The future of `shutdown(io)`: flushes, then shuts the write direction. Holds a reference to
/// `io`.
template <AsyncWrite T>
class shutdown_future : public future::future_facade<shutdown_future<T>> {
public:
    using item_type = unit;
    using error_type = error_code;

    /// A shutdown of `io`.
    explicit shutdown_future(T& io) noexcept : io_(&io) {}

    /// Polls the Io object's shutdown.
    poll_result<unit> poll() { return io_->shutdown(); }

private:
    T* io_;
};

/// The future of `write_all(std::move(io), buf)`: writes all of `buf`; yields {io, buf}.
template <AsyncWrite T, ConstBuffer B>
class write_all_owned_future : public future::future_facade<write_all_owned_future<T, B>> {
public:
    using item_type = std::pair<T, B>;
    using error_type = error_code;

    /// Writes all of `buf` to `io`, both taken.
    write_all_owned_future(T io, B buf) : io_(std::move(io)), buf_(std::move(buf)) {}

    /// Writes until every byte is taken; then ready with the Io object and the buffer.
    poll_result<item_type> poll()
    {
        BOOST_ASSERT_MSG(io_ && buf_, "protokit: write_all_owned_future polled after completion");
        std::span<char const> const bytes(static_cast<char const*>(std::as_const(*buf_).data()),
                                          static_cast<std::size_t>(std::as_const(*buf_).size()));
        PROTOKIT_TRY_READY(n, detail::poll_write_all(*io_, bytes, written_));
        static_cast<void>(n);
        item_type out(std::move(*io_), std::move(*buf_));
        io_.reset();
        buf_.reset();
        return future::ready(std::move(out));
    }

    /// How many bytes are written so far.
    std::size_t bytes_written() const noexcept { return written_; }

private:
    std::optional<T> io_;
    std::optional<B> buf_;
    std::size_t written_ = 0;
};

/** The future of `flush(std::move(io))` and `shutdown(std::move(io))`: yields the Io object back.

    `Shutdown` chooses which: `poll_flush` or `shutdown`.
*/
template <AsyncWrite T, bool Shutdown>
class flush_owned_future : public future::future_facade<flush_owned_future<T, Shutdown>> {
public:
    using item_type = T;
    using error_type = error_code;

    /// A flush (or shutdown) of `io`, taken.
    explicit flush_owned_future(T io) : io_(std::move(io)) {}

    /// Polls the flush (or shutdown); ready with the Io object.
    poll_result<T> poll()
    {
        BOOST_ASSERT_MSG(io_, "protokit: flush_owned_future polled after completion");
        PROTOKIT_TRY_READY(done, Shutdown ? io_->shutdown() : io_->poll_flush());
        static_cast<void>(done);
        T out(std::move(*io_));
        io_.reset();
        return future::ready(std::move(out));
    }

private:
    std::optional<T> io_;
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

/// Flushes `io`, then shuts its write direction (tokio-io's `shutdown`).
template <AsyncWrite T>
shutdown_future<T> shutdown(T& io) noexcept
{
    return shutdown_future<T>(io);
}

/// Writes all of `buf`, taking `io` and `buf`; yields {io, buf}.
template <AsyncWrite T, ConstBuffer B>
requires(!std::is_reference_v<T>) write_all_owned_future<T, B> write_all(T&& io, B buf)
{
    return {std::move(io), std::move(buf)};
}

/// Flushes `io`, taking it; yields it back.
template <AsyncWrite T>
requires(!std::is_reference_v<T>) flush_owned_future<T, false> flush(T&& io)
{
    return flush_owned_future<T, false>(std::move(io));
}

/// Flushes and shuts the write direction of `io`, taking it; yields it back.
template <AsyncWrite T>
requires(!std::is_reference_v<T>) flush_owned_future<T, true> shutdown(T&& io)
{
    return flush_owned_future<T, true>(std::move(io));
}

} // namespace protokit::io

#endif

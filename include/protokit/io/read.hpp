// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_READ_HPP
#define PROTOKIT_IO_READ_HPP

#include <protokit/error.hpp>
#include <protokit/future/future.hpp>
#include <protokit/io/io.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

/* Reading helpers, in two forms each (tokio-io's `io::read`, `read_exact`, ...).

   Borrowing: `read_exact(io, buf)` with an lvalue `io` and a span holds
   references to both; they must outlive the future, which yields a count.

   By value, as tokio-io's: `read_exact(std::move(io), std::move(buf))` takes
   the Io object (an rvalue) and the buffer (any contiguous bytes it owns or
   views), and hands both back with the outcome, so that chains read as in
   tokio: `read_exact(std::move(io), buf).and_then([](auto io, auto buf) { ... })`
   (a callback may take the elements of a pair or tuple value). On an error
   both are dropped.
*/
namespace protokit::io {

/** A resizable container of bytes (`std::string`, `std::vector<char>`, ...) that reads append to.

    Reads grow it with `resize` and shrink it back to what came in, so its
    capacity is reused from one read to the next.
*/
template <class B>
concept DynamicBytes = requires(B& b, std::size_t n)
{
    {
        b.data()
        } -> std::convertible_to<char*>;
    {
        b.size()
        } -> std::convertible_to<std::size_t>;
    b.resize(n);
};

/// Contiguous bytes a read may fill: `std::array<char, N>`, `std::string`, `std::span<char>`, a
/// `window`.
template <class B>
concept MutableBuffer = requires(B& b)
{
    {
        b.data()
        } -> std::convertible_to<char*>;
    {
        b.size()
        } -> std::convertible_to<std::size_t>;
};

/// The bytes of `b`, as a span.
template <MutableBuffer B>
std::span<char> as_writable_span(B& b) noexcept
{
    return {static_cast<char*>(b.data()), static_cast<std::size_t>(b.size())};
}

/// The future of `read(io, buf)`: one read into `buf`, ready with the count (0 at the end).
template <AsyncRead T>
class read_future : public future::future_facade<read_future<T>> {
public:
    using item_type = std::size_t;
    using error_type = error_code;

    /// A read from `io` into `buf`.
    read_future(T& io, std::span<char> buf) noexcept : io_(&io), buf_(buf) {}

    /// Reads once; not ready when the Io object is.
    poll_result<std::size_t> poll() { return io_->poll_read(buf_); }

private:
    T* io_;
    std::span<char> buf_;
};

/** The future of `read_exact(io, buf)`: ready with `buf.size()` once `buf` is full.

    Holds references to `io` and `buf`: both must outlive it. The end of
    the stream before `buf` is full is `error::unexpected_eof`.
*/
template <AsyncRead T>
class read_exact_future : public future::future_facade<read_exact_future<T>> {
public:
    using item_type = std::size_t;
    using error_type = error_code;

    read_exact_future(T& io, std::span<char> buf) noexcept : io_(&io), buf_(buf) {}

    /// Reads until `buf` is full; not ready when the Io object is.
    poll_result<std::size_t> poll();

    /// How many bytes are in so far.
    std::size_t bytes_read() const noexcept { return filled_; }

private:
    T* io_;
    std::span<char> buf_;
    std::size_t filled_ = 0;
};

/** The future of `read_until(io, delim, buf)`.

    Appends what it reads to `buf` until `buf` holds `delim`, and is ready
    with the number of bytes up to and including the first `delim` in
    `buf`. Bytes read past it stay in `buf`, for the caller to keep for
    the next call (the Asio `read_until` contract): take the first n bytes,
    erase them, call again. If `buf` already holds `delim`, nothing is
    read. At the end of the stream it is ready with `buf.size()` (the last,
    unterminated piece; 0 if there is none). Growing `buf` past `max_size`
    is `error::frame_too_large`.

    Holds references to `io` and `buf`: both must outlive it.
*/
template <AsyncRead T, DynamicBytes B>
class read_until_future : public future::future_facade<read_until_future<T, B>> {
public:
    using item_type = std::size_t;
    using error_type = error_code;

    read_until_future(T& io, char delim, B& buf, std::size_t max_size) noexcept
        : io_(&io), buf_(&buf), max_size_(max_size), delim_(delim)
    {
    }

    /// Reads until `buf` holds the delimiter; see the class.
    poll_result<std::size_t> poll();

private:
    T* io_;
    B* buf_;
    std::size_t max_size_;
    std::size_t searched_ = 0;
    char delim_;
};

/** The future of `read_to_end(io, buf)`: appends to `buf` until the end of the stream.

    Ready with the number of bytes appended. Holds references to `io` and
    `buf`: both must outlive it. Nothing bounds the size: read from peers
    you trust, or frame the stream.
*/
template <AsyncRead T, DynamicBytes B>
class read_to_end_future : public future::future_facade<read_to_end_future<T, B>> {
public:
    using item_type = std::size_t;
    using error_type = error_code;

    read_to_end_future(T& io, B& buf) noexcept : io_(&io), buf_(&buf) {}

    /// Reads until the end of the stream.
    poll_result<std::size_t> poll();

private:
    T* io_;
    B* buf_;
    std::size_t appended_ = 0;
};

/// The future of `read(std::move(io), buf)`: one read; yields {io, buf, count}.
template <AsyncRead T, MutableBuffer B>
class read_owned_future : public future::future_facade<read_owned_future<T, B>> {
public:
    using item_type = std::tuple<T, B, std::size_t>;
    using error_type = error_code;

    /// A read from `io` into `buf`, both taken.
    read_owned_future(T io, B buf) : io_(std::move(io)), buf_(std::move(buf)) {}

    /// Reads once; ready with the Io object, the buffer and the count.
    poll_result<item_type> poll();

private:
    std::optional<T> io_;
    std::optional<B> buf_;
};

/// The future of `read_exact(std::move(io), buf)`: fills `buf`; yields {io, buf}.
template <AsyncRead T, MutableBuffer B>
class read_exact_owned_future : public future::future_facade<read_exact_owned_future<T, B>> {
public:
    using item_type = std::pair<T, B>;
    using error_type = error_code;

    /// A read from `io` that fills `buf`, both taken.
    read_exact_owned_future(T io, B buf) : io_(std::move(io)), buf_(std::move(buf)) {}

    /// Reads until the buffer is full; then ready with the Io object and the buffer.
    poll_result<item_type> poll();

    /// How many bytes are in so far.
    std::size_t bytes_read() const noexcept { return filled_; }

private:
    std::optional<T> io_;
    std::optional<B> buf_;
    std::size_t filled_ = 0;
};

/// The future of `read_until(std::move(io), delim, buf)`: as `read_until_future`; yields {io, buf,
/// count}.
template <AsyncRead T, DynamicBytes B>
class read_until_owned_future : public future::future_facade<read_until_owned_future<T, B>> {
public:
    using item_type = std::tuple<T, B, std::size_t>;
    using error_type = error_code;

    /// Reads from `io` into `buf` until `delim`, both taken.
    read_until_owned_future(T io, char delim, B buf, std::size_t max_size)
        : io_(std::move(io)), buf_(std::move(buf)), max_size_(max_size), delim_(delim)
    {
    }

    /// Reads until the buffer holds the delimiter; see `read_until_future`.
    poll_result<item_type> poll();

private:
    std::optional<T> io_;
    std::optional<B> buf_;
    std::size_t max_size_;
    std::size_t searched_ = 0;
    char delim_;
};

/// The future of `read_to_end(std::move(io), buf)`: appends up to the end; yields {io, buf}.
template <AsyncRead T, DynamicBytes B>
class read_to_end_owned_future : public future::future_facade<read_to_end_owned_future<T, B>> {
public:
    using item_type = std::pair<T, B>;
    using error_type = error_code;

    /// Reads from `io` to its end into `buf`, both taken.
    read_to_end_owned_future(T io, B buf) : io_(std::move(io)), buf_(std::move(buf)) {}

    /// Reads until the end of the stream; then ready with the Io object and the buffer.
    poll_result<item_type> poll();

private:
    std::optional<T> io_;
    std::optional<B> buf_;
    std::size_t appended_ = 0;
};

/// Reads once into `buf` (tokio-io's `read`); ready with the count, 0 at the end of the stream.
template <AsyncRead T>
read_future<T> read(T& io, std::span<char> buf) noexcept
{
    return {io, buf};
}

/// Reads exactly `buf.size()` bytes into `buf`.
template <AsyncRead T>
read_exact_future<T> read_exact(T& io, std::span<char> buf) noexcept
{
    return {io, buf};
}

/// Reads into `buf` until it holds `delim`; see `read_until_future`.
template <AsyncRead T, DynamicBytes B>
read_until_future<T, B> read_until(T& io, char delim, B& buf,
                                   std::size_t max_size = static_cast<std::size_t>(-1)) noexcept
{
    return {io, delim, buf, max_size};
}

/// Appends everything up to the end of the stream to `buf`.
template <AsyncRead T, DynamicBytes B>
read_to_end_future<T, B> read_to_end(T& io, B& buf) noexcept
{
    return {io, buf};
}

/// Reads once into `buf`, taking `io` and `buf`; yields {io, buf, count}.
template <AsyncRead T, MutableBuffer B>
requires(!std::is_reference_v<T>) read_owned_future<T, B> read(T&& io, B buf)
{
    return {std::move(io), std::move(buf)};
}

/// Fills `buf`, taking `io` and `buf`; yields {io, buf}.
template <AsyncRead T, MutableBuffer B>
requires(!std::is_reference_v<T>) read_exact_owned_future<T, B> read_exact(T&& io, B buf)
{
    return {std::move(io), std::move(buf)};
}

/// Reads into `buf` until it holds `delim`, taking `io` and `buf`; yields {io, buf, count}.
template <AsyncRead T, DynamicBytes B>
requires(!std::is_reference_v<T> && !std::is_reference_v<B>)
    read_until_owned_future<T, B> read_until(T&& io, char delim, B&& buf,
                                             std::size_t max_size = static_cast<std::size_t>(-1))
{
    return {std::move(io), delim, std::move(buf), max_size};
}

/// Appends everything up to the end of the stream to `buf`, taking `io` and `buf`; yields {io,
/// buf}.
template <AsyncRead T, DynamicBytes B>
requires(!std::is_reference_v<T> &&
         !std::is_reference_v<B>) read_to_end_owned_future<T, B> read_to_end(T&& io, B&& buf)
{
    return {std::move(io), std::move(buf)};
}

} // namespace protokit::io

#include <protokit/io/impl/read.hpp>

#endif

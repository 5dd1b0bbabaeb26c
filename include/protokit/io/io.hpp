// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_IO_HPP
#define PROTOKIT_IO_IO_HPP

#include <protokit/future/poll.hpp>

#include <concepts>
#include <cstddef>
#include <span>

namespace protokit::io {

using future::error_code;
using future::poll_result;
using future::unit;

/** A non-blocking source of bytes, polled from a task.

    `poll_read(buf)` copies up to `buf.size()` bytes into `buf` and is ready
    with the count; ready with 0 means the end of the stream (for a non-empty
    `buf`). Not ready means the current task is registered and will be
    notified when the object may be readable: no buffer is held while it
    waits.
*/
template <class T>
concept AsyncRead = requires(T& t, std::span<char> buf) {
    { t.poll_read(buf) } -> std::same_as<poll_result<std::size_t, error_code>>;
};

/** A non-blocking sink of bytes, polled from a task.

    `poll_write(buf)` is ready with the count of bytes taken from the front
    of `buf` (more than 0 for a non-empty `buf`); `poll_flush()` is ready
    once every byte written is on its way; `shutdown()` flushes, then shuts
    the write direction. Not ready means the current task is registered and
    will be notified when the object may be writable.
*/
template <class T>
concept AsyncWrite = requires(T& t, std::span<char const> buf) {
    { t.poll_write(buf) } -> std::same_as<poll_result<std::size_t, error_code>>;
    { t.poll_flush() } -> std::same_as<poll_result<unit, error_code>>;
    { t.shutdown() } -> std::same_as<poll_result<unit, error_code>>;
};

/// A byte stream both ways (a TCP stream, a pipe, a test's mock): what `framed` runs on.
template <class T>
concept Io = AsyncRead<T> && AsyncWrite<T>;

} // namespace protokit::io

#endif

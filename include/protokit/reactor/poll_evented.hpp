// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_POLL_EVENTED_HPP
#define PROTOKIT_REACTOR_POLL_EVENTED_HPP

#include <protokit/reactor/core.hpp>
#include <protokit/reactor/detail/readiness.hpp>

#include <protokit/future/poll.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/assert.hpp>
#include <boost/system/result.hpp>

#include <cstddef>
#include <span>
#include <utility>

namespace protokit::reactor {

/// An asio I/O object on a descriptor that can wait for readiness: a socket, a
/// `posix::stream_descriptor`.
template <class T>
concept Waitable = requires(T& t, boost::system::error_code& ec)
{
    t.async_wait(T::wait_read, [](boost::system::error_code) {});
    t.async_wait(T::wait_write, [](boost::system::error_code) {});
    t.non_blocking(true, ec);
    t.get_executor();
};

/** Any descriptor-backed asio object, made readiness-driven (tokio-core's `PollEvented`).

    The object is made non-blocking. Code that reads or writes it directly
    follows the readiness protocol: `poll_read_ready()` (or
    `poll_write_ready()`) before the call; if the call would block,
    `need_read()` (or `need_write()`), which registers the current task and
    arms one asio `async_wait`, and return not ready. The wait's handler
    wakes the task; the next `poll_read_ready()` is then ready. A stream
    object (one with `read_some` and `write_some`) is moreover an `io::Io`
    through `poll_read`, `poll_write`, `poll_flush` and `shutdown`, which
    follow that protocol themselves.

    Moving it while a wait is pending is fine, and so is destroying it (the
    wait completes and wakes its task). Use it on its core's thread;
    destroy it before the core.
*/
template <Waitable T>
class poll_evented {
public:
    /// Adopts `object`, made on `h`'s io_context, and makes it non-blocking.
    static boost::system::result<poll_evented> create(handle const& h, T object);

    /** Ready unless the object was found not readable (`need_read`) and has not been woken since.

        Not ready keeps the current task registered for the wake-up.
    */
    future::async<future::unit> poll_read_ready()
    {
        if (detail::still_waiting(readiness_->read))
            return future::not_ready;
        return future::ready();
    }

    /// As `poll_read_ready`, for writability.
    future::async<future::unit> poll_write_ready()
    {
        if (detail::still_waiting(readiness_->write))
            return future::not_ready;
        return future::ready();
    }

    /** Says that a read would block: registers the current task and arms a wait for readability.

        Call it from a poll, then return not ready.
    */
    void need_read() { detail::await_readable(object_, readiness_); }

    /// As `need_read`, for writability.
    void need_write() { detail::await_writable(object_, readiness_); }

    /// Reads into `buf` (for a stream object): ready with the count, 0 at the end of the stream.
    future::poll_result<std::size_t> poll_read(std::span<char> buf) requires
        requires(T& t, boost::system::error_code& ec)
    {
        t.read_some(boost::asio::mutable_buffer(), ec);
    };

    /// Writes from `buf` (for a stream object): ready with the count taken.
    future::poll_result<std::size_t> poll_write(std::span<char const> buf) requires
        requires(T& t, boost::system::error_code& ec)
    {
        t.write_some(boost::asio::const_buffer(), ec);
    };

    /// Ready at once: written bytes are already the system's.
    future::poll_result<future::unit> poll_flush() { return future::ready(); }

    /** Shuts the write direction: a socket's `shutdown(shutdown_send)`.

        An object without `shutdown` (a pipe) has no such half-close:
        nothing is done; close it to end the stream.
    */
    future::poll_result<future::unit> shutdown();

    /// The object.
    T const& get_ref() const noexcept { return object_; }
    T& get_mut() noexcept { return object_; }

    /// The object, given back (still non-blocking); a pending wait still wakes its task.
    T into_inner() && { return std::move(object_); }

private:
    explicit poll_evented(T object)
        : object_(std::move(object)), readiness_(detail::make_readiness())
    {
    }

    T object_;
    detail::readiness_ptr readiness_;
};

} // namespace protokit::reactor

#include <protokit/reactor/impl/poll_evented.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_DETAIL_SOCKET_WAITS_HPP
#define PROTOKIT_REACTOR_DETAIL_SOCKET_WAITS_HPP

#include <protokit/future/task.hpp>

#include <boost/asio/detail/reactor_op.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>
#include <boost/system/error_code.hpp>
#include <boost/version.hpp>

#include <cstddef>
#include <memory>

/** Whether a stream's waits are queued on asio's epoll reactor directly (see `socket_wait`).

    They reach into asio's internals as Boost 1.81 has them (its reactor
    operations, the socket's descriptor state and the events the reactor is
    performing); any other release, or another reactor, waits with
    `async_wait` instead, which costs a system call per wait.
*/
#if !defined(PROTOKIT_DIRECT_SOCKET_WAITS)
#if defined(BOOST_ASIO_HAS_EPOLL) && !defined(BOOST_ASIO_HAS_IO_URING_AS_DEFAULT) &&               \
    BOOST_VERSION / 100 == 1081
#define PROTOKIT_DIRECT_SOCKET_WAITS 1
#else
#define PROTOKIT_DIRECT_SOCKET_WAITS 0
#endif
#endif

namespace protokit::reactor::detail {

class socket_waits;

/** One direction's wait on a connected socket: an operation of protokit's own, queued on the
    socket's descriptor in asio's reactor.

    Every asio operation starts with a system call: a receive with a
    speculative try (which fails when the socket was read dry), an
    `async_wait` with an `epoll_ctl` that re-arms the descriptor. This one
    costs none. The descriptor was registered with the reactor once, when
    the socket was opened, edge-triggered; the reactor notes each event that
    comes while no operation waits, and tries a new operation at once only
    then. This operation's try always succeeds and says the direction is
    exhausted, so that:

    - queued while no event came since the last wait ended, it simply
      waits, with no system call;
    - queued after an event came meanwhile (data that arrived after the
      reader last looked, an event taken by a poll of the reactor in
      between), it completes at once: the reader looks again;
    - when the next event comes, it completes, and waking the reader is all
      it does: the reader reads for itself, into its own buffer.

    It also notes the peer's shutdown, an error or a hang-up among the
    events, which the reader must see even when its last read left the
    socket looking empty.
*/
class socket_wait final : public boost::asio::detail::reactor_op {
public:
    explicit socket_wait(socket_waits& owner) noexcept
        : reactor_op(boost::system::error_code(), &socket_wait::perform, &socket_wait::complete),
          owner_(&owner)
    {
    }

    socket_wait(socket_wait const&) = delete;
    socket_wait& operator=(socket_wait const&) = delete;

    /// True while the wait is queued: the socket was found not ready and nothing has woken it
    /// since.
    bool armed() const noexcept { return armed_; }

    /// As `armed`, registering the current task, to be woken when the wait completes.
    bool still_waiting()
    {
        if (!armed_)
            return false;
        waiter_.register_current();
        return true;
    }

private:
    friend class socket_waits;

    static status perform(reactor_op* base) noexcept;

    /// Ends the wait (`owner` is null when the io_context is being destroyed): wakes the task.
    static void complete(void* owner, boost::asio::detail::operation* base,
                         boost::system::error_code const&, std::size_t) noexcept;

    socket_waits* owner_;
    future::task_slot waiter_;
    bool armed_ = false;
};

/** The waits of one connected TCP socket, shared with whichever of them is queued.

    A queued wait holds a reference, never one to the stream, so the stream
    may be moved or destroyed while one is pending (closing the socket
    completes it). Also holds what the stream knows of its socket's
    emptiness, and the bytes a reader put back (`tcp_stream::unread`). Used
    on the core's thread only.
*/
class socket_waits
    : public boost::intrusive_ref_counter<socket_waits, boost::thread_unsafe_counter> {
public:
    /** The state of `socket`, a connected socket: has the reactor report the peer's shutdown
        (EPOLLRDHUP) among the socket's events.
    */
    explicit socket_waits(boost::asio::ip::tcp::socket& socket);

    socket_waits(socket_waits const&) = delete;
    socket_waits& operator=(socket_waits const&) = delete;

    socket_wait read{*this};
    socket_wait write{*this};

    /** True if a short read can tell that it left the socket empty: the waits see every
        event, and the events say when the peer shut its side (so an end of the stream or a
        reset that came with the last data is not missed). Otherwise the reader reads until it
        would block.
    */
    bool knows_emptiness() const noexcept
    {
        return tells_shutdown_ && PROTOKIT_DIRECT_SOCKET_WAITS;
    }

    /** True once an event said the peer shut its side, or the connection failed or hung up:
        read until the socket says so.
    */
    bool ended() const noexcept { return ended_; }

    /// Bytes put back, read before the socket: `unread[unread_begin, unread_end)`.
    std::unique_ptr<char[]> unread;
    std::size_t unread_begin = 0;
    std::size_t unread_end = 0;

    /** Registers the current task to be woken when `socket` may be ready in `which` direction,
        and queues the wait unless it is queued already. Call it when the socket was found not
        ready (would block, or read empty), then return not ready.
    */
    void await(boost::asio::ip::tcp::socket& socket, socket_wait& which);

private:
    friend class socket_wait;

    /// Notes what the events the reactor is performing for the socket say.
    void note_events() noexcept;

    void* reactor_ = nullptr;    // asio's reactor, when waits are direct
    void* descriptor_ = nullptr; // the socket's state in it, as of the last wait queued
    bool tells_shutdown_ = false;
    bool ended_ = false;
};

/// A counted reference to a `socket_waits`.
using socket_waits_ptr = boost::intrusive_ptr<socket_waits>;

} // namespace protokit::reactor::detail

#endif

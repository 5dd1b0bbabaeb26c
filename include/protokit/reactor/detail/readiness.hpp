// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_DETAIL_READINESS_HPP
#define PROTOKIT_REACTOR_DETAIL_READINESS_HPP

#include <protokit/reactor/detail/handler_memory.hpp>

#include <protokit/future/task.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/assert.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <memory>

namespace protokit::reactor::detail {

/// The size of the large receive buffers a busy stream borrows.
inline constexpr std::size_t receive_buffer_size = 4096;

/// A large receive buffer from this thread's stock (allocated when the stock is empty).
char* take_receive_buffer();

/// Returns a buffer from `take_receive_buffer` to this thread's stock (null: nothing).
void give_back_receive_buffer(char* buffer) noexcept;

/** The tasks waiting on one I/O object, shared with the object's pending waits.

    A wait handler holds a reference to this small state, never to the I/O
    object, so the object may be moved or destroyed while a wait is
    pending. One wait per direction is armed at a time, and its operation
    lives in the state's own memory. Used on the core's thread only.
*/
class readiness : public boost::intrusive_ref_counter<readiness, boost::thread_unsafe_counter> {
public:
    /** The operation size asio needs for a socket wait or receive, with room to spare.

        Boost 1.81's are 144 bytes (a wait) and 168 (a receive into the
        inbox); an operation that does not fit still works, from the heap.
    */
    static constexpr std::size_t memory_size = 192;

    /// One direction: who to wake and whether a wait is armed.
    struct direction {
        future::task_slot waiter;
        bool armed = false;
    };

    direction read;
    direction write;

    /// The memory of the read direction's operation: a stream keeps a receive or a wait armed.
    handler_memory<memory_size> read_memory;
    /** The write direction's, made the first time a write must wait.

        Most connections never fill their socket's send buffer: they do not
        pay for it.
    */
    std::unique_ptr<handler_memory<memory_size>> write_memory;

    /// The memory of `d`'s operation (the write memory must exist).
    handler_memory<memory_size>& memory(direction const& d) noexcept
    {
        return &d == &read ? read_memory : *write_memory;
    }

    /** What the receive that `await_data` arms brought, for the next read to take.

        The receive lands in a small buffer of the state's own, enough for
        a quiet connection's requests; a stream whose receive fills it
        borrows a large one from its thread's stock for the next receives
        (so that a batch of requests arrives in one system call), and gives
        it back once receives come in small again.
    */
    struct inbox_type {
        static constexpr std::size_t small_capacity = 256;
        static constexpr std::size_t large_capacity = receive_buffer_size;

        inbox_type() = default;
        inbox_type(inbox_type const&) = delete;
        inbox_type& operator=(inbox_type const&) = delete;
        ~inbox_type() { give_back_receive_buffer(large); }

        char small[small_capacity];
        char* large = nullptr; // borrowed, or null
        std::size_t begin = 0;
        std::size_t end = 0;
        /// The receive's error: end of stream, a reset; cleared once reported.
        boost::system::error_code error;

        char* bytes() noexcept { return large != nullptr ? large : small; }
        std::size_t capacity() const noexcept
        {
            return large != nullptr ? large_capacity : small_capacity;
        }
        bool empty() const noexcept { return begin == end && !error; }

        /// Picks the buffer for the next receive from what the last one brought.
        void fit(std::size_t last)
        {
            if (large == nullptr && last == small_capacity) {
                large = take_receive_buffer();
            } else if (large != nullptr && last <= small_capacity / 2) {
                give_back_receive_buffer(large);
                large = nullptr;
            }
        }
    };
    inbox_type inbox;
    /// How many bytes the last receive brought.
    std::size_t last_received = 0;
    /// The socket whose receive waits for the polling task to return (see `tcp_stream`), or null.
    void* deferred_socket = nullptr;
};

/// A counted reference to a `readiness`.
using readiness_ptr = boost::intrusive_ptr<readiness>;

/// Makes a fresh readiness state.
inline readiness_ptr make_readiness()
{
    return readiness_ptr(new readiness);
}

/// The handler of one direction's wait: wakes that direction's task.
class readiness_handler {
public:
    using allocator_type = handler_allocator<void, readiness::memory_size>;

    readiness_handler(readiness_ptr state, readiness::direction readiness::*dir) noexcept
        : state_(std::move(state)), dir_(dir)
    {
    }

    allocator_type get_allocator() const noexcept
    {
        return allocator_type(state_->memory((*state_).*dir_));
    }

    void operator()(boost::system::error_code) const noexcept
    {
        readiness::direction& d = (*state_).*dir_;
        d.armed = false;
        d.waiter.notify();
    }

private:
    readiness_ptr state_;
    readiness::direction readiness::*dir_;
};

/** Registers the current task to be woken when `object` may be readable.

    Arms one `async_wait(wait_read)` unless one is already pending.
    Register first: if there is no current task, nothing is armed.
*/
template <class Waitable>
void await_readable(Waitable& object, readiness_ptr const& state)
{
    state->read.waiter.register_current();
    if (state->read.armed)
        return;
    object.async_wait(Waitable::wait_read, readiness_handler(state, &readiness::read));
    state->read.armed = true;
}

/// The handler of `await_data`'s receive: keeps what came in the inbox, wakes the reader.
class receive_handler {
public:
    using allocator_type = handler_allocator<void, readiness::memory_size>;

    explicit receive_handler(readiness_ptr state) noexcept : state_(std::move(state)) {}

    allocator_type get_allocator() const noexcept { return allocator_type(state_->read_memory); }

    void operator()(boost::system::error_code ec, std::size_t n) const noexcept
    {
        readiness& r = *state_;
        r.read.armed = false;
        // Aborted: the socket was closed, or the stream destroyed; the task
        // is woken all the same, as by any wait, to find that out.
        if (ec != boost::asio::error::operation_aborted) {
            r.inbox.begin = 0;
            r.inbox.end = n;
            r.inbox.error = ec;
            r.last_received = n;
        }
        r.read.waiter.notify();
    }

private:
    readiness_ptr state_;
};

/// Arms `await_data`'s receive, for the task already registered.
template <class Socket>
void arm_receive(Socket& socket, readiness_ptr const& state)
{
    BOOST_ASSERT(state->inbox.empty());
    state->inbox.fit(state->last_received);
    socket.async_receive(boost::asio::buffer(state->inbox.bytes(), state->inbox.capacity()),
                         receive_handler(state));
    state->read.armed = true;
}

/** As `await_readable`, for a connected stream socket, with the read included:
    arms a receive into the state's inbox (256 bytes, or 4 KiB while the
    stream's receives fill that), which the next read takes first.

    Waiting this way costs what a hand-written Asio reader pays: asio starts
    a receive with one speculative try and no `epoll_ctl` (an `async_wait`
    re-arms the descriptor with one), and the receive that completes has
    read the data too, where a wait would need a read after it.
*/
template <class Socket>
void await_data(Socket& socket, readiness_ptr const& state)
{
    state->read.waiter.register_current();
    if (!state->read.armed)
        arm_receive(socket, state);
}

/// As `await_readable`, for writability.
template <class Waitable>
void await_writable(Waitable& object, readiness_ptr const& state)
{
    state->write.waiter.register_current();
    if (state->write.armed)
        return;
    if (!state->write_memory)
        state->write_memory = std::make_unique<handler_memory<readiness::memory_size>>();
    object.async_wait(Waitable::wait_write, readiness_handler(state, &readiness::write));
    state->write.armed = true;
}

/** True while a wait of `d`'s direction is armed: the object was found not
    ready (would block) and nothing has woken it since, so trying again now
    would only fail with would-block again. Registers the current task, as
    `await_readable` does, to be woken when the wait completes.
*/
inline bool still_waiting(readiness::direction& d)
{
    if (!d.armed)
        return false;
    d.waiter.register_current();
    return true;
}

/// True if `ec` means "try again later" on a non-blocking socket.
inline bool is_would_block(boost::system::error_code const& ec) noexcept
{
    return ec == boost::asio::error::would_block || ec == boost::asio::error::try_again;
}

} // namespace protokit::reactor::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_DETAIL_READINESS_HPP
#define PROTOKIT_REACTOR_DETAIL_READINESS_HPP

#include <protokit/reactor/detail/handler_memory.hpp>

#include <protokit/future/task.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/assert.hpp>
#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <memory>

namespace protokit::reactor::detail {

/** The tasks waiting on one I/O object, shared with the object's pending waits.

    A wait handler holds a reference to this small state, never to the I/O
    object, so the object may be moved or destroyed while a wait is
    pending. One wait per direction is armed at a time, and its operation
    lives in the state's own memory. Used on the core's thread only.
*/
class readiness : public boost::intrusive_ref_counter<readiness, boost::thread_unsafe_counter> {
public:
    /** The operation size asio needs for a wait, with room to spare.

        Boost 1.81's is 144 bytes; an operation that does not fit still
        works, from the heap.
    */
    static constexpr std::size_t memory_size = 192;

    /// One direction: who to wake and whether a wait is armed.
    struct direction {
        future::task_slot waiter;
        bool armed = false;
    };

    direction read;
    direction write;

    /// The memory of the read direction's operation.
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

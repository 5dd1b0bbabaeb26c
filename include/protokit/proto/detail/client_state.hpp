// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_CLIENT_STATE_HPP
#define PROTOKIT_PROTO_DETAIL_CLIENT_STATE_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/detail/ring_buffer.hpp>
#include <protokit/future/task.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::proto::detail {

/// The most calls a client whose requests carry an `Id` can have in flight: one per distinct id.
template <class Id>
constexpr std::size_t id_space() noexcept
{
    if constexpr (std::is_void_v<Id>)
        return std::numeric_limits<std::size_t>::max();
    else if constexpr (std::numeric_limits<Id>::digits >= std::numeric_limits<std::size_t>::digits)
        return std::numeric_limits<std::size_t>::max();
    else
        return std::size_t(1) << std::numeric_limits<Id>::digits;
}

/** The state one client connection shares with its client handles and response futures.

    Requests wait in slots (a fixed slab of `max_in_flight`, so a caller
    cannot queue without bound) until the connection task writes them;
    responses are matched to slots in write order (pipeline, `Id` void) or
    by id (multiplex) and handed to the waiting response future. A
    multiplexed id encodes its slot in its low bits: a slot is reused only
    once its response has arrived (or the connection is over), so a live id
    is never reused, and an id type too narrow for `max_in_flight` distinct
    ids caps the limit at the number of ids it has. Everything lives on the
    connection's reactor thread: no locks, no atomics, no allocation per call.
*/
template <class Request, class Response, class Id>
class client_state : public boost::intrusive_ref_counter<client_state<Request, Response, Id>,
                                                         boost::thread_unsafe_counter> {
public:
    using index = std::uint32_t;
    using request_type = Request;
    using response_type = Response;
    /// The request id type; void for a pipelined connection, whose responses come in request order.
    using id_type = Id;
    static constexpr bool ordered = std::is_void_v<Id>;

    explicit client_state(std::size_t max_in_flight)
        : limit_(std::min(std::max(max_in_flight, std::size_t(1)), id_space<Id>())),
          capacity_(std::bit_ceil(limit_)), slots_(limit_), queued_(limit_),
          written_(ordered ? limit_ : 0)
    {
        free_.reserve(limit_);
        for (std::size_t i = limit_; i-- > 0;)
            free_.push_back(static_cast<index>(i));
    }

    /// Calls that may be pending at once.
    std::size_t limit() const noexcept { return limit_; }

    // ---- the client side ----

    /// Ready when a call would take a slot; registers the task otherwise.
    future::poll_result<future::unit> poll_ready()
    {
        if (failed_)
            return future::fail(*failed_);
        if (!free_.empty())
            return future::ready();
        auto const& t = future::current_task();
        for (auto const& w : capacity_waiters_)
            if (w.will_notify(t))
                return future::not_ready;
        capacity_waiters_.push_back(t);
        return future::not_ready;
    }

    /// Queues a request; the slot it took, or the error that refuses it.
    std::pair<index, future::error_code> enqueue(Request&& request)
    {
        if (failed_)
            return {0, *failed_};
        if (free_.empty())
            return {0, make_error_code(error::limit_reached)};
        index i = free_.back();
        free_.pop_back();
        slot& s = slots_[i];
        s.request.emplace(std::move(request));
        s.phase = slot_phase::queued;
        s.abandoned = false;
        queued_.push_back(i);
        ++live_;
        connection_.notify();
        return {i, {}};
    }

    /// The response of slot `i` if it has arrived; registers the task otherwise.
    future::poll_result<Response> poll_response(index i)
    {
        slot& s = slots_[i];
        if (s.phase != slot_phase::done) {
            s.waiter.register_current();
            return future::not_ready;
        }
        future::poll_result<Response> r =
            s.response ? future::poll_result<Response>(future::ready(std::move(*s.response)))
                       : future::poll_result<Response>(future::fail(s.error));
        release(i);
        --live_;
        connection_.notify();
        return r;
    }

    /// The response future of slot `i` is gone: forget the request or its response.
    void abandon(index i)
    {
        slot& s = slots_[i];
        --live_;
        if (s.phase == slot_phase::done)
            release(i);
        else {
            s.abandoned = true;
            s.request.reset();
        }
        connection_.notify();
    }

    void add_handle() noexcept { ++handles_; }
    void remove_handle() noexcept
    {
        if (--handles_ == 0)
            connection_.notify();
    }

    // ---- the connection side ----

    /// Remembers the connection task, woken by new calls and dropped handles.
    void register_connection() { connection_.register_current(); }

    /// The next request to write (skipping abandoned ones), if any.
    std::optional<index> next_to_write()
    {
        while (!queued_.empty()) {
            index i = queued_.front();
            if (!slots_[i].abandoned)
                return i;
            (void)queued_.pop_front();
            release(i);
        }
        return std::nullopt;
    }

    Request take_request(index i)
    {
        return std::move(*std::exchange(slots_[i].request, std::nullopt));
    }
    void restore_request(index i, Request&& r) { slots_[i].request.emplace(std::move(r)); }

    /// The request at the front of the write queue went out.
    void mark_written()
    {
        index i = queued_.pop_front();
        slots_[i].phase = slot_phase::written;
        if constexpr (ordered)
            written_.push_back(i);
    }

    /// The id a multiplexed request in slot `i` carries.
    Id id_of(index i) const noexcept requires(!ordered)
    {
        return static_cast<Id>(slots_[i].generation * capacity_ + i);
    }

    /// The slot the next in-order response belongs to (pipeline).
    std::optional<index> match_next() requires ordered
    {
        if (written_.empty())
            return std::nullopt;
        return written_.pop_front();
    }

    /// The slot a response with this id belongs to (multiplex), if it is awaited.
    template <class I = Id>
    std::optional<index> match_id(I id) requires(!ordered)
    {
        std::size_t i = static_cast<std::size_t>(id) & (capacity_ - 1);
        if (i >= slots_.size())
            return std::nullopt;
        slot const& s = slots_[i];
        if (s.phase != slot_phase::written || id_of(static_cast<index>(i)) != id)
            return std::nullopt;
        return static_cast<index>(i);
    }

    /// A response arrived for slot `i`.
    void complete(index i, Response&& response)
    {
        slot& s = slots_[i];
        if (s.abandoned) {
            release(i);
            return;
        }
        s.response.emplace(std::move(response));
        s.phase = slot_phase::done;
        s.waiter.take_and_notify();
    }

    /// The peer answered slot `i` with an error (a multiplexed error frame): that call alone fails.
    void fail_one(index i, future::error_code ec)
    {
        slot& s = slots_[i];
        if (s.abandoned) {
            release(i);
            return;
        }
        s.error = ec;
        s.phase = slot_phase::done;
        s.waiter.take_and_notify();
    }

    /// The connection is over: every pending call fails with `ec`, and so will new ones.
    void fail_all(future::error_code ec)
    {
        if (!failed_)
            failed_ = ec;
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            slot& s = slots_[i];
            if (s.phase == slot_phase::free || s.phase == slot_phase::done)
                continue;
            if (s.abandoned) {
                release(static_cast<index>(i));
                continue;
            }
            s.request.reset();
            s.error = *failed_;
            s.phase = slot_phase::done;
            s.waiter.take_and_notify();
        }
        queued_.clear();
        written_.clear();
        wake_capacity_waiters();
    }

    /// True once nobody can call or wait any more: no handle, no live response future.
    bool idle() const noexcept { return handles_ == 0 && live_ == 0; }

    /// Requests written and still awaiting a response.
    bool awaiting() const noexcept
    {
        if constexpr (ordered)
            return !written_.empty();
        else
            return any_written();
    }

private:
    enum class slot_phase : std::uint8_t { free, queued, written, done };

    struct slot {
        std::optional<Request> request;
        std::optional<Response> response;
        future::error_code error;
        future::task_slot waiter;
        std::size_t generation = 0;
        slot_phase phase = slot_phase::free;
        bool abandoned = false;
    };

    void release(index i)
    {
        slot& s = slots_[i];
        s.request.reset();
        s.response.reset();
        s.error.clear();
        s.waiter.reset();
        s.phase = slot_phase::free;
        s.abandoned = false;
        ++s.generation;
        free_.push_back(i);
        wake_capacity_waiters();
    }

    void wake_capacity_waiters()
    {
        for (auto& w : capacity_waiters_)
            w.notify();
        capacity_waiters_.clear();
    }

    bool any_written() const noexcept
    {
        for (auto const& s : slots_)
            if (s.phase == slot_phase::written)
                return true;
        return false;
    }

    std::size_t limit_;
    std::size_t capacity_;
    std::vector<slot> slots_;
    std::vector<index> free_;
    future::detail::ring_buffer<index> queued_;
    future::detail::ring_buffer<index> written_;
    std::size_t handles_ = 0;
    std::size_t live_ = 0;
    future::task_slot connection_;
    std::vector<future::task> capacity_waiters_;
    std::optional<future::error_code> failed_;
};

} // namespace protokit::proto::detail

#endif

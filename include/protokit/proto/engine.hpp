// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_ENGINE_HPP
#define PROTOKIT_PROTO_ENGINE_HPP

#include <protokit/error.hpp>
#include <protokit/future/concepts.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/task.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace protokit::proto {

/** What drives one connection's frames: a side (server calls, client slots) over an ordering.

    tokio-proto's `advanced::Dispatch`. The engine owns the transport and
    its loop; a dispatch decides what a frame means. `in_frame` is what the
    transport yields, `out_frame` what it takes.

    - `begin_poll()` / `end_poll()` bracket each poll of the engine
      (register the task where the dispatch's wakers look for it).
    - `poll_write()`: the next frame to write. Not ready when there is
      none now; the dispatch has then registered the current task with
      whatever makes one (a call finishing, a client calling). An error
      stops reading: what was written is flushed, then the connection
      ends with that error.
    - `refused(frame)`: the transport did not take the frame; the
      dispatch keeps it and yields it first again (or drops it, if its
      caller withdrew it meanwhile).
    - `written()`: the last frame yielded went out.
    - `reading()`: false once the dispatch wants no more frames (a server
      draining the connection).
    - `poll_read()`: ready when the next inbound frame can be taken now
      (limits, a service's readiness, the room of a body); an error stops
      reading as in `poll_write`.
    - `read(frame)`: an inbound frame. An error ends the connection at
      once (a frame that breaks the protocol).
    - `read_ended(ec)`: the transport's stream ended (`ec` empty) or failed.
      Returns true to go on writing what is owed before closing (a server
      answers what it read), false to end at once (a client).
    - `done(reading)`: nothing is left to do, given whether reading goes on.
    - `end(ec)`: the connection is over (`ec` empty when it closed cleanly);
      called once, before the engine's future completes or is dropped.
*/
template <class D>
concept Dispatch = requires(D& d, typename D::in_frame&& in, typename D::out_frame&& out,
                            bool reading, future::error_code ec)
{
    typename D::in_frame;
    typename D::out_frame;
    d.begin_poll();
    d.end_poll();
    {
        d.poll_write()
        } -> std::same_as<future::poll_result<typename D::out_frame>>;
    d.refused(std::move(out));
    d.written();
    {
        d.reading()
        } -> std::convertible_to<bool>;
    {
        d.poll_read()
        } -> std::same_as<future::poll_result<future::unit>>;
    {
        d.read(std::move(in))
        } -> std::same_as<future::error_code>;
    {
        d.read_ended(ec)
        } -> std::convertible_to<bool>;
    {
        d.done(reading)
        } -> std::convertible_to<bool>;
    d.end(ec);
};

/** One connection: a transport driven by a dispatch (tokio-proto's `advanced::Pipeline` /
   `Multiplex`).

    Servers and clients of every family run on it; a protocol with rules of
    its own can too, with its own `Dispatch`. The transport comes from a
    future (`bind_transport`); then each poll:

    1. writes the frames the dispatch yields while the transport takes
       them (a refused frame goes back to the dispatch);
    2. reads frames while the dispatch can take them, handing each over;
       after `poll_budget` frames it flushes and yields, notifying itself,
       so that one busy connection cannot starve the others on its reactor;
    3. flushes once, and goes round again while either half made progress.

    Reading stops when the peer closes, a read fails, the dispatch stops
    reading or an error is pending; the connection then ends once the
    dispatch is done and everything written is flushed: the transport is
    closed and the future completes — with the pending error if there is
    one. A write or flush error ends it at once.
*/
template <class BindFuture, Dispatch D>
class connection_engine : public future::future_facade<connection_engine<BindFuture, D>> {
public:
    /// The transport: a Stream of `D::in_frame` and a Sink of `D::out_frame`.
    using transport_type = typename BindFuture::item_type;
    using item_type = future::unit;
    using error_type = future::error_code;

    connection_engine(BindFuture bind, D dispatch, std::size_t poll_budget = 128)
        : state_(std::in_place_index<0>, std::move(bind)), dispatch_(std::move(dispatch)),
          budget_(poll_budget)
    {
    }

    connection_engine(connection_engine&& other) noexcept(
        std::is_nothrow_move_constructible_v<BindFuture>&& std::is_nothrow_move_constructible_v<
            transport_type>&& std::is_nothrow_move_constructible_v<D>)
        : state_(std::move(other.state_)), dispatch_(std::move(other.dispatch_)),
          budget_(other.budget_), closing_(other.closing_), read_closed_(other.read_closed_),
          unflushed_(other.unflushed_), ended_(std::exchange(other.ended_, true))
    {
    }

    connection_engine& operator=(connection_engine&&) = delete;

    ~connection_engine()
    {
        if (!ended_)
            dispatch_.end(make_error_code(error::connection_closed));
    }

    /// The dispatch, for the owner of the connection.
    D& dispatch() noexcept { return dispatch_; }

    future::poll_result<future::unit> poll();

private:
    future::poll_result<future::unit> step();
    future::poll_result<future::unit> run(transport_type& transport);
    future::error_code flush(transport_type& transport);
    future::poll_result<future::unit> finish(future::error_code ec);

    bool reading_stopped() noexcept
    {
        return read_closed_ || closing_.has_value() || !dispatch_.reading();
    }

    std::variant<BindFuture, transport_type> state_;
    D dispatch_;
    std::size_t budget_;
    std::optional<future::error_code> closing_;
    bool read_closed_ = false;
    bool unflushed_ = false;
    bool ended_ = false;
};

} // namespace protokit::proto

#include <protokit/proto/impl/engine.hpp>

#endif

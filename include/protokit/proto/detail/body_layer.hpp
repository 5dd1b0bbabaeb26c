// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_BODY_LAYER_HPP
#define PROTOKIT_PROTO_DETAIL_BODY_LAYER_HPP

#include <protokit/error.hpp>
#include <protokit/proto/streaming/body.hpp>
#include <protokit/proto/streaming/frame.hpp>
#include <protokit/proto/streaming/message.hpp>

#include <protokit/proto/connection.hpp>

#include <boost/system/result.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace protokit::proto::detail {

template <class T>
struct is_result : std::false_type {
};

template <class T>
struct is_result<boost::system::result<T>> : std::true_type {
};

/// What a request body's chunk adds to `connection_control::body_bytes`: its size, if it has one.
template <class Chunk>
std::uint64_t body_bytes_of(Chunk const& chunk) noexcept
{
    if constexpr (requires { chunk.size(); })
        return static_cast<std::uint64_t>(chunk.size());
    else
        return 1;
}

/** Streaming bodies over a message-level side, in pipeline order: a `Dispatch` for
   `connection_engine`.

    The side (`server_side` or `client_side`) deals in whole messages whose
    body is a `streaming::body`; this layer turns them into frames and back.

    Read half: a head with a body opens a `body::pair` whose body goes to
    the side with the head; the chunks that follow feed its sender, and the
    next frame is read only when that body has room for it (the window), so
    a slow consumer slows the peer, not the memory. A body its consumer
    dropped is drained: its chunks are read and discarded. The end of the
    connection, or an error frame, in the middle of a body ends the body
    with that error (its consumer never hangs).

    Write half: a message's head, then its body's chunks as the body yields
    them while the transport takes them, then the end of the body; the next
    message waits for that end (pipeline order). A body that fails ends
    the connection after what was written (the pipelined wire has no way
    to say which message failed).

    A call counts against `max_in_flight` until its response body has
    ended; a request body's chunks are read whatever the limit, since the
    call in flight waits for them.

    With a `connection_control`, the layer tells the server while a request
    body waits for the peer (`body_awaited`) and how many bytes have come
    (`body_bytes`), and fails that body with `error::timed_out` when the
    server says it came too slowly (`body_timed_out`, set by `tcp_server`'s
    `body_read_timeout`); then the connection ends after the answers it owes.
*/
template <class Side, class InHead, class InChunk, class OutHead, class OutChunk>
class pipeline_body_layer {
public:
    using in_frame = streaming::frame<InHead, InChunk>;
    using out_frame = streaming::frame<OutHead, OutChunk>;
    using in_body = streaming::body<InChunk>;
    using out_body = streaming::body<OutChunk>;

    pipeline_body_layer(Side side, std::size_t window, connection_control* control = nullptr)
        : side_(std::move(side)), window_(window), control_(control)
    {
    }

    Side& side() noexcept { return side_; }

    void begin_poll()
    {
        side_.begin_poll();
        if (control_ != nullptr && control_->body_timed_out) {
            control_->body_timed_out = false;
            if (in_body_ && !read_error_) {
                fail_in_body(make_error_code(error::timed_out));
                read_error_ = make_error_code(error::timed_out);
            }
        }
    }

    void end_poll()
    {
        if (control_ != nullptr)
            control_->body_awaited = in_body_ && awaiting_peer_ && !read_error_;
        side_.end_poll();
    }

    future::poll_result<out_frame> poll_write()
    {
        if (held_)
            return future::ready(*std::exchange(held_, std::nullopt));
        if (failed_)
            return future::not_ready;
        if (out_body_) {
            auto next = out_body_->poll_next();
            if (next.is_not_ready())
                return future::not_ready;
            writing_head_ = false;
            if (next.is_error()) {
                // Nothing on a pipelined wire can say which message failed: close after what was
                // written. Nothing more is read, so a body still arriving fails too (its consumer
                // would wait for it forever, and the connection for its consumer).
                out_body_.reset();
                fail_in_body(next.error());
                side_.abandon(next.error());
                failed_ = true;
                return future::fail(std::move(next).error());
            }
            if (!next.value()) {
                out_body_.reset();
                return future::ready(out_frame::end_of_body());
            }
            return future::ready(out_frame::chunk(std::move(*next.value())));
        }
        auto m = side_.poll_write();
        if (!m.is_ready())
            return std::move(m).template propagate<out_frame>();
        auto body = m.value().take_body();
        bool const has_body = body.has_value();
        if (has_body)
            out_body_.emplace(std::move(*body));
        writing_head_ = true;
        return future::ready(out_frame::message(std::move(m.value().head()), has_body));
    }

    void refused(out_frame&& frame) { held_.emplace(std::move(frame)); }

    void written()
    {
        if (writing_head_)
            side_.written();
    }

    bool reading() const noexcept { return in_body_.has_value() || side_.reading(); }

    future::poll_result<future::unit> poll_read()
    {
        if (read_error_)
            return future::fail(*read_error_);
        if constexpr (Side::reads_wait_for_writes)
            if (held_)
                return future::not_ready; // woken by the transport
        if (in_body_) {
            if (in_body_->is_canceled()) {
                awaiting_peer_ = true;
                return future::ready(); // drained
            }
            auto room = in_body_->poll_ready();
            awaiting_peer_ = room.is_ready();
            return room;
        }
        return side_.poll_read(out_body_ ? 1 : 0);
    }

    future::error_code read(in_frame&& frame)
    {
        switch (frame.type()) {
        case in_frame::kind::message: {
            if (in_body_)
                return make_error_code(error::unexpected_frame);
            if (!frame.has_body())
                return side_.read(typename Side::in_frame(std::move(frame.head())));
            auto [sender, body] = in_body::pair(window_);
            in_body_.emplace(std::move(sender));
            awaiting_peer_ = true;
            return side_.read(typename Side::in_frame(std::move(frame.head()), std::move(body)));
        }
        case in_frame::kind::chunk:
            if (!in_body_)
                return make_error_code(error::unexpected_frame);
            if (control_ != nullptr)
                control_->body_bytes += body_bytes_of(frame.chunk());
            if (!in_body_->is_canceled())
                (void)in_body_->start_send(
                    std::move(frame.chunk())); // room was checked by poll_read
            return {};
        case in_frame::kind::end_of_body:
            if (!in_body_)
                return make_error_code(error::unexpected_frame);
            in_body_.reset(); // dropping the sender ends the body
            return {};
        case in_frame::kind::error:
            if (in_body_) {
                in_body_->fail(frame.error());
                in_body_.reset();
            }
            read_error_ = frame.error();
            return {};
        }
        return make_error_code(error::unexpected_frame);
    }

    bool read_ended(future::error_code const& ec)
    {
        fail_in_body(ec);
        return side_.read_ended(ec);
    }

    bool done(bool reading) const noexcept
    {
        return side_.done(reading) && !out_body_ && !held_ && !in_body_;
    }

    void end(future::error_code const& ec)
    {
        fail_in_body(ec);
        out_body_.reset();
        side_.end(ec);
    }

private:
    void fail_in_body(future::error_code const& ec)
    {
        if (!in_body_)
            return;
        in_body_->fail(ec ? ec : make_error_code(error::connection_closed));
        in_body_.reset();
    }

    Side side_;
    std::size_t window_;
    connection_control* control_;
    std::optional<typename in_body::sender_type> in_body_;
    std::optional<out_body> out_body_;
    std::optional<out_frame> held_;
    std::optional<future::error_code> read_error_;
    bool writing_head_ = false;
    bool failed_ = false;
    /// The request body has room: reading waits for the peer, not for its consumer.
    bool awaiting_peer_ = false;
};

/** Streaming bodies over a message-level side, multiplexed: a `Dispatch` for `connection_engine`.

    As `pipeline_body_layer`, with every frame tagged with its message's id,
    so that bodies of several messages interleave both ways.

    Read half: a chunk goes to the body of its id. The next frame is read
    whenever any body is open (it may be a chunk for one of them); a frame
    whose consumer cannot take it yet (a chunk for a body whose window is
    full, a head while the side is at its limit) waits, parked, and reading
    pauses until it can. So a slow consumer holds up the connection only
    while its own window is full, and not forever: while a body keeps
    reading paused, the dispatcher says so in `connection_control`
    (`body_stalled`), and the server (`tcp_server`'s `body_stall_timeout`)
    aborts that body once the timeout has passed: its consumer sees
    `error::body_stalled`, its later frames are discarded, and reading goes
    on for the other ids. Memory stays bounded by the windows and the
    in-flight limit, never by body sizes. An error frame fails the body of
    its id, or (client) the call of its id. As in pipeline order, the layer
    says while request bodies wait for the peer (open, with reading not
    paused) and fails them all with `error::timed_out` when the server
    says they came too slowly; then the connection ends after the answers
    it owes.

    Write half: heads go out as the side yields them; then the open bodies
    are polled in turn, one chunk each, while the transport takes frames. A
    body that fails ends with an error frame for its id; the others go on.
    A response to a one-way (`solo`) request is not written.
*/
template <class Side, class Id, class InHead, class InChunk, class OutHead, class OutChunk>
class multiplex_body_layer {
public:
    using in_frame = streaming::tagged_frame<Id, InHead, InChunk>;
    using out_frame = streaming::tagged_frame<Id, OutHead, OutChunk>;
    using in_body = streaming::body<InChunk>;
    using out_body = streaming::body<OutChunk>;

    multiplex_body_layer(Side side, std::size_t window, connection_control* control = nullptr)
        : side_(std::move(side)), window_(window), control_(control)
    {
    }

    Side& side() noexcept { return side_; }

    void begin_poll()
    {
        side_.begin_poll();
        if (control_ != nullptr && control_->abort_stalled_body) {
            control_->abort_stalled_body = false;
            abort_parked_body();
        }
        if (control_ != nullptr && control_->body_timed_out) {
            control_->body_timed_out = false;
            if (!in_bodies_.empty() && !read_error_) {
                fail_in_bodies(make_error_code(error::timed_out));
                parked_.reset();
                parked_for_body_ = false;
                read_error_ = make_error_code(error::timed_out);
            }
        }
    }

    void end_poll()
    {
        if (control_ != nullptr) {
            control_->body_stalled = parked_for_body_;
            control_->body_awaited = !in_bodies_.empty() && !parked_ && !read_error_;
        }
        side_.end_poll();
    }

    future::poll_result<out_frame> poll_write()
    {
        if (held_)
            return future::ready(*std::exchange(held_, std::nullopt));
        if (!refusals_.empty()) {
            writing_head_ = false;
            future::poll_result<out_frame> r = future::ready(std::move(refusals_.back()));
            refusals_.pop_back();
            return r;
        }
        for (;;) {
            auto m = side_.poll_write();
            if (m.is_not_ready())
                break;
            if (m.is_error())
                return std::move(m).template propagate<out_frame>();
            auto& [id, answer] = m.value();
            if (solo_.erase(id) != 0)
                continue; // nobody waits for the answer to a one-way message
            if constexpr (is_result<std::remove_cvref_t<decltype(answer)>>::value) {
                if (!answer) { // a service error: an error frame for this id alone
                    writing_head_ = true;
                    return future::ready(
                        out_frame{id, streaming::frame<OutHead, OutChunk>::error(answer.error())});
                }
            }
            auto* msg = message_of(answer);
            auto body = msg->take_body();
            bool const has_body = body.has_value();
            if (has_body)
                out_bodies_.emplace_back(id, std::move(*body));
            writing_head_ = true;
            return future::ready(out_frame{id, streaming::frame<OutHead, OutChunk>::message(
                                                   std::move(msg->head()), has_body)});
        }
        for (std::size_t tries = out_bodies_.size(); tries > 0; --tries) {
            std::size_t const i = cursor_++ % out_bodies_.size();
            auto& [id, b] = out_bodies_[i];
            auto next = b.poll_next();
            if (next.is_not_ready())
                continue;
            writing_head_ = false;
            Id const which = id;
            if (next.is_error()) {
                auto ec = std::move(next).error();
                remove_out_body(i);
                return future::ready(
                    out_frame{which, streaming::frame<OutHead, OutChunk>::error(ec)});
            }
            if (!next.value()) {
                remove_out_body(i);
                return future::ready(
                    out_frame{which, streaming::frame<OutHead, OutChunk>::end_of_body()});
            }
            return future::ready(out_frame{
                which, streaming::frame<OutHead, OutChunk>::chunk(std::move(*next.value()))});
        }
        return future::not_ready;
    }

    void refused(out_frame&& frame) { held_.emplace(std::move(frame)); }

    void written()
    {
        if (writing_head_)
            side_.written();
    }

    bool reading() const noexcept { return !in_bodies_.empty() || side_.reading(); }

    future::poll_result<future::unit> poll_read()
    {
        if (read_error_)
            return future::fail(*read_error_);
        if constexpr (Side::reads_wait_for_writes)
            if (held_)
                return future::not_ready; // woken by the transport
        if (parked_) {
            auto delivered = deliver(*parked_);
            if (delivered.is_not_ready())
                return future::not_ready;
            parked_.reset();
            parked_for_body_ = false;
            if (delivered.is_error())
                return delivered;
        }
        if (!in_bodies_.empty())
            return future::ready(); // the next frame may be a chunk one of them waits for
        return side_.poll_read(out_bodies_.size());
    }

    future::error_code read(in_frame&& frame)
    {
        auto delivered = deliver(frame);
        if (delivered.is_error())
            return std::move(delivered).error();
        if (delivered.is_not_ready()) {
            // A head waiting for the side's limit while bodies are open may wait for itself:
            // their chunks are behind it. Either wait counts as a stall.
            parked_for_body_ = frame.inner.type() != in_frame_kind::message || !in_bodies_.empty();
            parked_.emplace(std::move(frame));
        }
        return {};
    }

    bool read_ended(future::error_code const& ec)
    {
        fail_in_bodies(ec);
        parked_.reset();
        parked_for_body_ = false;
        return side_.read_ended(ec);
    }

    bool done(bool reading) const noexcept
    {
        return side_.done(reading) && out_bodies_.empty() && refusals_.empty() && !held_ &&
               in_bodies_.empty() && !parked_;
    }

    void end(future::error_code const& ec)
    {
        fail_in_bodies(ec);
        out_bodies_.clear();
        side_.end(ec);
    }

private:
    using in_frame_kind = typename streaming::frame<InHead, InChunk>::kind;

    /** Hands a frame to its consumer: ready when taken, not ready (task registered) when it must
       wait.

        An error is a frame that breaks the protocol.
    */
    future::poll_result<future::unit> deliver(in_frame& frame)
    {
        auto& f = frame.inner;
        switch (f.type()) {
        case in_frame_kind::message: {
            if (in_bodies_.contains(frame.id))
                return future::fail(make_error_code(error::unexpected_frame));
            auto ready = side_.poll_read(out_bodies_.size());
            if (!ready.is_ready())
                return ready;
            if (frame.solo)
                solo_.insert(frame.id);
            if (!f.has_body())
                return as_poll(side_.read(typename Side::in_frame(
                    frame.id, typename Side::in_frame::second_type(std::move(f.head())))));
            auto [sender, body] = in_body::pair(window_);
            in_bodies_.emplace(frame.id, std::move(sender));
            return as_poll(side_.read(typename Side::in_frame(
                frame.id,
                typename Side::in_frame::second_type(std::move(f.head()), std::move(body)))));
        }
        case in_frame_kind::chunk: {
            auto it = in_bodies_.find(frame.id);
            if (it == in_bodies_.end())
                return discarded_.contains(frame.id)
                           ? future::poll_result<future::unit>(future::ready())
                           : future::fail(make_error_code(error::unexpected_frame));
            if (it->second.is_canceled()) {
                if (control_ != nullptr)
                    control_->body_bytes += body_bytes_of(f.chunk());
                return future::ready(); // nobody reads it: discarded
            }
            auto room = it->second.poll_ready();
            if (!room.is_ready())
                return room;
            if (control_ != nullptr)
                control_->body_bytes += body_bytes_of(f.chunk());
            (void)it->second.start_send(std::move(f.chunk()));
            return future::ready();
        }
        case in_frame_kind::end_of_body:
            if (in_bodies_.erase(frame.id) == 0 && discarded_.erase(frame.id) == 0)
                return future::fail(make_error_code(error::unexpected_frame));
            return future::ready();
        case in_frame_kind::error: {
            auto it = in_bodies_.find(frame.id);
            if (it != in_bodies_.end()) {
                it->second.fail(f.error());
                in_bodies_.erase(it);
                return future::ready();
            }
            if (discarded_.erase(frame.id) != 0)
                return future::ready();
            return as_poll(side_.read_error(frame.id, f.error()));
        }
        }
        return future::fail(make_error_code(error::unexpected_frame));
    }

    /// The message of an answer that may be a service's error (already ruled out).
    template <class A>
    static auto* message_of(A& answer) noexcept
    {
        if constexpr (is_result<A>::value)
            return &*answer;
        else
            return &answer;
    }

    static future::poll_result<future::unit> as_poll(future::error_code ec)
    {
        if (ec)
            return future::fail(ec);
        return future::ready();
    }

    /** The frame reading waits for gives up.

        A chunk: its body ends with `error::body_stalled` and the rest of it
        is discarded. A head (past the in-flight limit while bodies are
        open): it is answered with an error frame, and its body discarded.
    */
    void abort_parked_body()
    {
        if (!parked_ || !parked_for_body_)
            return;
        Id const id = parked_->id;
        if (parked_->inner.type() == in_frame_kind::message) {
            if (parked_->inner.has_body())
                discarded_.insert(id);
            refusals_.push_back(out_frame{id, streaming::frame<OutHead, OutChunk>::error(
                                                  make_error_code(error::body_stalled))});
            parked_.reset();
            parked_for_body_ = false;
            return;
        }
        auto it = in_bodies_.find(id);
        if (it != in_bodies_.end()) {
            it->second.fail(make_error_code(error::body_stalled));
            in_bodies_.erase(it);
        }
        bool const ended = parked_->inner.type() == in_frame_kind::end_of_body;
        if (!ended)
            discarded_.insert(id);
        parked_.reset();
        parked_for_body_ = false;
    }

    void remove_out_body(std::size_t i)
    {
        if (i + 1 != out_bodies_.size())
            out_bodies_[i] = std::move(out_bodies_.back());
        out_bodies_.pop_back();
    }

    void fail_in_bodies(future::error_code const& ec)
    {
        for (auto& [id, sender] : in_bodies_)
            sender.fail(ec ? ec : make_error_code(error::connection_closed));
        in_bodies_.clear();
    }

    Side side_;
    std::size_t window_;
    connection_control* control_;
    boost::unordered_flat_map<Id, typename in_body::sender_type> in_bodies_;
    boost::unordered_flat_set<Id> discarded_;
    boost::unordered_flat_set<Id> solo_;
    std::vector<std::pair<Id, out_body>> out_bodies_;
    std::vector<out_frame> refusals_;
    std::size_t cursor_ = 0;
    std::optional<in_frame> parked_;
    std::optional<out_frame> held_;
    std::optional<future::error_code> read_error_;
    bool parked_for_body_ = false;
    bool writing_head_ = false;
};

} // namespace protokit::proto::detail

#endif

#ifndef PROTOKIT_PROTO_DETAIL_BODY_LAYER_HPP
#define PROTOKIT_PROTO_DETAIL_BODY_LAYER_HPP

#include <protokit/error.hpp>
#include <protokit/proto/streaming/body.hpp>
#include <protokit/proto/streaming/frame.hpp>
#include <protokit/proto/streaming/message.hpp>

#include <optional>
#include <utility>

namespace protokit::proto::detail {

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
*/
template <class Side, class InHead, class InChunk, class OutHead, class OutChunk>
class pipeline_body_layer {
public:
    using in_frame = streaming::frame<InHead, InChunk>;
    using out_frame = streaming::frame<OutHead, OutChunk>;
    using in_body = streaming::body<InChunk>;
    using out_body = streaming::body<OutChunk>;

    pipeline_body_layer(Side side, std::size_t window) : side_(std::move(side)), window_(window) {}

    Side& side() noexcept { return side_; }

    void begin_poll() { side_.begin_poll(); }
    void end_poll() { side_.end_poll(); }

    future::poll_result<out_frame> poll_write()
    {
        if (held_) {
            future::poll_result<out_frame> r = future::ready(std::move(*held_));
            held_.reset();
            return r;
        }
        if (failed_)
            return future::not_ready;
        if (out_body_) {
            auto next = out_body_->poll_next();
            if (next.is_not_ready())
                return future::not_ready;
            writing_head_ = false;
            if (next.is_error()) {
                // Nothing on a pipelined wire can say which message failed: close after what was written.
                out_body_.reset();
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
            if (in_body_->is_canceled())
                return future::ready(); // drained
            return in_body_->poll_ready();
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
            return side_.read(typename Side::in_frame(std::move(frame.head()), std::move(body)));
        }
        case in_frame::kind::chunk:
            if (!in_body_)
                return make_error_code(error::unexpected_frame);
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
    std::optional<typename in_body::sender_type> in_body_;
    std::optional<out_body> out_body_;
    std::optional<out_frame> held_;
    std::optional<future::error_code> read_error_;
    bool writing_head_ = false;
    bool failed_ = false;
};

} // namespace protokit::proto::detail

#endif

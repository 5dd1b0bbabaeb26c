// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_STREAMING_BODY_HPP
#define PROTOKIT_PROTO_STREAMING_BODY_HPP

#include <protokit/error.hpp>
#include <protokit/future/concepts.hpp>
#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream/boxed.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/future/detail/ring_buffer.hpp>
#include <protokit/future/task.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include <cstddef>
#include <optional>
#include <utility>
#include <variant>

namespace protokit::streaming {

namespace detail {

/// What a body and its sender share: a window of chunks, and how the body ends.
template <class Chunk, class Error>
struct body_channel
    : boost::intrusive_ref_counter<body_channel<Chunk, Error>, boost::thread_unsafe_counter> {
    explicit body_channel(std::size_t w) : chunks(w), window(w) {}

    future::detail::ring_buffer<Chunk> chunks;
    std::size_t window;
    std::optional<Error> error;
    bool ended = false;
    bool body_gone = false;
    future::task_slot reader;
    future::task_slot writer;
};

} // namespace detail

/** The sending end of a body made by `body::pair`: a Sink of chunks with a window.

    `start_send` takes a chunk while fewer than the window's chunks wait
    to be read, and hands it back (registering the task) otherwise: a
    producer can never run ahead of its consumer by more than the window.
    `close()`, or dropping the sender, ends the body; `fail(e)` ends it
    with an error. Once the body is dropped, chunks are refused with
    `error::canceled` and `poll_cancel()` is ready, so that a producer can
    stop early. Sender and body live on one reactor thread (no locks).
*/
template <class Chunk, class Error = future::error_code>
class body_sender : public future::sink_facade<body_sender<Chunk, Error>> {
    using channel_type = detail::body_channel<Chunk, Error>;

public:
    using sink_item_type = Chunk;
    using sink_error_type = future::error_code;

    explicit body_sender(boost::intrusive_ptr<channel_type> channel) : channel_(std::move(channel))
    {
    }
    body_sender(body_sender&&) noexcept = default;
    body_sender& operator=(body_sender&& other) noexcept
    {
        if (this != &other) {
            finish();
            channel_ = std::move(other.channel_);
        }
        return *this;
    }
    ~body_sender() { finish(); }

    /// Ready when a chunk would be taken now (or the body is gone); registers the task otherwise.
    future::poll_result<future::unit> poll_ready()
    {
        if (channel_->body_gone || channel_->chunks.size() < channel_->window)
            return future::ready();
        channel_->writer.register_current();
        return future::not_ready;
    }

    /// Passes `chunk` to the body, or hands it back while the window is full.
    future::start_send_result<Chunk> start_send(Chunk chunk)
    {
        if (channel_->body_gone)
            return future::fail(make_error_code(error::canceled));
        if (channel_->chunks.size() >= channel_->window) {
            channel_->writer.register_current();
            return future::not_ready_with(std::move(chunk));
        }
        channel_->chunks.push_back(std::move(chunk));
        channel_->reader.notify();
        return future::accepted;
    }

    /// Chunks are handed over as they are sent: nothing to flush.
    static future::poll_result<future::unit> poll_complete() noexcept { return future::ready(); }

    /// Ends the body after the chunks already sent.
    future::poll_result<future::unit> close()
    {
        finish();
        return future::ready();
    }

    /// Ends the body with `e` after the chunks already sent.
    void fail(Error e)
    {
        if (!channel_ || channel_->ended)
            return;
        channel_->error.emplace(std::move(e));
        finish();
    }

    /// True once the body is dropped: nobody reads the chunks.
    bool is_canceled() const noexcept { return channel_->body_gone; }

    /// Ready once the body is dropped; registers the task otherwise.
    future::poll_result<future::unit> poll_cancel()
    {
        if (channel_->body_gone)
            return future::ready();
        channel_->writer.register_current();
        return future::not_ready;
    }

    /// Chunks sent and not yet read.
    std::size_t buffered() const noexcept { return channel_->chunks.size(); }

private:
    void finish()
    {
        if (!channel_ || channel_->ended)
            return;
        channel_->ended = true;
        channel_->reader.notify();
    }

    boost::intrusive_ptr<channel_type> channel_;
};

/** The body of a streaming message: a Stream of chunks (tokio-proto's `Body`).

    Empty, one chunk, any stream of chunks (boxed), or the receiving end of
    `pair()`, whose sender pushes back. Dropping a body tells its sender
    that nobody reads it any more. A body made by `pair()` lives on the
    reactor thread of its sender.
*/
template <class Chunk, class Error = future::error_code>
class body : public future::stream_facade<body<Chunk, Error>> {
    using channel_type = detail::body_channel<Chunk, Error>;

public:
    using item_type = Chunk;
    using error_type = Error;
    /// The sending end of `pair()`.
    using sender_type = body_sender<Chunk, Error>;

    /// An empty body: the stream ends at once.
    body() = default;

    /// A body of one chunk.
    static body from(Chunk chunk)
    {
        body b;
        b.source_.template emplace<1>(std::move(chunk));
        return b;
    }

    /// A body of the chunks of `s`.
    template <future::Stream S>
    requires std::same_as<typename S::item_type, Chunk> &&
        std::same_as<typename S::error_type, Error>
    static body from_stream(S s)
    {
        body b;
        b.source_.template emplace<3>(std::move(s));
        return b;
    }

    /** A body and the sender that feeds it; at most `window` chunks wait in between.

        Allocates the channel they share (once per body).
    */
    static std::pair<sender_type, body> pair(std::size_t window = 1)
    {
        boost::intrusive_ptr<channel_type> channel(new channel_type(window == 0 ? 1 : window));
        body b;
        b.source_.template emplace<2>(channel);
        return {sender_type(std::move(channel)), std::move(b)};
    }

    body(body&& other) noexcept : source_(std::move(other.source_))
    {
        other.source_.template emplace<0>();
    }
    body& operator=(body&& other) noexcept
    {
        if (this != &other) {
            release();
            source_ = std::move(other.source_);
            other.source_.template emplace<0>();
        }
        return *this;
    }
    ~body() { release(); }

    /// The next chunk; the end (`std::nullopt`) once the sender closed and every chunk is read.
    future::stream_poll_result<Chunk, Error> poll_next()
    {
        switch (source_.index()) {
        case 1: {
            future::stream_poll_result<Chunk, Error> r =
                future::ready(std::optional<Chunk>(std::move(std::get<1>(source_))));
            source_.template emplace<0>();
            return r;
        }
        case 2: return poll_channel(*std::get<2>(source_));
        case 3: return std::get<3>(source_).poll_next();
        default: return future::end_of_stream;
        }
    }

private:
    future::stream_poll_result<Chunk, Error> poll_channel(channel_type& c)
    {
        if (!c.chunks.empty()) {
            bool const was_full = c.chunks.size() >= c.window; // only then may the sender wait
            Chunk chunk = c.chunks.pop_front();
            if (was_full)
                c.writer.notify();
            return future::ready(std::optional<Chunk>(std::move(chunk)));
        }
        if (c.ended) {
            if (c.error)
                return future::fail(std::move(*std::exchange(c.error, std::nullopt)));
            return future::end_of_stream;
        }
        c.reader.register_current();
        return future::not_ready;
    }

    void release() noexcept
    {
        if (source_.index() != 2 || !std::get<2>(source_))
            return;
        channel_type& c = *std::get<2>(source_);
        c.body_gone = true;
        c.chunks.clear();
        c.writer.notify();
    }

    std::variant<std::monostate, Chunk, boost::intrusive_ptr<channel_type>,
                 future::boxed_stream<Chunk, Error>>
        source_;
};

} // namespace protokit::streaming

#endif

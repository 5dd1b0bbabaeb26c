// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TLS_STREAM_HPP
#define PROTOKIT_TLS_STREAM_HPP

#include <protokit/tls/detail/engine.hpp>

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/poll.hpp>
#include <protokit/io/io.hpp>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/assert.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

namespace protokit::tls {

template <io::Io Io>
class handshake_future;

/** A TLS session over any `Io`, itself an `Io` (tokio-tls's `TlsStream`).

    OpenSSL runs over memory buffers (`detail::engine`): a poll moves
    ciphertext between them and the `Io` underneath, so the stream keeps
    the poll model of what it wraps, with no thread and no callback of its
    own. Not ready always means the `Io` underneath was not ready, and so
    that the current task is registered with it for the direction that is
    waited for.

    Made by `tls::accept` or `tls::connect`, whose futures yield it once the
    handshake is done. Ciphertext waiting to be sent is bounded: a write
    takes no more plaintext while 64 KiB of it is still unsent.
    `shutdown()` sends the close_notify alert, then shuts the `Io` down; the
    peer's own close_notify is not waited for.

    The end of the `Io` without the peer's close_notify reads as the end of
    the stream too, as it did in tokio-tls (clients that just close are
    common), but `truncated()` tells it apart: a protocol whose messages end
    where the stream ends should check it, since an attacker could cut the
    stream there. A codec's `decode_eof` already refuses a frame cut short.
*/
template <io::Io Io>
class stream {
public:
    /// Ciphertext unsent past which writes stop taking plaintext.
    static constexpr std::size_t output_high_water = 64 * 1024;

    /// Reads decrypted bytes into `buf`: ready with the count, ready(0) after the peer's close.
    future::poll_result<std::size_t> poll_read(std::span<char> buf)
    {
        if (buf.empty())
            return future::ready(std::size_t{0});
        for (;;) {
            auto const s = engine_.read(buf);
            if (s.bytes > 0 || s.closed) {
                if (auto f = flush_output(); f.is_error())
                    return future::fail(std::move(f).error());
                return future::ready(s.bytes);
            }
            if (s.error)
                return alert_and_fail(s.error);
            if (auto f = flush_output(); f.is_error())
                return future::fail(std::move(f).error());
            auto in = fill_input();
            if (!in.is_ready())
                return std::move(in).template propagate<std::size_t>();
            if (!in.value()) {
                truncated_ = true;
                return future::ready(std::size_t{0});
            }
        }
    }

    /// True once a read has met the end of the `Io` without the peer's close_notify.
    bool truncated() const noexcept { return truncated_; }

    /// Encrypts from `buf`: ready with the count taken (up to one record, 16 KiB).
    future::poll_result<std::size_t> poll_write(std::span<char const> buf)
    {
        if (buf.empty())
            return future::ready(std::size_t{0});
        if (engine_.output().size() >= output_high_water) {
            auto f = flush_output();
            if (f.is_error())
                return future::fail(std::move(f).error());
            if (engine_.output().size() >= output_high_water)
                return future::not_ready;
        }
        auto const s = engine_.write(buf);
        if (s.error)
            return alert_and_fail(s.error);
        if (s.bytes == 0) // the session closed, or it wants a renegotiation it refuses
            return future::fail(boost::system::error_code(boost::asio::error::broken_pipe));
        if (auto f = flush_output(); f.is_error())
            return future::fail(std::move(f).error());
        return future::ready(s.bytes);
    }

    /// Ready once every encrypted byte is written to the `Io` and it is flushed.
    future::poll_result<future::unit> poll_flush()
    {
        auto f = flush_output();
        if (!f.is_ready())
            return f;
        return io_.poll_flush();
    }

    /// Sends close_notify, writes out what is pending, then shuts the `Io`'s write side.
    future::poll_result<future::unit> shutdown()
    {
        engine_.close_notify();
        auto f = flush_output();
        if (!f.is_ready())
            return f;
        return io_.shutdown();
    }

    /// The `Io` underneath (reading or writing it directly breaks the session).
    Io const& get_ref() const noexcept { return io_; }
    /// The `Io` underneath, for its options (TCP_NODELAY, ...).
    Io& get_mut() noexcept { return io_; }

    /// Moves the session; a wait pending on the `Io` goes with it.
    stream(stream&&) noexcept = default;
    /// Moves the session in; the one this held ends without a close_notify.
    stream& operator=(stream&&) noexcept = default;

private:
    friend class handshake_future<Io>;

    stream(Io io, detail::engine engine) : io_(std::move(io)), engine_(std::move(engine)) {}

    /// Goes on with the handshake: ready once it is done and its last flight is written.
    future::poll_result<future::unit> poll_handshake()
    {
        for (;;) {
            auto const s = engine_.handshake();
            if (s.error)
                return alert_and_fail(s.error);
            auto f = flush_output();
            if (f.is_error())
                return f;
            if (s.bytes > 0)
                return f; // not ready until the last flight is out
            auto in = fill_input();
            if (!in.is_ready())
                return std::move(in).template propagate<future::unit>();
            if (!in.value())
                return future::fail(make_error_code(error::unexpected_eof));
        }
    }

    /// Writes the session's output to the `Io` until it is all written or the `Io` is full.
    future::poll_result<future::unit> flush_output()
    {
        for (;;) {
            auto const out = engine_.output();
            if (out.empty())
                return future::ready();
            auto w = io_.poll_write(out);
            if (!w.is_ready())
                return std::move(w).template propagate<future::unit>();
            engine_.consume_output(w.value());
        }
    }

    /// Reads ciphertext from the `Io` into the session: ready(false) at the `Io`'s end.
    future::poll_result<bool> fill_input()
    {
        auto const buf = detail::engine::input_buffer();
        auto r = io_.poll_read(buf);
        if (!r.is_ready())
            return std::move(r).template propagate<bool>();
        if (r.value() == 0)
            return future::ready(false);
        engine_.put_input(buf.first(r.value()));
        return future::ready(true);
    }

    /// Fails with `ec`, after one try at sending the peer the alert that says why.
    future::error_t<boost::system::error_code> alert_and_fail(boost::system::error_code const& ec)
    {
        (void)flush_output();
        return future::fail(ec);
    }

    Io io_;
    detail::engine engine_;
    bool truncated_ = false;
};

/** The future of `tls::accept` or `tls::connect` (tokio-tls's `AcceptAsync` / `ConnectAsync`).

    Ready with the stream once the handshake is done, or with the error that
    ended it: OpenSSL's (of asio's ssl category: a peer that does not speak
    TLS, a certificate that fails verification), the `Io`'s, or
    `error::unexpected_eof` if the peer closed in the middle. A handshake is
    not bounded in time here: put a deadline on the future
    (`.timeout(handle, d)`), or let `tcp_server`'s `idle_timeout` close a
    connection that stalls in it.
*/
template <io::Io Io>
class handshake_future : public future::future_facade<handshake_future<Io>> {
public:
    /// The stream, its handshake done.
    using item_type = stream<Io>;
    /// OpenSSL's error, the `Io`'s, or `error::unexpected_eof`.
    using error_type = future::error_code;

    /// A handshake as `r` over `io`.
    handshake_future(detail::context_ref const& ctx, detail::role r, std::string_view host, Io io)
    {
        boost::system::error_code ec;
        detail::engine engine(ctx, r, host, ec);
        if (ec)
            error_ = ec;
        else
            stream_.emplace(stream<Io>(std::move(io), std::move(engine)));
    }

    /// Ready with the stream once the handshake is done.
    future::poll_result<stream<Io>> poll()
    {
        if (error_)
            return future::fail(*error_);
        BOOST_ASSERT_MSG(stream_, "tls::handshake_future polled after it was ready");
        auto r = stream_->poll_handshake();
        if (!r.is_ready())
            return std::move(r).template propagate<stream<Io>>();
        stream<Io> done = std::move(*stream_);
        stream_.reset();
        return future::ready(std::move(done));
    }

private:
    std::optional<stream<Io>> stream_;
    std::optional<boost::system::error_code> error_;
};

/// The server's side of the handshake over `io`, with the certificate and key of `ctx`.
template <io::Io Io>
handshake_future<Io> accept(boost::asio::ssl::context& ctx, Io io)
{
    return handshake_future<Io>(detail::context_ref(ctx.native_handle()), detail::role::server, {},
                                std::move(io));
}

/** The client's side of the handshake over `io`, to the server named `host`.

    `host` is sent as the server name (SNI) and, if `ctx` verifies peers
    (`ctx.set_verify_mode(ssl::verify_peer)`), must be a name (or an IP
    address) of the server's certificate. Empty: no name sent or checked.
*/
template <io::Io Io>
handshake_future<Io> connect(boost::asio::ssl::context& ctx, std::string_view host, Io io)
{
    return handshake_future<Io>(detail::context_ref(ctx.native_handle()), detail::role::client,
                                host, std::move(io));
}

} // namespace protokit::tls

#endif

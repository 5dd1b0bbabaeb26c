// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TLS_DETAIL_ENGINE_HPP
#define PROTOKIT_TLS_DETAIL_ENGINE_HPP

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

// OpenSSL's types, declared as OpenSSL declares them, so that this header needs none of its
// headers.
struct ssl_st;
struct ssl_ctx_st;

namespace protokit::tls::detail {

/** A counted reference to an OpenSSL `SSL_CTX` (what `boost::asio::ssl::context` wraps).

    Copies share the context (`SSL_CTX_up_ref`), so a protocol holding one
    may be copied to every server thread and outlive the asio context it was
    made from. OpenSSL lets one context make sessions on several threads.
*/
class context_ref {
public:
    /// Shares `ctx` (not null).
    explicit context_ref(ssl_ctx_st* ctx) noexcept;
    context_ref(context_ref const& other) noexcept;
    context_ref& operator=(context_ref const& other) noexcept;
    ~context_ref();

    /// The OpenSSL context.
    ssl_ctx_st* get() const noexcept { return ctx_; }

private:
    ssl_ctx_st* ctx_;
};

/// Which end of the handshake an engine plays.
enum class role { client, server };

/// What an engine's operation came to.
struct step {
    /// Plaintext bytes read or taken (read, write).
    std::size_t bytes = 0;
    /// The operation needs ciphertext from the peer before it can go on.
    bool wants_input = false;
    /// The peer sent its close_notify: no more plaintext will come.
    bool closed = false;
    /// A fatal TLS error (of asio's ssl category); the alert for the peer, if any, is in the
    /// output.
    boost::system::error_code error;
};

/** One TLS session over memory buffers: OpenSSL with no socket of its own.

    The session reads ciphertext only from what `put_input` gave it and
    writes ciphertext only to its output buffer, so whoever drives it
    decides when bytes move and nothing here blocks or waits: that is what
    lets a poll-based stream sit on top. Renegotiation is refused (TLS 1.3
    has none; a TLS 1.2 peer asking for it gets an alert).
*/
class engine {
public:
    /** A session of `ctx`, as `r`.

        A client with a non-empty `host` sends it as the server name (SNI,
        unless it is an IP address) and, if the context verifies peers,
        checks the certificate names it. `ec` is set if OpenSSL cannot make
        the session.
    */
    engine(context_ref const& ctx, role r, std::string_view host, boost::system::error_code& ec);
    engine(engine&& other) noexcept;
    engine& operator=(engine&& other) noexcept;
    ~engine();

    /// Goes on with the handshake; `bytes` is 1 once it is done.
    step handshake();
    /// Reads plaintext into `buf`.
    step read(std::span<char> buf);
    /// Encrypts from `buf` into the output (at most one record's worth per call).
    step write(std::span<char const> buf);
    /// Queues the close_notify alert in the output (once; nothing before the handshake is done).
    void close_notify();

    /// True once the handshake has completed.
    bool handshake_done() const noexcept;

    /// Ciphertext waiting to be sent to the peer.
    std::span<char const> output() noexcept;
    /// Drops the first `n` bytes of `output()`, which the peer has been sent.
    void consume_output(std::size_t n) noexcept;

    /// A scratch buffer (of this thread) to read ciphertext into before `put_input`.
    static std::span<char> input_buffer() noexcept;
    /// Gives the session `bytes` of ciphertext from the peer.
    void put_input(std::span<char const> bytes);

private:
    /// Moves what the session wrote into the output buffer.
    void collect_output();
    /// The step for an OpenSSL call that returned `ret`.
    step failed(int ret);

    ssl_st* ssl_ = nullptr;
    std::vector<char> output_;
    std::size_t output_begin_ = 0;
    bool close_sent_ = false;
};

} // namespace protokit::tls::detail

#endif

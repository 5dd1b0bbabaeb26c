// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/tls/detail/engine.hpp>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace protokit::tls::detail {

namespace {

/// The plaintext one `write` encrypts at most: one TLS record's worth.
constexpr std::size_t max_write = 16 * 1024;

/// The error OpenSSL queued last (of asio's ssl category), or `fallback` if it queued none.
boost::system::error_code last_error(boost::system::error_code fallback)
{
    unsigned long const e = ::ERR_get_error();
    ::ERR_clear_error();
    if (e == 0)
        return fallback;
    return {static_cast<int>(e), boost::asio::error::get_ssl_category()};
}

/// A step that moved `n` bytes (or, for a handshake, finished it: 1).
step moved(std::size_t n)
{
    step s;
    s.bytes = n;
    return s;
}

} // namespace

context_ref::context_ref(ssl_ctx_st* ctx) noexcept : ctx_(ctx)
{
    ::SSL_CTX_up_ref(ctx_);
}

context_ref::context_ref(context_ref const& other) noexcept : ctx_(other.ctx_)
{
    ::SSL_CTX_up_ref(ctx_);
}

context_ref& context_ref::operator=(context_ref const& other) noexcept
{
    if (ctx_ != other.ctx_) {
        ::SSL_CTX_up_ref(other.ctx_);
        ::SSL_CTX_free(ctx_);
        ctx_ = other.ctx_;
    }
    return *this;
}

context_ref::~context_ref()
{
    ::SSL_CTX_free(ctx_);
}

engine::engine(context_ref const& ctx, role r, std::string_view host, boost::system::error_code& ec)
{
    ::ERR_clear_error();
    ssl_ = ::SSL_new(ctx.get());
    if (ssl_ == nullptr) {
        ec = last_error(boost::asio::ssl::error::unspecified_system_error);
        return;
    }
    BIO* in = ::BIO_new(::BIO_s_mem());
    BIO* out = ::BIO_new(::BIO_s_mem());
    if (in == nullptr || out == nullptr) {
        ::BIO_free(in);
        ::BIO_free(out);
        ::SSL_free(std::exchange(ssl_, nullptr));
        ec = last_error(boost::asio::ssl::error::unspecified_system_error);
        return;
    }
    // An empty buffer means "no more yet", never the end: the stream above knows the end.
    BIO_set_mem_eof_return(in, -1);
    BIO_set_mem_eof_return(out, -1);
    ::SSL_set_bio(ssl_, in, out);
    ::SSL_set_options(ssl_, SSL_OP_NO_RENEGOTIATION);
    ::SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                             SSL_MODE_RELEASE_BUFFERS);
    if (r == role::server) {
        ::SSL_set_accept_state(ssl_);
        return;
    }
    ::SSL_set_connect_state(ssl_);
    if (host.empty())
        return;
    std::string const name(host);
    boost::system::error_code not_ip;
    boost::asio::ip::make_address(name, not_ip);
    int const ok = not_ip ? ::SSL_set_tlsext_host_name(ssl_, name.c_str()) &&
                                ::SSL_set1_host(ssl_, name.c_str())
                          : ::X509_VERIFY_PARAM_set1_ip_asc(::SSL_get0_param(ssl_), name.c_str());
    if (ok != 1)
        ec = last_error(boost::asio::ssl::error::unspecified_system_error);
}

engine::engine(engine&& other) noexcept
    : ssl_(std::exchange(other.ssl_, nullptr)), output_(std::move(other.output_)),
      output_begin_(std::exchange(other.output_begin_, 0)), close_sent_(other.close_sent_)
{
}

engine& engine::operator=(engine&& other) noexcept
{
    if (this != &other) {
        ::SSL_free(ssl_);
        ssl_ = std::exchange(other.ssl_, nullptr);
        output_ = std::move(other.output_);
        output_begin_ = std::exchange(other.output_begin_, 0);
        close_sent_ = other.close_sent_;
    }
    return *this;
}

engine::~engine()
{
    ::SSL_free(ssl_);
}

step engine::handshake()
{
    ::ERR_clear_error();
    int const ret = ::SSL_do_handshake(ssl_);
    collect_output();
    if (ret == 1)
        return moved(1);
    return failed(ret);
}

step engine::read(std::span<char> buf)
{
    ::ERR_clear_error();
    std::size_t n = 0;
    int const ret = ::SSL_read_ex(ssl_, buf.data(), buf.size(), &n);
    collect_output(); // a TLS 1.3 key update answers at once
    if (ret == 1)
        return moved(n);
    return failed(ret);
}

step engine::write(std::span<char const> buf)
{
    ::ERR_clear_error();
    std::size_t n = 0;
    int const ret = ::SSL_write_ex(ssl_, buf.data(), std::min(buf.size(), max_write), &n);
    collect_output();
    if (ret == 1)
        return moved(n);
    return failed(ret);
}

void engine::close_notify()
{
    if (close_sent_ || !handshake_done())
        return;
    close_sent_ = true;
    ::ERR_clear_error();
    ::SSL_shutdown(ssl_); // 0: sent, the peer's not received yet; its answer is not awaited
    ::ERR_clear_error();
    collect_output();
}

bool engine::handshake_done() const noexcept
{
    return ssl_ != nullptr && ::SSL_is_init_finished(ssl_) == 1;
}

std::span<char const> engine::output() noexcept
{
    return {output_.data() + output_begin_, output_.size() - output_begin_};
}

void engine::consume_output(std::size_t n) noexcept
{
    output_begin_ += std::min(n, output_.size() - output_begin_);
    if (output_begin_ == output_.size()) {
        output_.clear();
        output_begin_ = 0;
    }
}

std::span<char> engine::input_buffer() noexcept
{
    thread_local std::array<char, 16 * 1024> buffer;
    return buffer;
}

void engine::put_input(std::span<char const> bytes)
{
    // A memory BIO takes everything (it grows), so there is no partial write to handle.
    if (!bytes.empty())
        ::BIO_write(::SSL_get_rbio(ssl_), bytes.data(), static_cast<int>(bytes.size()));
}

void engine::collect_output()
{
    BIO* out = ::SSL_get_wbio(ssl_);
    std::size_t const pending = ::BIO_ctrl_pending(out);
    if (pending == 0)
        return;
    if (output_begin_ > 0) {
        output_.erase(output_.begin(),
                      output_.begin() + static_cast<std::ptrdiff_t>(output_begin_));
        output_begin_ = 0;
    }
    std::size_t const have = output_.size();
    output_.resize(have + pending);
    int const got = ::BIO_read(out, output_.data() + have, static_cast<int>(pending));
    output_.resize(have + static_cast<std::size_t>(std::max(got, 0)));
}

step engine::failed(int ret)
{
    step s;
    switch (::SSL_get_error(ssl_, ret)) {
    case SSL_ERROR_WANT_READ:
        ::ERR_clear_error();
        s.wants_input = true;
        break;
    case SSL_ERROR_ZERO_RETURN:
        ::ERR_clear_error();
        s.closed = true;
        break;
    default:
        // SSL: the session failed. WANT_WRITE cannot happen on a memory BIO, and SYSCALL has no
        // socket to blame here: an error all the same.
        s.error = last_error(boost::asio::ssl::error::unspecified_system_error);
        break;
    }
    return s;
}

} // namespace protokit::tls::detail

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/tls/stream.hpp>

#include <protokit/reactor/core.hpp>
#include <protokit/reactor/tcp_stream.hpp>

#include "../support/test_reactor.hpp"
#include "../support/tls_cert.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>

// tls::stream over real loopback TCP streams, both ends on one core, with a
// certificate made for the test by the openssl program.

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;
namespace ptls = protokit::tls;
namespace tls_stream_ssl = boost::asio::ssl;

BOOST_AUTO_TEST_SUITE(tls_stream)

namespace {

using tls_tcp = ptls::stream<pr::tcp_stream>;

// A TLS stream is an Io itself: framed, the protocols and tls::stream again run over it.
static_assert(protokit::io::Io<tls_tcp>);
static_assert(protokit::future::Future<ptls::handshake_future<pr::tcp_stream>>);

/// A server context with the test's certificate, and a client context that trusts only it.
struct contexts {
    pt::tls_cert cert;
    tls_stream_ssl::context server{tls_stream_ssl::context::tls_server};
    tls_stream_ssl::context client{tls_stream_ssl::context::tls_client};

    contexts()
    {
        server.use_certificate_chain_file(cert.cert.string());
        server.use_private_key_file(cert.key.string(), tls_stream_ssl::context::pem);
        client.set_verify_mode(tls_stream_ssl::verify_peer);
        client.load_verify_file(cert.cert.string());
    }
};

/// What each end's handshake came to.
struct outcome {
    std::optional<tls_tcp> client;
    std::optional<tls_tcp> server;
    boost::system::error_code client_error;
    boost::system::error_code server_error;
};

/// Runs a client and a server handshake against each other until both have ended.
template <class ClientHandshake, class ServerHandshake>
outcome handshake(pr::core& c, ClientHandshake hc, ServerHandshake hs)
{
    outcome o;
    bool client_done = false;
    bool server_done = false;
    auto r = c.run(pt::bounded(c.get_handle(), pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   if (!client_done) {
                                       auto x = hc.poll();
                                       client_done = !x.is_not_ready();
                                       if (x.is_ready())
                                           o.client.emplace(std::move(x).value());
                                       else if (x.is_error())
                                           o.client_error = x.error();
                                   }
                                   if (!server_done) {
                                       auto x = hs.poll();
                                       server_done = !x.is_not_ready();
                                       if (x.is_ready())
                                           o.server.emplace(std::move(x).value());
                                       else if (x.is_error())
                                           o.server_error = x.error();
                                   }
                                   if (client_done && server_done)
                                       return pf::ready();
                                   return pf::not_ready;
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    return o;
}

/// A client and a server stream over loopback, their handshakes done.
std::pair<tls_tcp, tls_tcp> tls_pair(pr::core& c, contexts& ctx)
{
    auto [client, server] = pt::connected_pair(c);
    auto o = handshake(c, ptls::connect(ctx.client, "localhost", std::move(client)),
                       ptls::accept(ctx.server, std::move(server)));
    BOOST_TEST_REQUIRE(!o.client_error, o.client_error.message());
    BOOST_TEST_REQUIRE(!o.server_error, o.server_error.message());
    return {std::move(*o.client), std::move(*o.server)};
}

/// Sends `data` from `from` to `to`, the reader and the writer polled together.
template <class From, class To>
std::string exchange(pr::core& c, From& from, To& to, std::string data)
{
    std::size_t const size = data.size();
    auto writer = pt::write_all(from, std::move(data));
    auto reader = pt::read_up_to(to, size);
    std::optional<std::string> got;
    bool written = false;
    auto r = c.run(pt::bounded(c.get_handle(), pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   if (!written) {
                                       auto w = writer.poll();
                                       if (w.is_error())
                                           return pf::fail(w.error());
                                       written = w.is_ready();
                                   }
                                   if (written) {
                                       auto f = from.poll_flush();
                                       if (f.is_error())
                                           return pf::fail(f.error());
                                   }
                                   if (!got) {
                                       auto g = reader.poll();
                                       if (g.is_error())
                                           return pf::fail(g.error());
                                       if (g.is_ready())
                                           got = std::move(g).value();
                                   }
                                   if (got && written)
                                       return pf::ready();
                                   return pf::not_ready;
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    return *got;
}

/// `n` bytes of a pattern that shows where each byte belongs.
std::string pattern(std::size_t n)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>('a' + (i * 7 + i / 26) % 26);
    return s;
}

/// Reads from `s` until it is ready or fails (bounded).
template <class S>
pf::poll_result<std::size_t> read_once(pr::core& c, S& s)
{
    char buf[64];
    std::optional<pf::poll_result<std::size_t>> last;
    auto r = c.run(pt::bounded(c.get_handle(), pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   auto x = s.poll_read(buf);
                                   if (x.is_not_ready())
                                       return pf::not_ready;
                                   last = x;
                                   return pf::ready();
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    return *last;
}

} // namespace

BOOST_AUTO_TEST_CASE(after_the_handshake_bytes_go_both_ways_and_a_large_payload_arrives_whole)
{
    contexts ctx;
    pr::core c;
    auto [client, server] = tls_pair(c, ctx);
    BOOST_TEST(exchange(c, client, server, "hello, server") == "hello, server");
    BOOST_TEST(exchange(c, server, client, "hello, client") == "hello, client");
    // Many records, more than the 64 KiB of ciphertext a writer may hold unsent.
    std::string const big = pattern(3 << 20);
    BOOST_TEST((exchange(c, client, server, big) == big));
    BOOST_TEST((exchange(c, server, client, big) == big));
}

BOOST_AUTO_TEST_CASE(shutdown_sends_close_notify_and_the_peer_reads_end_of_stream)
{
    contexts ctx;
    pr::core c;
    auto [client, server] = tls_pair(c, ctx);
    BOOST_TEST(exchange(c, client, server, "last words") == "last words");
    auto shut = c.run(pt::bounded(c.get_handle(), pt::poll_fn([&] { return client.shutdown(); })));
    BOOST_TEST_REQUIRE(shut.has_value(), shut.error().message());
    auto eof = read_once(c, server);
    BOOST_TEST_REQUIRE(eof.is_ready());
    BOOST_TEST(eof.value() == 0u);
    BOOST_TEST(!server.truncated());
    // Half-closed, as TCP: the server may still answer.
    BOOST_TEST(exchange(c, server, client, "goodbye") == "goodbye");
}

BOOST_AUTO_TEST_CASE(the_end_of_the_tcp_stream_without_close_notify_ends_it_as_truncated)
{
    contexts ctx;
    pr::core c;
    auto [client, server] = tls_pair(c, ctx);
    // The client reads all the server sent (its session tickets too): closing with unread bytes
    // would reset the connection rather than end it.
    BOOST_TEST(exchange(c, server, client, "bye") == "bye");
    BOOST_TEST(!client.get_mut().close());
    BOOST_TEST(!server.truncated());
    auto r = read_once(c, server);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 0u);
    BOOST_TEST(server.truncated());
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_name_fails_both_handshakes)
{
    contexts ctx;
    pr::core c;
    auto [client, server] = pt::connected_pair(c);
    auto o = handshake(c, ptls::connect(ctx.client, "example.com", std::move(client)),
                       ptls::accept(ctx.server, std::move(server)));
    BOOST_TEST(!o.client);
    BOOST_TEST(!o.server);
    BOOST_TEST((o.client_error.category() == boost::asio::error::get_ssl_category()),
               o.client_error.message());
    BOOST_TEST(o.client_error.message().find("certificate verify failed") != std::string::npos,
               o.client_error.message());
    // The client's alert tells the server why.
    BOOST_TEST((o.server_error.category() == boost::asio::error::get_ssl_category()),
               o.server_error.message());
}

BOOST_AUTO_TEST_CASE(a_client_that_trusts_another_authority_fails_its_handshake)
{
    contexts ctx;
    tls_stream_ssl::context distrustful(tls_stream_ssl::context::tls_client);
    distrustful.set_verify_mode(tls_stream_ssl::verify_peer); // and no CA at all
    pr::core c;
    auto [client, server] = pt::connected_pair(c);
    auto o = handshake(c, ptls::connect(distrustful, "localhost", std::move(client)),
                       ptls::accept(ctx.server, std::move(server)));
    BOOST_TEST(!o.client);
    BOOST_TEST(o.client_error.message().find("certificate verify failed") != std::string::npos,
               o.client_error.message());
    BOOST_TEST(!o.server);
}

BOOST_AUTO_TEST_CASE(plain_text_fails_the_servers_handshake)
{
    contexts ctx;
    pr::core c;
    auto [client, server] = pt::connected_pair(c);
    auto hs = ptls::accept(ctx.server, std::move(server));
    std::optional<pf::poll_result<tls_tcp>> last;
    auto writer = pt::write_all(client, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    auto r = c.run(pt::bounded(c.get_handle(), pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   (void)writer.poll();
                                   auto x = hs.poll();
                                   if (x.is_not_ready())
                                       return pf::not_ready;
                                   last.emplace(std::move(x));
                                   return pf::ready();
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    BOOST_TEST_REQUIRE(last->is_error());
    BOOST_TEST((last->error().category() == boost::asio::error::get_ssl_category()),
               last->error().message());
}

BOOST_AUTO_TEST_CASE(a_peer_that_closes_mid_handshake_is_an_unexpected_end)
{
    contexts ctx;
    pr::core c;
    auto [client, server] = pt::connected_pair(c);
    auto hs = ptls::accept(ctx.server, std::move(server));
    // The first bytes of a TLS record (a handshake, TLS 1.0 framing, 80 bytes long), then the end.
    auto writer = pt::write_all(client, std::string("\x16\x03\x01\x00\x50\x01", 6));
    bool closed = false;
    std::optional<pf::poll_result<tls_tcp>> last;
    auto r = c.run(pt::bounded(c.get_handle(), pt::poll_fn([&]() -> pf::poll_result<pf::unit> {
                                   if (!closed && writer.poll().is_ready()) {
                                       BOOST_TEST(!client.shutdown().is_error());
                                       closed = true;
                                   }
                                   auto x = hs.poll();
                                   if (x.is_not_ready())
                                       return pf::not_ready;
                                   last.emplace(std::move(x));
                                   return pf::ready();
                               })));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message());
    BOOST_TEST_REQUIRE(last->is_error());
    BOOST_TEST(last->error() == protokit::make_error_code(protokit::error::unexpected_eof));
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/tls/proto.hpp>

#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/http/proto.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/lines_codec.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/service/service_fn.hpp>

#include "../support/deadline.hpp"
#include "../support/tls_cert.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <mutex>
#include <ranges>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

// Protocols served and called over TLS by tcp_server and tcp_client, on
// loopback with port 0: pipelined lines, and HTTP with streamed bodies; and
// what a server does with peers that do not complete a handshake.

namespace pf = protokit::future;
namespace pt = protokit::test;
namespace ptls = protokit::tls;
namespace tls_proto_ssl = boost::asio::ssl;
using namespace std::chrono_literals;
using boost::asio::ip::tcp;

BOOST_AUTO_TEST_SUITE(tls_proto)

namespace {

/// Pipelined lines, up to 64 KiB each.
struct line_proto : protokit::pipeline::server_proto, protokit::pipeline::client_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    auto bind_transport(Io io) const
    {
        return protokit::io::framed<Io, protokit::io::lines_codec>(
            std::move(io), protokit::io::lines_codec(64 * 1024));
    }
};

/// Upper-cases each line.
auto upper_case()
{
    return protokit::service::service_fn([](std::string s) {
        for (auto& c : s)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return pf::ok(std::move(s));
    });
}

using server_type = protokit::tcp_server<ptls::server_proto<line_proto>>;

/// The upper-casing server over TLS, run on its own thread, shut down at the end of the test.
struct running_server {
    pt::tls_cert cert;
    tls_proto_ssl::context ctx{tls_proto_ssl::context::tls_server};
    std::optional<server_type> server;
    std::optional<protokit::server_handle> handle;
    tcp::endpoint endpoint;
    std::thread thread;
    std::mutex mutex;
    std::vector<std::string> errors;

    explicit running_server(std::chrono::milliseconds idle = 0ms)
    {
        ctx.use_certificate_chain_file(cert.cert.string());
        ctx.use_private_key_file(cert.key.string(), tls_proto_ssl::context::pem);
        server.emplace(ptls::server(line_proto{}, ctx),
                       tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
        server->handle_signals(false).shutdown_grace(2s);
        if (idle > 0ms)
            server->idle_timeout(idle);
        server->on_error([this](boost::system::error_code const& ec, std::string_view what) {
            std::lock_guard lock(mutex);
            errors.push_back(std::string(what) + ": " + ec.message());
        });
        handle.emplace(server->get_handle());
        thread = std::thread([this] { (void)server->serve(upper_case); });
        BOOST_REQUIRE(!handle->wait_listening(endpoint));
    }

    ~running_server()
    {
        handle->shutdown();
        thread.join();
    }

    std::vector<std::string> error_log()
    {
        std::lock_guard lock(mutex);
        return errors;
    }
};

/// A client context that trusts the server's certificate only.
struct client_context {
    tls_proto_ssl::context ctx{tls_proto_ssl::context::tls_client};

    explicit client_context(pt::tls_cert const& cert)
    {
        ctx.set_verify_mode(tls_proto_ssl::verify_peer);
        ctx.load_verify_file(cert.cert.string());
    }
};

using client_type = protokit::pipeline::client<std::string, std::string>;

client_type connect(protokit::reactor::core& core, running_server& s, tls_proto_ssl::context& ctx,
                    std::string_view host = "localhost")
{
    auto c = pt::run_for(core, protokit::tcp_client(ptls::client(line_proto{}, ctx, host))
                                   .connect(s.endpoint, core.get_handle()));
    BOOST_REQUIRE(c.has_value());
    return std::move(*c);
}

/// `count` calls on `client`, up to `depth` in flight: how many were answered right.
std::size_t call_many(protokit::reactor::core& core, client_type client, int count,
                      std::size_t depth, std::string const& prefix = "n")
{
    auto answers = pt::run_for(
        core,
        pf::iter_ok(std::views::iota(0, count))
            .map([client, prefix](int i) mutable {
                return client.call(prefix + std::to_string(i))
                    .map([expected = prefix + std::to_string(i)](std::string got) mutable {
                        for (auto& c : expected)
                            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                        return got == expected;
                    });
            })
            .buffered(depth)
            .fold(std::size_t{0}, [](std::size_t right, bool ok) { return right + ok; }));
    BOOST_TEST_REQUIRE(answers.has_value(), answers.error().message());
    return *answers;
}

/** Sends `bytes` on a plain TCP connection and reads until the server closes it (10 s at most).

    What came back (a TLS alert, or nothing), or nothing at all if the
    server kept the connection open past the limit.
*/
std::optional<std::string> send_raw(tcp::endpoint const& ep, std::string const& bytes,
                                    std::chrono::seconds limit = 10s)
{
    boost::asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect(ep);
    boost::system::error_code ec;
    boost::asio::write(s, boost::asio::buffer(bytes), ec);
    std::string answer;
    bool closed = false;
    boost::asio::async_read(s, boost::asio::dynamic_buffer(answer),
                            [&](boost::system::error_code, std::size_t) { closed = true; });
    ioc.run_for(limit);
    if (!closed)
        return std::nullopt;
    return answer;
}

namespace tls_proto_http = protokit::http;

/** HTTP over TLS on its own thread: GET /big answers `chunks` chunks of 16 KiB, streamed; POST
    /sum answers the size of the body it was sent, counted as it arrives.
*/
struct running_http_server {
    pt::tls_cert cert;
    tls_proto_ssl::context ctx{tls_proto_ssl::context::tls_server};
    std::optional<protokit::tcp_server<ptls::server_proto<tls_proto_http::server_proto>>> server;
    std::optional<protokit::server_handle> handle;
    tcp::endpoint endpoint;
    std::thread thread;

    static constexpr int chunks = 64;
    static constexpr std::size_t chunk_size = 16 * 1024;

    static pf::boxed_future<tls_proto_http::response> answer(tls_proto_http::request r)
    {
        if (r.head().target() == "/sum" && r.has_body())
            return std::move(r.body())
                .fold(std::uint64_t{0},
                      [](std::uint64_t n, protokit::io::bytes const& c) {
                          return pf::ok(n + c.size());
                      })
                .map([](std::uint64_t n) {
                    return tls_proto_http::make_response(tls_proto_http::status::ok,
                                                         std::to_string(n));
                })
                .boxed();
        tls_proto_http::response_head h;
        h.result(tls_proto_http::status::ok);
        return pf::ok(tls_proto_http::response(std::move(h), body(chunks))).boxed();
    }

    /// `n` chunks of `chunk_size` bytes, each of one letter.
    static tls_proto_http::body body(int n)
    {
        std::vector<protokit::io::bytes> all;
        for (int i = 0; i < n; ++i)
            all.emplace_back(std::string(chunk_size, static_cast<char>('a' + i % 26)));
        return tls_proto_http::body::from_stream(
            pf::iter_ok<boost::system::error_code>(std::move(all)));
    }

    running_http_server()
    {
        ctx.use_certificate_chain_file(cert.cert.string());
        ctx.use_private_key_file(cert.key.string(), tls_proto_ssl::context::pem);
        server.emplace(ptls::server(tls_proto_http::server_proto{}, ctx),
                       tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
        server->handle_signals(false).shutdown_grace(2s);
        handle.emplace(server->get_handle());
        thread = std::thread([this] {
            (void)server->serve([] {
                return protokit::service::service_fn(
                    [](tls_proto_http::request r) { return answer(std::move(r)); });
            });
        });
        BOOST_REQUIRE(!handle->wait_listening(endpoint));
    }

    ~running_http_server()
    {
        handle->shutdown();
        thread.join();
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_protocol_runs_over_tls_with_many_requests_pipelined)
{
    running_server s;
    client_context cc(s.cert);
    protokit::reactor::core core;
    BOOST_TEST(call_many(core, connect(core, s, cc.ctx), 2000, 32) == 2000u);
    // Long lines: each request and response spans several TLS records.
    std::string const long_prefix(40 * 1024, 'x');
    BOOST_TEST(call_many(core, connect(core, s, cc.ctx), 20, 8, long_prefix) == 20u);
    BOOST_TEST(s.error_log().empty());
}

BOOST_AUTO_TEST_CASE(several_clients_are_served_at_once)
{
    running_server s;
    client_context cc(s.cert);
    protokit::reactor::core core;
    std::vector<pf::boxed_future<std::size_t>> work;
    for (int c = 0; c < 8; ++c) {
        auto client = connect(core, s, cc.ctx);
        work.push_back(pf::iter_ok(std::views::iota(0, 100))
                           .map([client](int i) mutable {
                               return client.call("c" + std::to_string(i)).map([i](std::string r) {
                                   return r == "C" + std::to_string(i);
                               });
                           })
                           .buffered(16)
                           .fold(std::size_t{0}, [](std::size_t n, bool ok) { return n + ok; })
                           .boxed());
    }
    auto totals = pt::run_for(core, pf::join_all(std::move(work)));
    BOOST_TEST_REQUIRE(totals.has_value(), totals.error().message());
    for (auto t : *totals)
        BOOST_TEST(t == 100u);
}

BOOST_AUTO_TEST_CASE(a_client_that_cannot_verify_the_server_fails_its_calls)
{
    running_server s;
    client_context cc(s.cert);
    protokit::reactor::core core;
    auto client = connect(core, s, cc.ctx, "example.com");
    auto r = pt::run_for(core, client.call("hello"));
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message().find("certificate verify failed") != std::string::npos,
               r.error().message());
    // The server reports the handshake its peer refused, and goes on serving.
    BOOST_TEST(call_many(core, connect(core, s, cc.ctx), 10, 4) == 10u);
}

BOOST_AUTO_TEST_CASE(plain_text_garbage_and_a_stalled_handshake_close_only_their_connection)
{
    running_server s(2000ms);
    client_context cc(s.cert);
    protokit::reactor::core core;
    // A TLS client connected before the bad peers, used while they are there.
    auto before = connect(core, s, cc.ctx);
    BOOST_TEST(call_many(core, before, 10, 4) == 10u);

    // A record header that promises a ClientHello, then nothing: the idle timeout closes it.
    boost::asio::io_context ioc;
    tcp::socket stalled(ioc);
    stalled.connect(s.endpoint);
    auto const stalled_at = std::chrono::steady_clock::now();
    boost::asio::write(stalled, boost::asio::buffer(std::string("\x16\x03\x01\x02\x00\x01", 6)));

    auto plain = send_raw(s.endpoint, "hello\n");
    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->find("HELLO") == std::string::npos);

    std::string garbage(3000, '\0');
    for (std::size_t i = 0; i < garbage.size(); ++i)
        garbage[i] = static_cast<char>((i * 131 + 7) % 256);
    BOOST_TEST(send_raw(s.endpoint, garbage).has_value());

    BOOST_TEST(call_many(core, before, 10, 4, "after") == 10u);

    std::string rest;
    bool closed = false;
    boost::asio::async_read(stalled, boost::asio::dynamic_buffer(rest),
                            [&](boost::system::error_code, std::size_t) { closed = true; });
    ioc.run_for(10s);
    BOOST_TEST(closed);
    BOOST_TEST((std::chrono::steady_clock::now() - stalled_at >= 1900ms));

    BOOST_TEST(call_many(core, connect(core, s, cc.ctx), 10, 4) == 10u);
    auto const log = s.error_log();
    auto const reported = std::count_if(log.begin(), log.end(), [](std::string const& e) {
        return e.find("connection 127.0.0.1:") == 0;
    });
    BOOST_TEST(reported >= 2, "errors reported: " << log.size());
}

BOOST_AUTO_TEST_CASE(http_bodies_stream_both_ways_over_tls)
{
    running_http_server s;
    client_context cc(s.cert);
    protokit::reactor::core core;
    auto client = pt::run_for(
        core,
        protokit::tcp_client(ptls::client(tls_proto_http::client_proto{}, cc.ctx, "localhost"))
            .connect(s.endpoint, core.get_handle()));
    BOOST_TEST_REQUIRE(client.has_value(), client.error().message());

    // A 1 MiB response body, streamed in chunks: every byte where it belongs.
    auto response =
        pt::run_for(core, client->call(tls_proto_http::request(tls_proto_http::make_request_head(
                              tls_proto_http::verb::get, "/big", "localhost"))));
    BOOST_TEST_REQUIRE(response.has_value(), response.error().message());
    BOOST_TEST_REQUIRE(response->has_body());
    auto body = pt::run_for(
        core, std::move(response->body())
                  .fold(std::string(), [](std::string all, protokit::io::bytes const& c) {
                      all.append(c.view());
                      return pf::ok(std::move(all));
                  }));
    BOOST_TEST_REQUIRE(body.has_value(), body.error().message());
    BOOST_TEST_REQUIRE(body->size() ==
                       running_http_server::chunks * running_http_server::chunk_size);
    bool in_place = true;
    for (std::size_t i = 0; i < body->size(); i += 4096)
        in_place = in_place && (*body)[i] == static_cast<char>(
                                                 'a' + (i / running_http_server::chunk_size) % 26);
    BOOST_TEST(in_place);

    // A 1 MiB request body, streamed up: the server counts it as it arrives.
    auto head = tls_proto_http::make_request_head(tls_proto_http::verb::post, "/sum", "localhost");
    auto sum = pt::run_for(
        core, client->call(tls_proto_http::request(
                  std::move(head), running_http_server::body(running_http_server::chunks))));
    BOOST_TEST_REQUIRE(sum.has_value(), sum.error().message());
    BOOST_TEST_REQUIRE(sum->has_body());
    auto text = pt::run_for(
        core, std::move(sum->body())
                  .fold(std::string(), [](std::string all, protokit::io::bytes const& c) {
                      all.append(c.view());
                      return pf::ok(std::move(all));
                  }));
    BOOST_TEST_REQUIRE(text.has_value());
    BOOST_TEST(*text ==
               std::to_string(running_http_server::chunks * running_http_server::chunk_size));
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/http/proto.hpp>

#include <protokit/future/future.hpp>
#include <protokit/future/ok.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/service/service_fn.hpp>

#include "../support/deadline.hpp"

#include <boost/asio.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

// http::server_proto under tcp_server and http::client_proto under
// tcp_client, on loopback: one line each; bodies streamed both ways;
// pipelined calls answered in order on one connection; a failed call
// answered by error_response; a bad request answered 400 and closed.

namespace ph = protokit::http;
namespace pf = protokit::future;
namespace pt = protokit::test;
using boost::asio::ip::tcp;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(http_proto)

namespace {

/// Answers: /echo streams the body back; /fail fails with a parse error of Beast's, /boom with
/// another error; /sum answers the body's size once it has all come; anything else, its target.
pf::boxed_future<ph::response> answer(ph::request r)
{
    std::string const target(r.head().target());
    if (target == "/echo") {
        ph::response_head h;
        h.result(ph::status::ok);
        auto body = r.take_body();
        return pf::ok(body ? ph::response(std::move(h), std::move(*body))
                           : ph::response(std::move(h)));
    }
    if (target == "/fail")
        return pf::err<ph::response>(make_error_code(boost::beast::http::error::bad_chunk));
    if (target == "/boom")
        return pf::err<ph::response>(make_error_code(protokit::error::service_error));
    if (target == "/sum" && r.has_body())
        return std::move(r.body())
            .fold(
                std::uint64_t{0},
                [](std::uint64_t n, protokit::io::bytes const& c) { return pf::ok(n + c.size()); })
            .map([](std::uint64_t n) {
                return ph::make_response(ph::status::ok, std::to_string(n));
            });
    return pf::ok(ph::make_response(ph::status::ok, target));
}

/// An HTTP server on its own thread, shut down at the end of the test.
struct running_server {
    protokit::tcp_server<ph::server_proto> server;
    protokit::server_handle handle;
    tcp::endpoint endpoint;
    std::atomic<int> connections{0};
    std::thread thread;

    explicit running_server(ph::server_proto proto = {})
        : server(proto, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)),
          handle(server.handle_signals(false).shutdown_grace(2s).get_handle())
    {
        server.on_connection([this](tcp::endpoint const&) {
            ++connections;
            return true;
        });
        thread = std::thread([this] {
            (void)server.serve([] {
                return protokit::service::service_fn(
                    [](ph::request r) { return answer(std::move(r)); });
            });
        });
        BOOST_REQUIRE(!handle.wait_listening(endpoint));
    }

    ~running_server()
    {
        handle.shutdown();
        thread.join();
    }
};

ph::client connect(protokit::reactor::core& core, tcp::endpoint const& ep)
{
    auto c = pt::run_for(
        core,
        protokit::tcp_client(ph::client_proto{}).max_in_flight(16).connect(ep, core.get_handle()));
    BOOST_REQUIRE(c.has_value());
    return std::move(*c);
}

/// A call's status and whole body.
struct outcome {
    unsigned status = 0;
    std::string body;
};

outcome call(protokit::reactor::core& core, ph::client& client, ph::request r)
{
    auto response = pt::run_for(core, client.call(std::move(r)));
    BOOST_REQUIRE_MESSAGE(response.has_value(), response.error().message());
    outcome out{response->head().result_int(), {}};
    if (response->has_body()) {
        auto all = pt::run_for(
            core, std::move(response->body())
                      .fold(std::string(), [](std::string s, protokit::io::bytes const& c) {
                          return pf::ok(s + std::string(c.view()));
                      }));
        BOOST_REQUIRE(all.has_value());
        out.body = *all;
    }
    return out;
}

ph::request get(std::string const& target)
{
    return ph::request(ph::make_request_head(ph::verb::get, target, "test"));
}

/// `n` chunks of `size` bytes each, as a body.
ph::body chunks(int n, std::size_t size)
{
    std::vector<protokit::io::bytes> all;
    for (int i = 0; i < n; ++i)
        all.emplace_back(std::string(size, static_cast<char>('a' + i % 26)));
    return ph::body::from_stream(pf::iter_ok<boost::system::error_code>(std::move(all)));
}

/// Sends `raw` on a plain socket and reads until the server closes (at most 5 s).
std::string raw_exchange(tcp::endpoint const& ep, std::string const& raw)
{
    boost::asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect(ep);
    boost::asio::write(s, boost::asio::buffer(raw));
    std::string got;
    std::array<char, 4096> buf;
    auto const end = std::chrono::steady_clock::now() + 5s;
    s.non_blocking(true);
    while (std::chrono::steady_clock::now() < end) {
        boost::system::error_code ec;
        auto n = s.read_some(boost::asio::buffer(buf), ec);
        if (ec == boost::asio::error::would_block) {
            std::this_thread::sleep_for(5ms);
            continue;
        }
        if (ec)
            return got; // the end (or a reset after it)
        got.append(buf.data(), n);
    }
    BOOST_FAIL("the server never closed");
    return got;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_server_and_a_client_in_one_line_each_stream_bodies_both_ways)
{
    running_server server;
    protokit::reactor::core core;
    auto client = connect(core, server.endpoint);
    auto hello = call(core, client, get("/hello"));
    BOOST_TEST(hello.status == 200u);
    BOOST_TEST(hello.body == "/hello");

    ph::request upload(ph::make_request_head(ph::verb::post, "/echo", "test"), chunks(40, 10000));
    auto echoed = call(core, client, std::move(upload));
    BOOST_TEST(echoed.status == 200u);
    BOOST_TEST_REQUIRE(echoed.body.size() == 400000u);
    for (std::size_t i = 0; i < echoed.body.size(); i += 10000)
        BOOST_TEST(echoed.body[i] == static_cast<char>('a' + (i / 10000) % 26));
    BOOST_TEST(server.connections.load() == 1);
}

BOOST_AUTO_TEST_CASE(calls_made_at_once_are_pipelined_on_one_connection_and_answered_in_order)
{
    running_server server;
    protokit::reactor::core core;
    auto client = connect(core, server.endpoint);
    std::vector<ph::client::future_type> calls;
    for (int i = 0; i < 12; ++i)
        calls.push_back(client.call(get("/" + std::to_string(i))));
    for (int i = 0; i < 12; ++i) {
        auto r = pt::run_for(core, std::move(calls[static_cast<std::size_t>(i)]));
        BOOST_REQUIRE(r.has_value());
        auto body =
            pt::run_for(core, std::move(r->body()).fold(
                                  std::string(), [](std::string s, protokit::io::bytes const& c) {
                                      return pf::ok(s + std::string(c.view()));
                                  }));
        BOOST_REQUIRE(body.has_value());
        BOOST_TEST(*body == "/" + std::to_string(i));
    }
    BOOST_TEST(server.connections.load() == 1);
}

BOOST_AUTO_TEST_CASE(a_failed_call_is_answered_by_error_response_and_the_connection_closes)
{
    running_server server;
    protokit::reactor::core core;
    auto client = connect(core, server.endpoint);
    auto bad = call(core, client, get("/fail"));
    BOOST_TEST(bad.status == 400u);
    auto again = pt::run_for(core, client.call(get("/after")));
    BOOST_TEST(!again.has_value()); // the connection closed after the error's answer

    auto other = connect(core, server.endpoint);
    BOOST_TEST(call(core, other, get("/boom")).status == 500u);
}

BOOST_AUTO_TEST_CASE(a_body_over_the_servers_limit_is_answered_413)
{
    ph::server_proto proto;
    proto.limits.max_body_size = 1000;
    running_server server(proto);
    protokit::reactor::core core;
    auto client = connect(core, server.endpoint);
    BOOST_TEST(call(core, client,
                    ph::request(ph::make_request_head(ph::verb::post, "/sum", "t"), chunks(2, 400)))
                   .body == "800");
    // Chunked: found out mid-body; the service's error is answered.
    auto over =
        call(core, client,
             ph::request(ph::make_request_head(ph::verb::post, "/sum", "t"), chunks(3, 400)));
    BOOST_TEST(over.status == 413u);
    // Sized: refused from its head, before any of it is read.
    auto sized =
        raw_exchange(server.endpoint,
                     "POST /sum HTTP/1.1\r\nContent-Length: 5000\r\n\r\n" + std::string(100, 'x'));
    BOOST_TEST(sized.starts_with("HTTP/1.1 413 Payload Too Large\r\n"), sized);
}

BOOST_AUTO_TEST_CASE(a_malformed_request_is_answered_400_after_the_ones_before_it_and_closed)
{
    running_server server;
    auto got = raw_exchange(server.endpoint, "GET /first HTTP/1.1\r\n\r\nGET / HTTP/9.9\r\n\r\n");
    auto const first = got.find("HTTP/1.1 200 OK\r\n");
    auto const bad = got.find("HTTP/1.1 400 Bad Request\r\n");
    BOOST_TEST(first == 0u, got);
    BOOST_TEST((bad != std::string::npos && bad > first), got);
    BOOST_TEST(got.find("Connection: close\r\n", bad) != std::string::npos, got);
}

BOOST_AUTO_TEST_SUITE_END()

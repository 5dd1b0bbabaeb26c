// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/streaming/multiplex.hpp>
#include <protokit/proto/streaming/pipeline.hpp>
#include <protokit/protokit.hpp>
#include <protokit/tls.hpp>

#include "../../example/common/dns_proto.hpp"
#include "../../example/common/int_proto.hpp"
#include "../../example/common/mux_proto.hpp"

#include "../support/test_reactor.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

// Every code sample of doc/guide.md is compiled here, so that the guide
// cannot rot: each ```cpp block of the guide is a verbatim part of this
// file (the first test case checks it), set in whatever context it needs
// (a namespace, a function around statements, the definitions a sample
// only declares). The coroutine samples also run, against a coroutine
// service. A sample's #include lines expand to nothing here: this file
// includes everything first. Change a sample in both places.

BOOST_AUTO_TEST_SUITE(base_guide)

// clang-format off
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
// A sample's `int main()` may end without a return; here it is not the program's main.
#pragma GCC diagnostic ignored "-Wreturn-type"

namespace guide_doubler {

// 1. A codec: decode whole frames out of the read buffer, encode into the write buffer.
struct int_codec {
    using in_type = std::uint64_t;   // what decode yields
    using out_type = std::uint64_t;  // what encode takes

    boost::system::result<std::optional<std::uint64_t>> decode(protokit::io::bytes_mut& buf);
    // At the end of the input: "21" with no newline is still 21 (optional; see below).
    boost::system::result<std::optional<std::uint64_t>> decode_eof(protokit::io::bytes_mut& buf);
    boost::system::result<void> encode(std::uint64_t value, protokit::io::bytes_mut& dst);
};

// 2. A protocol: names its messages and binds a transport over any Io.
struct int_proto : protokit::pipeline::server_proto, protokit::pipeline::client_proto {
    using request_type = std::uint64_t;
    using response_type = std::uint64_t;

    template <class Io>
    protokit::io::framed<Io, int_codec> bind_transport(Io io) const
    {
        return protokit::io::framed<Io, int_codec>(std::move(io));
    }
};

// 3. A service, and one line to serve it.
int main()
{
    auto doubler = [] {
        return protokit::service::service_fn([](std::uint64_t n) { return protokit::future::ok(n * 2); });
    };
    protokit::tcp_server(int_proto{}, {boost::asio::ip::make_address("127.0.0.1"), 12345}).serve(doubler);
}

// The guide only declares the codec's functions: these are the example's.
boost::system::result<std::optional<std::uint64_t>> int_codec::decode(protokit::io::bytes_mut& buf)
{
    return example::int_codec{}.decode(buf);
}

boost::system::result<std::optional<std::uint64_t>> int_codec::decode_eof(protokit::io::bytes_mut& buf)
{
    return example::int_codec{}.decode_eof(buf);
}

boost::system::result<void> int_codec::encode(std::uint64_t value, protokit::io::bytes_mut& dst)
{
    return example::int_codec{}.encode(value, dst);
}

void client(boost::asio::ip::tcp::endpoint server_endpoint)
{
protokit::reactor::core core;
auto answers = protokit::tcp_client(int_proto{})
                   .connect(server_endpoint, core.get_handle())
                   .and_then([](auto client) { return client.call(21); });
auto r = core.run(std::move(answers));   // r.value() == 42
}

} // namespace guide_doubler

namespace guide_futures {

namespace pf = protokit::future;
auto f = pf::ok(20).map([](int v) { return v + 1; }).and_then([](int v) { return pf::ok(v * 2); });

} // namespace guide_futures

namespace guide_mux {

using example::mux_codec;

#include <protokit/future.hpp>          // every combinator (.map, .and_then, ...)
#include <protokit/io/framed.hpp>
#include <protokit/proto/multiplex.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/service/service_fn.hpp>

// One protocol type may serve both sides.
struct mux_proto : protokit::multiplex::server_proto, protokit::multiplex::client_proto {
    using request_type = protokit::io::bytes;
    using response_type = protokit::io::bytes;

    template <class Io>
    protokit::io::framed<Io, mux_codec> bind_transport(Io io) const // frames of (id, bytes)
    {
        return protokit::io::framed<Io, mux_codec>(std::move(io));
    }
};

int main()
{
    auto per_thread = [](protokit::reactor::handle const& h) {
        return [h] {
            return protokit::service::service_fn([h](protokit::io::bytes payload) {
                // Answered after 5 ms; requests behind it on the connection are not held up.
                return protokit::reactor::timeout(h, std::chrono::milliseconds(5))
                    .map([payload] { return payload; });
            });
        };
    };
    protokit::tcp_server(mux_proto{}, {boost::asio::ip::make_address("127.0.0.1"), 12346})
        .threads(2)
        .with_handle(per_thread);
}

} // namespace guide_mux

namespace guide_coroutines {

using guide_doubler::int_proto;

#include <protokit/future/async_fn.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/core.hpp>

namespace pf = protokit::future;

pf::async_fn<std::uint64_t> sum_of_doubles(boost::asio::ip::tcp::endpoint server, protokit::reactor::handle h)
{
    auto client = co_await protokit::tcp_client(int_proto{}).connect(server, h);
    std::uint64_t sum = 0;
    for (std::uint64_t n = 1; n <= 10; ++n)
        sum += co_await client.call(n); // a failed call ends the coroutine with its error
    co_return sum;
}

// core.run(sum_of_doubles(server_endpoint, core.get_handle())).value() == 110

// Sums the items of a stream, skipping its errors (which, as in futures 0.1, do not end it).
template <protokit::future::Stream S>
pf::async_fn<int> sum_skipping_errors(S items)
{
    int sum = 0;
    for (;;) {
        auto item = co_await pf::settled(pf::next(items));
        if (!item)
            continue;
        if (!*item)
            co_return sum;
        sum += **item;
    }
}

using int_client = protokit::proto::client_service_t<int_proto>; // what connect yields

pf::async_fn<std::string> within_a_second(int_client client, protokit::reactor::handle h)
{
    auto answer = co_await pf::settled(client.call(21).timeout(h, std::chrono::seconds(1)));
    if (!answer)
        co_return "no answer: " + answer.error().message(); // error::timed_out, or the call's own
    co_return std::to_string(*answer);
}

auto doubler = [] {
    return protokit::service::service_fn(
        [](std::uint64_t n) -> protokit::future::async_fn<std::uint64_t> { co_return n * 2; });
};

} // namespace guide_coroutines

namespace guide_middleware {

using guide_doubler::int_proto;

#include <protokit/proto/tcp_client.hpp>
#include <protokit/service.hpp>

namespace ps = protokit::service;

// Each server a pipelined connection, dialed again when it drops.
auto doublers(protokit::reactor::handle h, std::vector<boost::asio::ip::tcp::endpoint> const& servers)
{
    auto dial = [h](boost::asio::ip::tcp::endpoint server) {
        return [h, server] { return protokit::tcp_client(int_proto{}).max_in_flight(16).connect(server, h); };
    };
    ps::balance<std::size_t, ps::reconnect_service<decltype(dial(servers.front()))>> endpoints(h);
    for (std::size_t i = 0; i < servers.size(); ++i)
        endpoints.insert(i, ps::reconnect(dial(servers[i]), h));
    // A deadline for the whole call, then retries of calls whose connection failed (within a
    // budget), then at most 64 calls in flight, then the balance.
    return ps::builder()
        .timeout(h, std::chrono::seconds(2))
        .retry(ps::retry_connection_errors{3}, h)
        .concurrency_limit(64)
        .service(std::move(endpoints));
}

} // namespace guide_middleware

namespace guide_streaming {

struct file_proto : protokit::streaming::multiplex::server_proto {
    using request_type = std::string;              // the head of a request
    using request_body_type = protokit::io::bytes; // a chunk of its body
    using response_type = std::string;
    using response_body_type = protokit::io::bytes;
    template <class Io> auto bind_transport(Io io) const; // frames: streaming::tagged_frame<id, head, chunk>
};

} // namespace guide_streaming

namespace guide_http {

#include <protokit/future/ok.hpp>
#include <protokit/http/proto.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/service/service_fn.hpp>

namespace http = protokit::http;

int main()
{
    auto hello = [](http::request r) {
        if (r.head().target() == "/")
            return protokit::future::ok(http::make_response(http::status::ok, "Hello, World!"));
        return protokit::future::ok(http::make_response(http::status::not_found, "Not Found"));
    };
    auto error = protokit::tcp_server(http::server_proto{}, {boost::asio::ip::make_address("127.0.0.1"), 8080})
                     .idle_timeout(std::chrono::seconds(60))
                     .serve([=] { return protokit::service::service_fn(hello); });
    return error ? 1 : 0;
}

void client(protokit::reactor::core& core, boost::asio::ip::tcp::endpoint endpoint)
{
auto client = core.run(protokit::tcp_client(http::client_proto{}).connect(endpoint, core.get_handle())).value();
auto response = core.run(client.call(http::request(http::make_request_head(http::verb::get, "/", "host")))).value();
}

} // namespace guide_http

namespace guide_dns {

using example::dns::message;
using example::dns::query;
using example::dns::tcp_server_codec;

#include <protokit/io/framed.hpp>
#include <protokit/proto/multiplex.hpp>

// DNS over TCP: each message carries its own 16-bit id, which is the request id.
struct dns_tcp_proto : protokit::multiplex::server_proto {
    using request_id_type = std::uint16_t;
    using request_type = query;     // a parsed question, or what made it unreadable
    using response_type = message;

    template <class Io>
    protokit::io::framed<Io, tcp_server_codec> bind_transport(Io io) const
    {
        // reads a 2-byte length, then the message; yields (id, query), writes (id, message)
        return protokit::io::framed<Io, tcp_server_codec>(std::move(io));
    }
};

// A server protocol tcp_server takes, with the message id as its request id.
static_assert(protokit::proto::ServerProtocol<dns_tcp_proto>);
static_assert(std::is_same_v<protokit::proto::request_id_t<dns_tcp_proto>, std::uint16_t>);

} // namespace guide_dns

namespace guide_tls {

using guide_doubler::int_proto;

#include <protokit/proto/tcp_client.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/tls/proto.hpp>

namespace ssl = boost::asio::ssl;

// The doubler of the first section, over TLS.
int serve(boost::asio::ip::tcp::endpoint endpoint)
{
    ssl::context tls(ssl::context::tls_server);
    tls.use_certificate_chain_file("cert.pem");
    tls.use_private_key_file("key.pem", ssl::context::pem);
    auto doubler = [] {
        return protokit::service::service_fn([](std::uint64_t n) { return protokit::future::ok(n * 2); });
    };
    auto error = protokit::tcp_server(protokit::tls::server(int_proto{}, tls), endpoint)
                     .idle_timeout(std::chrono::seconds(30)) // closes a handshake that stalls, too
                     .serve(doubler);
    return error ? 1 : 0;
}

// A client that trusts cert.pem (a self-signed certificate) for the name "localhost".
auto connect(boost::asio::ip::tcp::endpoint endpoint, protokit::reactor::handle const& h, ssl::context& tls)
{
    tls.set_verify_mode(ssl::verify_peer);
    tls.load_verify_file("cert.pem");
    return protokit::tcp_client(protokit::tls::client(int_proto{}, tls, "localhost")).connect(endpoint, h);
}

} // namespace guide_tls

#pragma GCC diagnostic pop
// clang-format on

namespace {

namespace pf = protokit::future;
using namespace std::chrono_literals;

/// The text of a file of the source tree, found from this file's path.
std::string source_text(std::filesystem::path const& relative)
{
    auto const root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
    std::ifstream in(root / relative);
    BOOST_TEST_REQUIRE(in.good(), "cannot read " << (root / relative));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The ```cpp blocks of a markdown text.
std::vector<std::string> cpp_blocks(std::string const& markdown)
{
    std::vector<std::string> blocks;
    std::string const open = "```cpp\n";
    std::string const close = "```";
    for (auto at = markdown.find(open); at != std::string::npos; at = markdown.find(open, at)) {
        at += open.size();
        auto const end = markdown.find(close, at);
        BOOST_TEST_REQUIRE(end != std::string::npos, "an unclosed ```cpp block");
        blocks.push_back(markdown.substr(at, end - at));
        at = end + close.size();
    }
    return blocks;
}

/// The guide's coroutine doubler service, served on a free port of 127.0.0.1 by its own thread.
struct coroutine_doubler_server {
    protokit::tcp_server<guide_doubler::int_proto> server{
        guide_doubler::int_proto{}, {boost::asio::ip::make_address("127.0.0.1"), 0}};
    protokit::server_handle handle = server.handle_signals(false).shutdown_grace(2s).get_handle();
    boost::asio::ip::tcp::endpoint endpoint;
    std::thread thread;

    coroutine_doubler_server()
    {
        server.on_error([](auto const&, std::string_view) {});
        thread =
            std::thread([this] { static_cast<void>(server.serve(guide_coroutines::doubler)); });
        BOOST_REQUIRE(!handle.wait_listening(endpoint));
    }

    ~coroutine_doubler_server()
    {
        handle.shutdown();
        thread.join();
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(every_code_sample_of_the_guide_is_compiled_here)
{
    auto const guide = source_text("doc/guide.md");
    auto const here = source_text("test/base/guide.cpp");
    auto const blocks = cpp_blocks(guide);
    BOOST_TEST(blocks.size() >= 12u);
    for (auto const& block : blocks)
        BOOST_TEST(here.find(block) != std::string::npos, "not in test/base/guide.cpp:\n" << block);
}

BOOST_AUTO_TEST_CASE(the_coroutine_samples_run)
{
    std::vector<boost::system::result<int, pf::error_code>> items;
    items.emplace_back(1);
    items.emplace_back(boost::system::in_place_error,
                       make_error_code(protokit::error::invalid_frame));
    items.emplace_back(2);
    protokit::reactor::core core;
    BOOST_TEST(core.run(guide_coroutines::sum_skipping_errors(pf::iter_result(std::move(items))))
                   .value() == 3);

    // The client samples, against the guide's coroutine service.
    coroutine_doubler_server server;
    auto sum = core.run(guide_coroutines::sum_of_doubles(server.endpoint, core.get_handle()));
    BOOST_TEST_REQUIRE(sum.has_value(), sum.error().message());
    BOOST_TEST(*sum == 110u);
    auto client = core.run(protokit::tcp_client(guide_doubler::int_proto{})
                               .connect(server.endpoint, core.get_handle()));
    BOOST_TEST_REQUIRE(client.has_value());
    auto answer = core.run(guide_coroutines::within_a_second(*client, core.get_handle()));
    BOOST_TEST_REQUIRE(answer.has_value());
    BOOST_TEST(*answer == "42");

    // The middleware sample: a stack over two connections to the server, ten calls.
    auto h = core.get_handle();
    auto client_stack = guide_middleware::doublers(h, {server.endpoint, server.endpoint});
    std::uint64_t n = 0, doubled = 0;
    std::optional<decltype(client_stack)::future_type> call;
    auto ten_calls = protokit::test::poll_fn([&]() -> pf::poll_result<std::uint64_t> {
        for (;;) {
            if (!call) {
                if (n == 10)
                    return pf::ready(doubled);
                auto ready = client_stack.poll_ready();
                if (!ready.is_ready())
                    return std::move(ready).propagate<std::uint64_t>();
                call.emplace(client_stack.call(std::uint64_t(++n)));
            }
            PROTOKIT_TRY_READY(v, call->poll());
            call.reset();
            doubled += v;
        }
    });
    auto total = core.run(protokit::test::bounded(h, std::move(ten_calls)));
    BOOST_TEST_REQUIRE(total.has_value(), total.error().message());
    BOOST_TEST(*total == 110u);
}

BOOST_AUTO_TEST_SUITE_END()

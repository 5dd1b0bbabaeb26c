// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// An HTTP/1.1 server on protokit::http (Beast's parser and serializer under
// streaming::pipeline): keep-alive, pipelining, chunked bodies both ways,
// Expect: 100-continue, HEAD. Bodies stream: a gigabyte goes through in
// a few megabytes of memory.
//
//   http_server --listen HOST:PORT [--threads N] [--proxy-protocol [required|optional]]
//               [--log-connections] [--reuse-port] [--drain-delay MS]
//
//   GET  /                         200 "Hello, World!"
//   GET  /healthz                  200 "ok", or 503 "draining" once a graceful shutdown began
//                                  (for a load balancer's health check: see doc/guide.md)
//   GET  /stream?chunks=N&size=S   N chunks of S bytes, made as the client reads (chunk k is
//                                  S times the letter 'a' + k % 26)
//   POST /echo                     the request's body, streamed back as it arrives (chunked)
//   POST /sha256                   the hex SHA-256 of the body, computed as it arrives
//   anything else                  404
//
// Prints "listening on HOST:PORT" once it accepts; SIGINT / SIGTERM stop it
// gracefully.

#include <protokit/future/future.hpp>
#include <protokit/future/ok.hpp>
#include <protokit/http/proto.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/service/service_fn.hpp>

#include "../common/args.hpp"
#include "../common/balancer.hpp"
#include "../common/sha256.hpp"

#include <charconv>
#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>

namespace {

namespace pf = protokit::future;
namespace http = protokit::http;

/// The biggest chunk /stream makes, and the most chunks it sends.
constexpr std::uint64_t max_chunk = 1u << 20;
constexpr std::uint64_t max_chunks = std::uint64_t(1) << 24;

/// The number after `name=` in the query of `target`, or `fallback`.
std::uint64_t query_number(std::string_view target, std::string_view name, std::uint64_t fallback)
{
    auto q = target.find('?');
    if (q == std::string_view::npos)
        return fallback;
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
            std::uint64_t n = 0;
            auto v = pair.substr(name.size() + 1);
            auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            if (ec == std::errc() && p == v.data() + v.size())
                return n;
        }
    }
    return fallback;
}

/// `count` chunks of `size` bytes, each made when polled: as fast as the connection drains them.
class letters : public pf::stream_facade<letters> {
public:
    using item_type = protokit::io::bytes;
    using error_type = boost::system::error_code;

    letters(std::uint64_t count, std::size_t size) : left_(count), size_(size) {}

    pf::stream_poll_result<protokit::io::bytes> poll_next()
    {
        if (left_ == 0)
            return pf::end_of_stream;
        --left_;
        protokit::io::bytes_mut buf(size_);
        auto room = buf.prepare(size_);
        std::fill(room.begin(), room.end(), static_cast<char>('a' + index_++ % 26));
        buf.commit(size_);
        return pf::ready(std::optional<protokit::io::bytes>(buf.split_to(size_)));
    }

private:
    std::uint64_t left_;
    std::size_t size_;
    std::uint64_t index_ = 0;
};

/// The SHA-256 of a request body, as its chunks arrive; answers the hex digest at its end.
class digest : public pf::future_facade<digest> {
public:
    using item_type = http::response;
    using error_type = boost::system::error_code;

    explicit digest(http::body body) : body_(std::move(body)) {}

    pf::poll_result<http::response> poll()
    {
        for (;;) {
            auto next = body_.poll_next();
            if (next.is_not_ready())
                return pf::not_ready;
            if (next.is_error())
                return pf::fail(next.error());
            if (!next.value())
                return pf::ready(http::make_response(http::status::ok, sha_.hex() + "\n"));
            sha_.update(next.value()->view());
        }
    }

private:
    http::body body_;
    example::sha256 sha_;
};

pf::boxed_future<http::response> serve(http::request request, protokit::server_handle const& server)
{
    auto const& head = request.head();
    std::string_view const target = head.target();
    std::string_view const path = target.substr(0, target.find('?'));
    bool const get = head.method() == http::verb::get || head.method() == http::verb::head;
    bool const post = head.method() == http::verb::post;
    if (get && path == "/")
        return pf::ok(http::make_response(http::status::ok, "Hello, World!"));
    if (get && path == "/healthz") {
        if (server.draining())
            return pf::ok(http::make_response(http::status::service_unavailable, "draining\n"));
        return pf::ok(http::make_response(http::status::ok, "ok\n"));
    }
    if (get && path == "/stream") {
        auto const chunks = std::min(query_number(target, "chunks", 1), max_chunks);
        auto const size = std::min(query_number(target, "size", 1024), max_chunk);
        http::response_head out;
        out.result(http::status::ok);
        out.set(http::field::content_type, "application/octet-stream");
        if (chunks == 0 || size == 0 || head.method() == http::verb::head)
            return pf::ok(http::response(std::move(out)));
        return pf::ok(http::response(std::move(out), http::body::from_stream(letters(
                                                         chunks, static_cast<std::size_t>(size)))));
    }
    if (post && path == "/echo") {
        http::response_head out;
        out.result(http::status::ok);
        out.set(http::field::content_type, "application/octet-stream");
        auto body = request.take_body();
        if (!body)
            return pf::ok(http::response(std::move(out)));
        return pf::ok(http::response(std::move(out), std::move(*body)));
    }
    if (post && path == "/sha256") {
        auto body = request.take_body();
        return pf::boxed_future<http::response>(digest(body ? std::move(*body) : http::body()));
    }
    return pf::ok(http::make_response(http::status::not_found, "Not Found\n"));
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv,
                       std::string("http_server --listen HOST:PORT [--threads N]") +
                           std::string(example::balancer_usage));
    example::balancer_options const balancer(args);
    auto const listen = args.endpoint("listen", "127.0.0.1:8080");
    auto const threads = args.number("threads", 1);

    auto server = protokit::tcp_server(http::server_proto{}, listen);
    auto const handle = server.get_handle();
    server.threads(threads)
        .idle_timeout(std::chrono::seconds(60))
        .on_listening([](auto const& ep) { std::cout << "listening on " << ep << std::endl; })
        .on_error([](auto const& e, std::string_view what) {
            std::cerr << "http_server: " << what << ": " << e.message() << std::endl;
        });
    balancer.apply(server);
    auto error = server.serve([handle] {
        return protokit::service::service_fn(
            [handle](http::request r) { return serve(std::move(r), handle); });
    });
    if (error) {
        std::cerr << "http_server: cannot listen on " << listen << ": " << error.message()
                  << std::endl;
        return 1;
    }
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The doubler from tokio-proto's guide: newline-separated unsigned 64-bit
// integers, each answered with twice its value (modulo 2^64), pipelined.
//
//   doubler [--listen 127.0.0.1:12345] [--threads N] [--style combinators|coroutine]
//           [--proxy-protocol [required|optional]] [--log-connections] [--reuse-port]
//           [--drain-delay MS] [--tls-cert FILE --tls-key FILE]
//
// With --tls-cert and --tls-key it speaks TLS (the certificate chain and the
// key in PEM files): `openssl s_client -connect 127.0.0.1:12345 -quiet` or
// `doubler_client --tls` talk to it. A peer that fails the handshake (plain
// text, say) is closed and logged like a bad line.
//
// With --style coroutine the service is a coroutine (one frame allocated
// per request), otherwise a ready future (nothing allocated).
//
// A line that is not a number closes that connection (the error is logged);
// other connections go on. SIGINT / SIGTERM stop it gracefully.

#include <protokit/future/async_fn.hpp>
#include <protokit/future/ok.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/service/service_fn.hpp>
#include <protokit/tls/proto.hpp>

#include "../common/args.hpp"
#include "../common/balancer.hpp"
#include "../common/int_proto.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/system/system_error.hpp>

#include <iostream>
#include <optional>

int main(int argc, char** argv)
{
    example::args args(
        argc, argv,
        std::string("doubler [--listen HOST:PORT] [--threads N] [--style combinators|coroutine]"
                    " [--tls-cert FILE --tls-key FILE]") +
            std::string(example::balancer_usage));
    example::balancer_options const balancer(args);
    auto const listen = args.endpoint("listen", "127.0.0.1:12345");
    auto const threads = args.number("threads", 1);
    bool const coroutine = args.choice("style", {"combinators", "coroutine"}) == "coroutine";
    auto const tls_cert = args.get("tls-cert");
    auto const tls_key = args.get("tls-key");
    if (tls_cert.has_value() != tls_key.has_value())
        args.fail("--tls-cert and --tls-key go together");
    std::optional<boost::asio::ssl::context> tls;
    if (tls_cert) {
        tls.emplace(boost::asio::ssl::context::tls_server);
        try {
            tls->use_certificate_chain_file(*tls_cert);
            tls->use_private_key_file(*tls_key, boost::asio::ssl::context::pem);
        } catch (boost::system::system_error const& e) {
            std::cerr << "doubler: cannot use " << *tls_cert << " and " << *tls_key << ": "
                      << e.code().message() << std::endl;
            return 1;
        }
    }

    auto doubler = [] {
        return protokit::service::service_fn(
            [](std::uint64_t n) { return protokit::future::ok(n * 2); });
    };
    // A lambda that is a coroutine keeps its captures outside the frame: this one captures nothing.
    auto coroutine_doubler = [] {
        return protokit::service::service_fn(
            [](std::uint64_t n) -> protokit::future::async_fn<std::uint64_t> { co_return n * 2; });
    };

    // The same server, over TLS or not: a protocol wrapped by tls::server is served as any other.
    auto serve = [&](auto proto) {
        auto server = balancer.apply(protokit::tcp_server(std::move(proto), listen)
                                         .threads(threads)
                                         .on_listening([](auto const& ep) {
                                             std::cout << "listening on " << ep << std::endl;
                                         })
                                         .on_error([](auto const& ec, std::string_view what) {
                                             std::cerr << "doubler: " << what << ": "
                                                       << ec.message() << std::endl;
                                         }));
        return coroutine ? server.serve(coroutine_doubler) : server.serve(doubler);
    };
    auto ec = tls ? serve(protokit::tls::server(example::int_proto{}, *tls))
                  : serve(example::int_proto{});
    if (ec) {
        std::cerr << "doubler: cannot listen on " << listen << ": " << ec.message() << std::endl;
        return 1;
    }
    return 0;
}

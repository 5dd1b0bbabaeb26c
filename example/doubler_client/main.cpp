// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// A client of the doubler: sends --count numbers with up to --depth of them
// in flight on one pipelined connection, checks every answer, prints the rate.
// The work is written twice, with the same effect: as a chain of combinators
// (the default) and as a coroutine (--style coroutine).
//
//   doubler_client [--connect 127.0.0.1:12345] [--count 100000] [--depth 16]
//                  [--style combinators|coroutine] [--tls [--tls-ca FILE] [--tls-name NAME]]
//
// With --tls it speaks TLS and verifies the server's certificate: against
// the system's authorities, or those in --tls-ca (a self-signed server's own
// certificate), for the name --tls-name (default: the address of --connect,
// which the certificate must then list as an IP address).
//
// Exits non-zero if any answer is wrong or the connection fails.

#include <protokit/future/async_fn.hpp>
#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/tls/proto.hpp>

#include "../common/args.hpp"
#include "../common/int_proto.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/system/system_error.hpp>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <ranges>
#include <string>

namespace {

namespace pf = protokit::future;

/// The calls, up to `depth` in flight, and a count of the wrong answers, as a coroutine.
template <class Proto>
pf::async_fn<std::uint64_t> check_answers(Proto proto, boost::asio::ip::tcp::endpoint server,
                                          protokit::reactor::handle h, std::uint64_t count,
                                          std::size_t depth)
{
    auto client =
        co_await protokit::tcp_client(std::move(proto)).max_in_flight(depth).connect(server, h);
    auto answers =
        pf::iter_ok(std::views::iota(std::uint64_t{1}, count + 1))
            .map([client](std::uint64_t n) mutable {
                return client.call(n).map([n](std::uint64_t answer) { return answer == n * 2; });
            })
            .buffered(depth);
    std::uint64_t wrong = 0;
    while (auto right = co_await pf::next(answers))
        wrong += !*right;
    co_return wrong;
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv,
                       "doubler_client [--connect HOST:PORT] [--count N] [--depth D] "
                       "[--style combinators|coroutine] [--tls [--tls-ca FILE] [--tls-name NAME]]");
    auto const server = args.endpoint("connect", "127.0.0.1:12345");
    std::uint64_t const count = args.number("count", 100000);
    std::size_t const depth = args.number("depth", 16) == 0 ? 1 : args.number("depth", 16);

    bool const coroutine = args.choice("style", {"combinators", "coroutine"}) == "coroutine";

    bool const tls = args.flag("tls");
    std::optional<boost::asio::ssl::context> tls_context;
    if (tls) {
        tls_context.emplace(boost::asio::ssl::context::tls_client);
        tls_context->set_verify_mode(boost::asio::ssl::verify_peer);
        try {
            if (auto ca = args.get("tls-ca"))
                tls_context->load_verify_file(*ca);
            else
                tls_context->set_default_verify_paths();
        } catch (boost::system::system_error const& e) {
            std::cerr << "doubler_client: cannot load the trusted certificates: "
                      << e.code().message() << std::endl;
            return 1;
        }
    }
    std::string const tls_name = args.get("tls-name").value_or(server.address().to_string());

    protokit::reactor::core core;
    auto const h = core.get_handle();
    auto const start = std::chrono::steady_clock::now();

    // The same work, over TLS or not: a protocol wrapped by tls::client connects as any other.
    auto run = [&](auto proto) {
        auto work = protokit::tcp_client(proto).max_in_flight(depth).connect(server, h).and_then(
            [count, depth](auto client) {
                return pf::iter_ok(std::views::iota(std::uint64_t{1}, count + 1))
                    .map([client](std::uint64_t n) mutable {
                        return client.call(n).map(
                            [n](std::uint64_t answer) { return answer == n * 2; });
                    })
                    .buffered(depth)
                    .fold(std::uint64_t{0},
                          [](std::uint64_t wrong, bool right) { return wrong + !right; });
            });
        return coroutine ? core.run(check_answers(std::move(proto), server, h, count, depth))
                         : core.run(std::move(work));
    };
    auto wrong = tls ? run(protokit::tls::client(example::int_proto{}, *tls_context, tls_name))
                     : run(example::int_proto{});
    auto const seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!wrong) {
        std::cerr << "doubler_client: " << wrong.error().message() << std::endl;
        return 1;
    }
    std::cout << count << " requests, depth " << depth << ", " << *wrong << " wrong, "
              << static_cast<std::uint64_t>(static_cast<double>(count) / seconds) << " req/s"
              << std::endl;
    return *wrong == 0 ? 0 : 1;
}

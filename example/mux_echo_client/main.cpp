// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// A client of mux_echo: sends --count requests with random payloads, up to
// --depth in flight on one multiplexed connection, and checks that every
// answer carries its request's payload (the client matches answers to
// requests by id). Exits non-zero on any mismatch or failure. The work is
// written twice: as combinators (the default) and as a coroutine (--style
// coroutine).
//
//   mux_echo_client --connect HOST:PORT [--count 10000] [--depth 64]
//                   [--style combinators|coroutine]

#include <protokit/future/async_fn.hpp>
#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/core.hpp>

#include "../common/args.hpp"
#include "../common/mux_proto.hpp"

#include <chrono>
#include <cstdint>
#include <iostream>
#include <random>
#include <ranges>
#include <string>

namespace {

/// The payload of request `n`: its number, then filler of a length that varies with it.
std::string payload_of(std::uint64_t n)
{
    std::string p = std::to_string(n) + ":";
    p.append(static_cast<std::size_t>((n * 2654435761u) % 512), static_cast<char>('a' + n % 26));
    return p;
}

namespace pf = protokit::future;

/// The calls, up to `depth` in flight, answers taken as they come, as a coroutine.
pf::async_fn<std::uint64_t> check_echoes(boost::asio::ip::tcp::endpoint server,
                                         protokit::reactor::handle h, std::uint64_t count,
                                         std::size_t depth)
{
    auto client =
        co_await protokit::tcp_client(example::mux_proto{}).max_in_flight(depth).connect(server, h);
    auto answers =
        pf::iter_ok(std::views::iota(std::uint64_t{0}, count))
            .map([client](std::uint64_t n) mutable {
                return client.call(protokit::io::bytes(payload_of(n)))
                    .map([n](protokit::io::bytes answer) { return answer == payload_of(n); });
            })
            .buffer_unordered(depth);
    std::uint64_t wrong = 0;
    while (auto right = co_await pf::next(answers))
        wrong += !*right;
    co_return wrong;
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv,
                       "mux_echo_client --connect HOST:PORT [--count N] [--depth D] "
                       "[--style combinators|coroutine]");
    if (!args.get("connect"))
        args.fail("--connect is required");
    auto const server = args.endpoint("connect", "");
    std::uint64_t const count = args.number("count", 10000);
    std::size_t const depth = args.number("depth", 64) == 0 ? 1 : args.number("depth", 64);

    bool const coroutine = args.choice("style", {"combinators", "coroutine"}) == "coroutine";

    protokit::reactor::core core;
    auto const start = std::chrono::steady_clock::now();

    auto work = protokit::tcp_client(example::mux_proto{})
                    .max_in_flight(depth)
                    .connect(server, core.get_handle())
                    .and_then([count, depth](auto client) {
                        return pf::iter_ok(std::views::iota(std::uint64_t{0}, count))
                            .map([client](std::uint64_t n) mutable {
                                return client.call(protokit::io::bytes(payload_of(n)))
                                    .map([n](protokit::io::bytes answer) { return answer == payload_of(n); });
                            })
                            .buffer_unordered(depth)
                            .fold(std::uint64_t{0}, [](std::uint64_t wrong, bool right) { return wrong + !right; });
                    });
    auto wrong = coroutine ? core.run(check_echoes(server, core.get_handle(), count, depth))
                           : core.run(std::move(work));
    auto const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!wrong) {
        std::cerr << "mux_echo_client: " << wrong.error().message() << std::endl;
        return 1;
    }
    std::cout << count << " requests, depth " << depth << ", " << *wrong << " mismatched, "
              << static_cast<std::uint64_t>(static_cast<double>(count) / seconds) << " req/s" << std::endl;
    return *wrong == 0 ? 0 : 1;
}

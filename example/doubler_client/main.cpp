// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// A client of the doubler: sends --count numbers with up to --depth of them
// in flight on one pipelined connection, checks every answer, prints the rate.
// The work is written twice, with the same effect: as a chain of combinators
// (the default) and as a coroutine (--style coroutine).
//
// With --servers A,B,C it is a client of several doublers at once: a
// balance (power of two choices by pending calls) of reconnecting pipelined
// connections, one per server, with a retry (within a budget) around it.
// A server that dies mid-run costs no request: the calls lost with it are
// retried on the others, and it is ejected and dialed again, with a
// backoff, until it is back.
//
//   doubler_client [--connect 127.0.0.1:12345] [--count 100000] [--depth 16]
//                  [--style combinators|coroutine] [--tls [--tls-ca FILE] [--tls-name NAME]]
//   doubler_client --servers HOST:PORT,HOST:PORT,... [--count 100000] [--depth 64]
//
// With --tls it speaks TLS and verifies the server's certificate: against
// the system's authorities, or those in --tls-ca (a self-signed server's own
// certificate), for the name --tls-name (default: the address of --connect,
// which the certificate must then list as an IP address).
//
// Exits non-zero if any answer is wrong or the connection fails (with
// --servers: if any call fails).

#include <protokit/future/async_fn.hpp>
#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/service/balance.hpp>
#include <protokit/service/reconnect.hpp>
#include <protokit/service/retry.hpp>
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
#include <vector>

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

/// What a run over several servers counted.
struct balanced_run {
    std::uint64_t wrong = 0;
    std::uint64_t failed = 0;
    std::uint64_t retries = 0;
};

/** Up to `depth` calls in flight through `client`, as a dispatcher makes them.

    A call is made only when `client.poll_ready()` says one may be: the
    balance behind it picks its endpoint there, and its limits hold the
    caller back (the task is woken when a call may be made again).
*/
template <class Client>
class balanced_calls : public pf::future_facade<balanced_calls<Client>> {
public:
    using item_type = balanced_run;
    using error_type = pf::error_code;

    balanced_calls(Client& client, std::uint64_t count, std::size_t depth)
        : client_(client), count_(count), slots_(depth), asked_(depth)
    {
    }

    pf::poll_result<balanced_run> poll()
    {
        for (;;) {
            bool progress = false;
            for (std::size_t i = 0; i < slots_.size(); ++i) {
                if (!slots_[i] && next_ <= count_) {
                    auto ready = client_.poll_ready();
                    if (ready.is_error())
                        return pf::fail(std::move(ready).error());
                    if (ready.is_ready()) {
                        asked_[i] = next_;
                        slots_[i].emplace(client_.call(std::uint64_t(next_++)));
                    }
                }
                if (!slots_[i])
                    continue;
                auto r = slots_[i]->poll();
                if (r.is_not_ready())
                    continue;
                run_.retries += slots_[i]->retries();
                slots_[i].reset();
                progress = true;
                ++done_;
                if (r.is_error()) {
                    if (run_.failed++ == 0)
                        std::cerr << "doubler_client: " << asked_[i] << ": " << r.error().message()
                                  << std::endl;
                } else if (r.value() != asked_[i] * 2) {
                    ++run_.wrong;
                }
            }
            if (done_ == count_)
                return pf::ready(run_);
            if (!progress)
                return pf::not_ready;
        }
    }

private:
    Client& client_;
    std::uint64_t count_;
    std::vector<std::optional<typename Client::future_type>> slots_;
    std::vector<std::uint64_t> asked_;
    std::uint64_t next_ = 1;
    std::uint64_t done_ = 0;
    balanced_run run_;
};

/// The doublers at `servers` as one client; prints the outcome; the exit code.
int run_balanced(std::vector<boost::asio::ip::tcp::endpoint> const& servers, std::uint64_t count,
                 std::size_t depth)
{
    namespace ps = protokit::service;
    protokit::reactor::core core;
    auto const h = core.get_handle();
    auto dial = [h](boost::asio::ip::tcp::endpoint server) {
        return [h, server] {
            return protokit::tcp_client(example::int_proto{}).max_in_flight(32).connect(server, h);
        };
    };
    ps::balance<std::size_t, ps::reconnect_service<decltype(dial(servers.front()))>> endpoints(h);
    for (std::size_t i = 0; i < servers.size(); ++i)
        endpoints.insert(i, ps::reconnect(dial(servers[i]), h));
    auto client = ps::retry(ps::retry_connection_errors{3}, h).layer(std::move(endpoints));
    auto const start = std::chrono::steady_clock::now();
    auto run = core.run(balanced_calls<decltype(client)>(client, count, depth));
    auto const seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!run) {
        std::cerr << "doubler_client: " << run.error().message() << std::endl;
        return 1;
    }
    std::cout << count << " requests over " << servers.size() << " servers, depth " << depth << ", "
              << run->wrong << " wrong, " << run->failed << " failed, " << run->retries
              << " retried, " << client.get_ref().ejections() << " ejections, "
              << static_cast<std::uint64_t>(static_cast<double>(count) / seconds) << " req/s"
              << std::endl;
    return run->wrong == 0 && run->failed == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv,
                       "doubler_client [--connect HOST:PORT] [--count N] [--depth D] "
                       "[--style combinators|coroutine] [--tls [--tls-ca FILE] [--tls-name NAME]] "
                       "| --servers HOST:PORT,... [--count N] [--depth D]");
    auto const server = args.endpoint("connect", "127.0.0.1:12345");
    std::uint64_t const count = args.number("count", 100000);
    std::size_t const depth = args.number("depth", 16) == 0 ? 1 : args.number("depth", 16);

    if (auto const servers = args.endpoints("servers"); !servers.empty())
        return run_balanced(servers, count,
                            args.number("depth", 64) == 0 ? 1 : args.number("depth", 64));

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

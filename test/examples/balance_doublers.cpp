// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/service/balance.hpp>
#include <protokit/service/reconnect.hpp>
#include <protokit/service/retry.hpp>

#include "../../example/common/int_proto.hpp"
#include "../support/child_process.hpp"
#include "../support/test_reactor.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// How a protokit client outgrows one server: a balance of reconnecting,
// pipelined doubler clients over three `doubler` processes on loopback, a
// retry (with a budget) around it. One server is killed (SIGKILL) while
// calls are in flight on it; every request still gets its right answer,
// and the dead server's endpoint is ejected.

BOOST_AUTO_TEST_SUITE(examples_balance_doublers)

namespace {

namespace bdpf = protokit::future;
namespace bdpr = protokit::reactor;
namespace bdps = protokit::service;
namespace bdpt = protokit::test;
using namespace std::chrono_literals;

/// A doubler on a free port; killed (if still running) when it goes.
struct doubler_process {
    bdpt::child_process process;
    boost::asio::ip::tcp::endpoint endpoint;

    doubler_process() : process(bdpt::program_path("doubler"), {"--listen", "127.0.0.1:0"})
    {
        auto line = process.wait_for_line("listening on ");
        BOOST_REQUIRE_MESSAGE(line, "doubler did not start: " << process.output());
        auto const address = line->substr(std::string("listening on ").size());
        auto const colon = address.rfind(':');
        endpoint = {boost::asio::ip::make_address(address.substr(0, colon)),
                    static_cast<unsigned short>(std::stoi(address.substr(colon + 1)))};
    }
};

/// Dials a pipelined doubler client of `endpoint` on `h`.
auto dial(bdpr::handle h, boost::asio::ip::tcp::endpoint endpoint)
{
    return [h, endpoint] {
        return protokit::tcp_client(example::int_proto{})
            .max_in_flight(16)
            .connect_timeout(2s)
            .connect(endpoint, h);
    };
}

} // namespace

BOOST_AUTO_TEST_CASE(a_balance_of_doublers_loses_no_request_when_one_is_killed)
{
    std::vector<std::unique_ptr<doubler_process>> servers;
    for (int i = 0; i < 3; ++i)
        servers.push_back(std::make_unique<doubler_process>());

    bdpr::core core;
    auto const h = core.get_handle();
    using connector = decltype(dial(h, servers[0]->endpoint));
    bdps::balance_options options;
    options.ejection = bdps::backoff{50ms, 1s};
    bdps::balance<int, bdps::reconnect_service<connector>> endpoints(h, options);
    for (int i = 0; i < 3; ++i)
        endpoints.insert(i, bdps::reconnect(dial(h, servers[std::size_t(i)]->endpoint), h,
                                            bdps::backoff{50ms, 1s}));
    auto client = bdps::retry(bdps::retry_connection_errors{3}, h).layer(std::move(endpoints));
    auto& balance = client.get_ref();

    constexpr std::uint64_t total = 20000;
    constexpr std::size_t depth = 64;
    constexpr std::uint64_t kill_after = total / 4;
    std::vector<std::optional<decltype(client)::future_type>> slots(depth);
    std::vector<std::uint64_t> asked(depth);
    std::uint64_t next = 1, answered = 0, wrong = 0, retries = 0;
    std::vector<std::string> failures;
    std::size_t pending_on_killed = 0;
    bool stopped = false, killed = false, seen_ejected = false;
    std::uint64_t answered_when_stopped = 0;

    auto run = bdpt::poll_fn([&]() -> bdpf::poll_result<bdpf::unit> {
        for (;;) {
            bool progress = false;
            for (std::size_t i = 0; i < depth; ++i) {
                if (!slots[i] && next <= total) {
                    auto ready = client.poll_ready();
                    if (ready.is_error())
                        return bdpf::fail(std::move(ready).error());
                    if (ready.is_ready()) {
                        asked[i] = next;
                        slots[i].emplace(client.call(std::uint64_t(next)));
                        ++next;
                    }
                }
                if (!slots[i])
                    continue;
                auto r = slots[i]->poll();
                if (r.is_not_ready())
                    continue;
                retries += slots[i]->retries();
                slots[i].reset();
                progress = true;
                ++answered;
                if (r.is_error())
                    failures.push_back(std::to_string(asked[i]) + ": " + r.error().message());
                else if (r.value() != asked[i] * 2)
                    ++wrong;
                // Killed while calls it has not answered are in flight on it:
                // stopped first, so that the answers it had already sent
                // are read (a few hundred answers later) before it dies,
                // and what is still pending on it then was never answered.
                if (!stopped && answered >= kill_after && balance.pending(1) > 0) {
                    servers[1]->process.signal(SIGSTOP);
                    stopped = true;
                    answered_when_stopped = answered;
                }
                if (stopped && !killed && answered >= answered_when_stopped + 300 &&
                    balance.pending(1) > 0) {
                    pending_on_killed = balance.pending(1);
                    servers[1]->process.signal(SIGKILL);
                    killed = true;
                }
            }
            if (killed && balance.is_ejected(1))
                seen_ejected = true;
            if (answered == total)
                return bdpf::ready();
            if (!progress)
                return bdpf::not_ready;
        }
    });
    auto outcome = core.run(bdpt::bounded(h, std::move(run), 60s));
    BOOST_TEST_REQUIRE(!outcome.has_error(),
                       (outcome.has_error() ? outcome.error().message() : ""));
    BOOST_TEST_MESSAGE(answered << " answered, " << pending_on_killed
                                << " in flight on the killed server, " << retries << " retried, "
                                << balance.ejections() << " ejections");
    BOOST_TEST(answered == total);
    BOOST_TEST(wrong == 0u);
    BOOST_TEST(failures.empty(), failures.size() << " failed, the first: "
                                                 << (failures.empty() ? "" : failures.front()));
    BOOST_TEST(killed);
    BOOST_TEST(pending_on_killed > 0u);
    BOOST_TEST(retries > 0u); // the calls in flight on the killed server were retried elsewhere
    BOOST_TEST(seen_ejected);
    BOOST_TEST(balance.ejections() >= 1u);
    BOOST_TEST(servers[1]->process.wait(5s).value_or(-1) == 128 + SIGKILL);
    for (int i : {0, 2}) {
        servers[std::size_t(i)]->process.signal(SIGTERM);
        BOOST_TEST(servers[std::size_t(i)]->process.wait().value_or(-1) == 0);
    }
}

BOOST_AUTO_TEST_CASE(doubler_client_spreads_over_servers_and_ejects_a_dead_one)
{
    std::vector<std::unique_ptr<doubler_process>> servers;
    for (int i = 0; i < 3; ++i)
        servers.push_back(std::make_unique<doubler_process>());
    servers[2]->process.signal(SIGKILL);
    BOOST_TEST(servers[2]->process.wait().value_or(-1) == 128 + SIGKILL);
    std::string list;
    for (auto const& s : servers)
        list += (list.empty() ? "" : ",") + s->endpoint.address().to_string() + ":" +
                std::to_string(s->endpoint.port());
    bdpt::child_process client(bdpt::program_path("doubler_client"),
                               {"--servers", list, "--count", "5000"});
    auto line = client.wait_for_line("5000 requests over 3 servers");
    BOOST_TEST_REQUIRE(line.has_value(), client.output());
    BOOST_TEST(line->find(" 0 wrong, 0 failed,") != std::string::npos, *line);
    BOOST_TEST(line->find(" 0 ejections") == std::string::npos, *line); // the dead one was ejected
    BOOST_TEST(client.wait().value_or(-1) == 0, client.output());
}

BOOST_AUTO_TEST_SUITE_END()

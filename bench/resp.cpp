// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The Redis benchmark: the resp_server example against a real redis-server
// (persistence off), both driven by redis-benchmark in the same run; and
// the resp_client example against redis-server beside redis-benchmark's
// own client for the same commands and depth.
//
//   bench_resp [--requests 200000] [--clients 50] [--pipeline 16] [--rounds 3] [--threads 1]
//              [--server PATH] [--client PATH]
//
// Part 1: `redis-benchmark -P <pipeline> -c <clients> -t ping,set,get -n
// <requests>` against each server in turn, alternating, for <rounds>
// rounds; the median requests/s of each command, the ratio resp_server /
// redis-server (above 1: resp_server is faster), and each server process's
// CPU time per request (from /proc, over all rounds).
//
// Part 2: `resp_client --depth <pipeline>` (SET, GET, INCR in turn on one
// connection, the next request sent as soon as a reply frees a slot)
// against redis-server, beside `redis-benchmark -c 1 -P <pipeline> -t
// set,get,incr` (hiredis underneath, batches of <pipeline> requests) on the
// same server: the rate of the same mix, and the ratio.
//
// redis-server and redis-benchmark come from Debian's redis-server and
// redis-tools (scripts/deps installs them). The example programs are looked
// for next to this one (build/example/ from build/bench/) unless given.

#include "common/args.hpp"
#include "process.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

using bench::free_port;
using bench::median;
using bench::process;
using bench::sibling;

/// A server under test: its process and port.
struct server {
    std::string name;
    std::unique_ptr<process> proc;
    unsigned short port = 0;
    double cpu_seconds = 0; // over the measured runs
    std::uint64_t requests = 0;
};

server start_redis()
{
    server s{"redis-server", nullptr, 0};
    for (int attempt = 0; attempt < 3; ++attempt) {
        s.port = free_port();
        s.proc = std::make_unique<process>(
            bench::on_path("redis-server", "redis-server and redis-tools"),
            std::vector<std::string>{"--port", std::to_string(s.port), "--bind", "127.0.0.1",
                                     "--save", "", "--appendonly", "no", "--dir",
                                     std::filesystem::temp_directory_path().string()});
        if (s.proc->wait_for("Ready to accept connections"))
            return s;
    }
    std::fprintf(stderr, "bench_resp: redis-server did not start:\n%s\n", s.proc->output().c_str());
    std::exit(1);
}

server start_resp_server(std::string const& path, std::uint64_t threads)
{
    server s{"resp_server", nullptr, 0};
    s.proc = std::make_unique<process>(
        path,
        std::vector<std::string>{"--listen", "127.0.0.1:0", "--threads", std::to_string(threads)});
    if (!s.proc->wait_for("listening on ") || !s.proc->wait_for("\n")) {
        std::fprintf(stderr, "bench_resp: %s did not start:\n%s\n", path.c_str(),
                     s.proc->output().c_str());
        std::exit(1);
    }
    auto const& out = s.proc->output();
    auto const colon = out.find(':', out.find("listening on "));
    s.port = static_cast<unsigned short>(std::stoi(out.substr(colon + 1)));
    return s;
}

/// Runs redis-benchmark with `args` (plus --csv) against `port`: requests/s of each test.
std::map<std::string, double> redis_benchmark(unsigned short port, std::vector<std::string> args)
{
    std::vector<std::string> all{"-h", "127.0.0.1", "-p", std::to_string(port), "--csv"};
    all.insert(all.end(), args.begin(), args.end());
    process p(bench::on_path("redis-benchmark", "redis-server and redis-tools"), all);
    auto code = p.finish();
    if (code.value_or(-1) != 0 || p.output().find("rror") != std::string::npos) {
        std::fprintf(stderr, "bench_resp: redis-benchmark failed:\n%s\n", p.output().c_str());
        std::exit(1);
    }
    std::map<std::string, double> rates;
    std::istringstream lines(p.output());
    std::string line;
    while (std::getline(lines, line)) {
        // "SET","123456.78",...
        if (line.size() < 2 || line[0] != '"' || line.rfind("\"test\"", 0) == 0)
            continue;
        auto const name_end = line.find('"', 1);
        auto const rate_start = line.find('"', name_end + 1);
        auto const rate_end = line.find('"', rate_start + 1);
        if (name_end == std::string::npos || rate_start == std::string::npos ||
            rate_end == std::string::npos)
            continue;
        rates[line.substr(1, name_end - 1)] =
            std::stod(line.substr(rate_start + 1, rate_end - rate_start - 1));
    }
    return rates;
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(
        argc, argv,
        "bench_resp [--requests N] [--clients C] [--pipeline P] [--rounds R] [--threads T] "
        "[--server PATH] [--client PATH]");
    std::uint64_t const requests = std::max<std::uint64_t>(args.number("requests", 200000), 1);
    std::uint64_t const clients = std::max<std::uint64_t>(args.number("clients", 50), 1);
    std::uint64_t const pipeline = std::max<std::uint64_t>(args.number("pipeline", 16), 1);
    int const rounds = static_cast<int>(std::max<std::uint64_t>(args.number("rounds", 3), 1));
    std::uint64_t const threads = std::max<std::uint64_t>(args.number("threads", 1), 1);
    std::string const server_path = args.get("server").value_or(sibling(argv[0], "resp_server"));
    std::string const client_path = args.get("client").value_or(sibling(argv[0], "resp_client"));
    for (auto const& p : {server_path, client_path}) {
        if (::access(p.c_str(), X_OK) != 0) {
            std::fprintf(
                stderr,
                "bench_resp: %s not found (build the examples, or pass --server/--client)\n",
                p.c_str());
            return 1;
        }
    }

    server redis = start_redis();
    server ours = start_resp_server(server_path, threads);

    // Part 1: redis-benchmark against both servers, alternating.
    std::vector<std::string> const tests{"PING_INLINE", "PING_MBULK", "SET", "GET"};
    std::map<std::string, std::vector<double>> redis_rates, our_rates;
    std::vector<std::string> const load{
        "-P", std::to_string(pipeline), "-c", std::to_string(clients),
        "-n", std::to_string(requests), "-t", "ping,set,get"};
    for (int r = 0; r < rounds; ++r) {
        for (server* s : r % 2 == 0 ? std::vector<server*>{&redis, &ours}
                                    : std::vector<server*>{&ours, &redis}) {
            double const cpu_before = s->proc->cpu_seconds();
            auto rates = redis_benchmark(s->port, load);
            s->cpu_seconds += s->proc->cpu_seconds() - cpu_before;
            s->requests += requests * tests.size();
            for (auto const& t : tests)
                (s == &redis ? redis_rates : our_rates)[t].push_back(rates[t]);
        }
    }
    std::printf(
        "redis-benchmark -P %llu -c %llu -n %llu -t ping,set,get; resp_server --threads %llu; "
        "median of %d rounds\n",
        static_cast<unsigned long long>(pipeline), static_cast<unsigned long long>(clients),
        static_cast<unsigned long long>(requests), static_cast<unsigned long long>(threads),
        rounds);
    std::printf("%-12s %14s %14s %7s\n", "test", "redis-server", "resp_server", "ratio");
    for (auto const& t : tests) {
        double const theirs = median(redis_rates[t]);
        double const mine = median(our_rates[t]);
        std::printf("%-12s %14.0f %14.0f %7.2f\n", t.c_str(), theirs, mine,
                    theirs > 0 ? mine / theirs : 0.0);
    }
    auto per_request = [](server const& s) {
        return s.requests ? 1e6 * s.cpu_seconds / static_cast<double>(s.requests) : 0.0;
    };
    std::printf(
        "%-12s %14.2f %14.2f %7.2f   (server process CPU us per request, all rounds; ratio: "
        "redis / resp_server)\n",
        "cpu us/req", per_request(redis), per_request(ours),
        per_request(ours) > 0 ? per_request(redis) / per_request(ours) : 0.0);

    // Part 2: resp_client against redis-benchmark's client, on redis-server, same mix and depth.
    std::uint64_t const per_command = std::max<std::uint64_t>(requests / 3, 1);
    std::vector<double> client_rates, hiredis_rates;
    for (int r = 0; r < rounds; ++r) {
        process client(client_path,
                       {"--connect", "127.0.0.1:" + std::to_string(redis.port), "--requests",
                        std::to_string(per_command * 3), "--depth", std::to_string(pipeline)});
        auto code = client.finish();
        auto const& out = client.output();
        auto const rate_end = out.find(" req/s");
        if (code.value_or(-1) != 0 || rate_end == std::string::npos) {
            std::fprintf(stderr, "bench_resp: resp_client failed:\n%s\n", out.c_str());
            return 1;
        }
        client_rates.push_back(std::stod(out.substr(out.rfind(' ', rate_end - 1) + 1)));

        auto rates =
            redis_benchmark(redis.port, {"-P", std::to_string(pipeline), "-c", "1", "-n",
                                         std::to_string(per_command), "-t", "set,get,incr"});
        // The same mix: as many of each, so the combined rate is their harmonic mean.
        double seconds = 0;
        for (auto const* t : {"SET", "GET", "INCR"})
            seconds += rates[t] > 0 ? 1.0 / rates[t] : 0.0;
        hiredis_rates.push_back(seconds > 0 ? 3.0 / seconds : 0.0);
    }
    double const mine = median(client_rates);
    double const theirs = median(hiredis_rates);
    std::printf(
        "\nSET/GET/INCR on one connection, depth %llu, against redis-server; median of %d rounds\n",
        static_cast<unsigned long long>(pipeline), rounds);
    std::printf("%-16s %16s %7s\n", "redis-benchmark", "resp_client", "ratio");
    std::printf("%-16.0f %16.0f %7.2f\n", theirs, mine, theirs > 0 ? mine / theirs : 0.0);
    return 0;
}

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

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

/// A program run with its output read through a pipe; killed (SIGTERM, then SIGKILL) when
/// destroyed.
class process {
public:
    process(std::string const& path, std::vector<std::string> const& args)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            fail("pipe2 failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
        std::vector<char*> argv{const_cast<char*>(path.c_str())};
        for (auto const& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        int const rc = posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        out_ = fds[0];
        if (rc != 0)
            fail("cannot start " + path);
    }

    process(process const&) = delete;
    process& operator=(process const&) = delete;

    ~process()
    {
        if (!exited_) {
            ::kill(pid_, SIGTERM);
            if (!wait_exit(std::chrono::seconds(10))) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, nullptr, 0);
            }
        }
        ::close(out_);
    }

    /// Reads output until a line holds `marker` (true) or the output ends or `limit` passes
    /// (false).
    bool wait_for(std::string const& marker, std::chrono::seconds limit = std::chrono::seconds(20))
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        for (;;) {
            if (output_.find(marker) != std::string::npos)
                return true;
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                end - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !read_some(static_cast<int>(left.count())))
                return false;
        }
    }

    /// Reads all output and waits for the exit (at most `limit`); the exit code, or nothing.
    std::optional<int> finish(std::chrono::seconds limit = std::chrono::seconds(600))
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end && read_some(100)) {
        }
        if (!wait_exit(std::chrono::duration_cast<std::chrono::seconds>(
                end - std::chrono::steady_clock::now())))
            return std::nullopt;
        return status_;
    }

    /// Everything it printed so far.
    std::string const& output() const { return output_; }

    /// Its CPU time so far (user + system, all threads), in seconds.
    double cpu_seconds() const
    {
        std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        auto after_name = text.rfind(')');
        if (after_name == std::string::npos)
            return 0;
        std::istringstream fields(text.substr(after_name + 2));
        std::string field;
        double ticks = 0;
        for (int i = 3; i <= 15 && fields >> field; ++i)
            if (i == 14 || i == 15) // utime, stime
                ticks += std::stod(field);
        return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
    }

private:
    [[noreturn]] static void fail(std::string const& why)
    {
        std::fprintf(stderr, "bench_resp: %s\n", why.c_str());
        std::exit(1);
    }

    /// Reads what is there within `ms`; false once the output has ended.
    bool read_some(int ms)
    {
        pollfd p{out_, POLLIN, 0};
        if (::poll(&p, 1, ms) <= 0)
            return true;
        char chunk[4096];
        auto n = ::read(out_, chunk, sizeof chunk);
        if (n <= 0)
            return false;
        output_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    bool wait_exit(std::chrono::seconds limit)
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        for (;;) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                return true;
            }
            if (std::chrono::steady_clock::now() >= end)
                return false;
            read_some(10);
        }
    }

    pid_t pid_ = -1;
    int out_ = -1;
    std::string output_;
    bool exited_ = false;
    int status_ = 0;
};

std::string on_path(std::string const& name)
{
    std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
    std::istringstream dirs(path + ":/usr/bin:/usr/local/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
        if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0)
            return dir + "/" + name;
    std::fprintf(stderr,
                 "bench_resp: %s not found (scripts/deps installs redis-server and redis-tools)\n",
                 name.c_str());
    std::exit(1);
}

unsigned short free_port()
{
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

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
            on_path("redis-server"),
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
    process p(on_path("redis-benchmark"), all);
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

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string sibling(char const* argv0, std::string const& name)
{
    auto self = std::filesystem::absolute(argv0).parent_path();
    return (self.parent_path() / "example" / name).string();
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

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The HTTP benchmark: wrk against the http_server example (GET /), a
// hand-written single-threaded Beast server giving the same response
// (bench_http_reference, the reference) and nginx with one worker process
// returning the same body (the outside anchor), each in turn, in the same
// run.
//
//   bench_http [--connections 32] [--duration 5] [--rounds 3] [--wrk-threads 1]
//              [--server PATH] [--reference PATH]
//
// Two loads: plain keep-alive (one request in flight per connection) and
// pipelined (a Lua script sends 16 requests at a time per connection).
// For each: the median requests/s over the rounds, each server process's
// CPU time per request (from /proc, over all rounds), and the ratios of
// http_server to the others (above 1: http_server is faster, or cheaper
// per request).
//
// wrk and nginx come from Debian (scripts/deps installs them). The
// programs are looked for next to this one (build/example/http_server,
// build/bench/bench_http_reference) unless given.

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
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

using bench::free_port;
using bench::median;
using bench::process;
using bench::sibling;

/// A server under test: its process, port, and what the measured runs cost it.
struct server {
    std::string name;
    std::unique_ptr<process> proc;
    unsigned short port = 0;
    double cpu_seconds[2] = {0, 0}; // per load
    double requests[2] = {0, 0};
    std::vector<double> rates[2];
};

/// Starts a program that prints "listening on HOST:PORT".
server start_listening(std::string name, std::string const& path)
{
    server s;
    s.name = std::move(name);
    s.proc = std::make_unique<process>(path, std::vector<std::string>{"--listen", "127.0.0.1:0"});
    if (!s.proc->wait_for("listening on ") || !s.proc->wait_for("\n")) {
        std::fprintf(stderr, "bench_http: %s did not start:\n%s\n", path.c_str(),
                     s.proc->output().c_str());
        std::exit(1);
    }
    auto const& out = s.proc->output();
    auto const at = out.find("listening on ");
    auto const colon = out.find(':', at);
    s.port = static_cast<unsigned short>(std::stoi(out.substr(colon + 1)));
    return s;
}

/// nginx in the foreground, one process (which is its one worker), answering / with the body.
server start_nginx(std::filesystem::path const& dir)
{
    server s;
    s.name = "nginx";
    s.port = free_port();
    std::filesystem::create_directories(dir / "temp");
    auto const d = dir.string();
    std::ofstream conf(dir / "nginx.conf");
    conf << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
         << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log;\n"
         << "events { worker_connections 1024; }\n"
         << "http {\n  access_log off;\n  keepalive_requests 100000000;\n"
         << "  client_body_temp_path " << d << "/temp/body;\n"
         << "  proxy_temp_path " << d << "/temp/proxy;\n"
         << "  fastcgi_temp_path " << d << "/temp/fastcgi;\n"
         << "  uwsgi_temp_path " << d << "/temp/uwsgi;\n"
         << "  scgi_temp_path " << d << "/temp/scgi;\n"
         << "  server {\n    listen 127.0.0.1:" << s.port << ";\n"
         << "    location = / { default_type text/plain; return 200 \"Hello, World!\"; }\n"
         << "  }\n}\n";
    conf.close();
    s.proc = std::make_unique<process>(bench::on_path("nginx", "wrk and nginx"),
                                       std::vector<std::string>{"-c", (dir / "nginx.conf").string(),
                                                                "-p", d, "-e", d + "/error.log"});
    for (int i = 0; i < 500; ++i) {
        boost::asio::io_context ioc;
        boost::asio::ip::tcp::socket sock(ioc);
        boost::system::error_code ec;
        sock.connect({boost::asio::ip::make_address("127.0.0.1"), s.port}, ec);
        if (!ec)
            return s;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::fprintf(stderr, "bench_http: nginx did not start:\n%s\n", s.proc->output().c_str());
    std::exit(1);
}

struct wrk_result {
    double rate = 0;
    double requests = 0;
};

/// Runs wrk against `port`; with `script`, pipelined.
wrk_result run_wrk(unsigned short port, std::uint64_t connections, std::uint64_t seconds,
                   std::uint64_t threads, std::optional<std::string> const& script)
{
    std::vector<std::string> args{"-t", std::to_string(threads),
                                  "-c", std::to_string(connections),
                                  "-d", std::to_string(seconds) + "s"};
    if (script) {
        args.push_back("-s");
        args.push_back(*script);
    }
    args.push_back("http://127.0.0.1:" + std::to_string(port) + "/");
    process p(bench::on_path("wrk", "wrk and nginx"), args);
    auto code = p.finish();
    auto const& out = p.output();
    auto const rate_at = out.find("Requests/sec:");
    auto const count_end = out.find(" requests in ");
    if (code.value_or(-1) != 0 || rate_at == std::string::npos || count_end == std::string::npos ||
        out.find("Non-2xx") != std::string::npos) {
        std::fprintf(stderr, "bench_http: wrk failed:\n%s\n", out.c_str());
        std::exit(1);
    }
    wrk_result r;
    r.rate = std::stod(out.substr(rate_at + 13));
    auto const count_start = out.rfind(' ', count_end - 1);
    r.requests = std::stod(out.substr(count_start + 1, count_end - count_start - 1));
    return r;
}

std::string program_near(char const* argv0, std::string const& folder, std::string const& name)
{
    auto self = std::filesystem::absolute(argv0).parent_path();
    return (self.parent_path() / folder / name).string();
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv,
                       "bench_http [--connections C] [--duration S] [--rounds R] "
                       "[--wrk-threads T] [--server PATH] [--reference PATH]");
    std::uint64_t const connections = std::max<std::uint64_t>(args.number("connections", 32), 1);
    std::uint64_t const duration = std::max<std::uint64_t>(args.number("duration", 5), 1);
    int const rounds = static_cast<int>(std::max<std::uint64_t>(args.number("rounds", 3), 1));
    std::uint64_t const wrk_threads = std::max<std::uint64_t>(args.number("wrk-threads", 1), 1);
    std::string const server_path =
        args.get("server").value_or(program_near(argv[0], "example", "http_server"));
    std::string const reference_path =
        args.get("reference").value_or(program_near(argv[0], "bench", "bench_http_reference"));
    for (auto const& p : {server_path, reference_path}) {
        if (::access(p.c_str(), X_OK) != 0) {
            std::fprintf(stderr,
                         "bench_http: %s not found (build it, or pass --server/--reference)\n",
                         p.c_str());
            return 1;
        }
    }

    auto const dir = std::filesystem::temp_directory_path() /
                     ("protokit-bench-http-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    // wrk's pipelining script: 16 requests written at once on each connection.
    auto const script = (dir / "pipeline.lua").string();
    {
        std::ofstream lua(script);
        lua << "init = function(args)\n"
            << "  local r = {}\n"
            << "  for i = 1, 16 do r[i] = wrk.format(nil, \"/\") end\n"
            << "  req = table.concat(r)\n"
            << "end\n"
            << "request = function() return req end\n";
    }

    std::vector<server> servers;
    servers.push_back(start_listening("http_server", server_path));
    servers.push_back(start_listening("beast", reference_path));
    servers.push_back(start_nginx(dir));

    char const* const load_names[2] = {"keep-alive, depth 1", "pipelined, depth 16"};
    for (int r = 0; r < rounds; ++r) {
        for (int load = 0; load < 2; ++load) {
            for (std::size_t i = 0; i < servers.size(); ++i) {
                auto& s = servers[(i + static_cast<std::size_t>(r)) % servers.size()];
                double const cpu_before = s.proc->cpu_seconds();
                auto w = run_wrk(s.port, connections, duration, wrk_threads,
                                 load == 1 ? std::optional<std::string>(script) : std::nullopt);
                s.cpu_seconds[load] += s.proc->cpu_seconds() - cpu_before;
                s.requests[load] += w.requests;
                s.rates[load].push_back(w.rate);
            }
        }
    }

    std::printf("wrk -t %llu -c %llu -d %llus GET /, %d rounds (median req/s; server CPU us per "
                "request over all rounds)\n",
                static_cast<unsigned long long>(wrk_threads),
                static_cast<unsigned long long>(connections),
                static_cast<unsigned long long>(duration), rounds);
    for (int load = 0; load < 2; ++load) {
        std::printf("\n%s\n%-12s %12s %12s\n", load_names[load], "server", "req/s", "cpu us/req");
        for (auto const& s : servers)
            std::printf("%-12s %12.0f %12.2f\n", s.name.c_str(), median(s.rates[load]),
                        s.requests[load] > 0 ? 1e6 * s.cpu_seconds[load] / s.requests[load] : 0.0);
        auto const& ours = servers[0];
        for (std::size_t i = 1; i < servers.size(); ++i) {
            auto const& other = servers[i];
            double const rate = median(other.rates[load]) > 0
                                    ? median(ours.rates[load]) / median(other.rates[load])
                                    : 0.0;
            double const ours_cpu =
                ours.requests[load] > 0 ? ours.cpu_seconds[load] / ours.requests[load] : 0;
            double const other_cpu =
                other.requests[load] > 0 ? other.cpu_seconds[load] / other.requests[load] : 0;
            std::printf("http_server / %-8s req/s %.2fx, requests per CPU second %.2fx\n",
                        other.name.c_str(), rate, ours_cpu > 0 ? other_cpu / ours_cpu : 0.0);
        }
    }
    servers.clear();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}

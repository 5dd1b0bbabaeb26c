// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The DNS benchmark: dnsperf (Debian's dnsperf) over UDP and over TCP
// against the dns_server example and, in the same run and on the same zone,
// against Knot DNS (knotd from Debian's knot, with one UDP and one TCP
// worker). Both servers are started here on free loopback ports, from a
// zone and a query list written to a temporary directory, and stopped at
// the end. Each point runs several rounds, alternating the servers, and
// reports the median round of each: queries/s, queries lost, and the ratio
// dns_server / knotd (above 1: protokit is faster).
//
//   bench_dns [--server PATH/dns_server] [--threads 1] [--names 1000] [--seconds 5]
//             [--rounds 3] [--clients 1] [--outstanding 100] [--modes udp,tcp]
//
// --server defaults to the dns_server CMake built beside this program.

#include "common/dns.hpp"
#include "common/args.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

namespace dns = example::dns;
using namespace std::chrono_literals;

/// A program started with its output (stdout and stderr) on a pipe; killed if still running at the
/// end.
class child {
public:
    child(std::string const& path, std::vector<std::string> const& args) : path_(path)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe2 failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
        std::vector<char*> argv{const_cast<char*>(path.c_str())};
        for (auto const& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        int rc = posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        out_ = fds[0];
        if (rc != 0)
            throw std::runtime_error("cannot start " + path);
    }

    child(child const&) = delete;
    child& operator=(child const&) = delete;

    ~child()
    {
        if (!status_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        ::close(out_);
    }

    /// Reads output until a line starts with `prefix` (that line), the output ends, or `limit`
    /// passes.
    std::optional<std::string> wait_for_line(std::string const& prefix,
                                             std::chrono::milliseconds limit)
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        for (;;) {
            for (auto nl = buffer_.find('\n', scanned_); nl != std::string::npos;
                 nl = buffer_.find('\n', scanned_)) {
                std::string line = buffer_.substr(scanned_, nl - scanned_);
                scanned_ = nl + 1;
                if (line.starts_with(prefix))
                    return line;
            }
            if (!read_some(end))
                return std::nullopt;
        }
    }

    /// Waits for the exit (at most `limit`, then kills it); the exit code, and everything it wrote.
    std::pair<int, std::string> finish(std::chrono::milliseconds limit)
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        while (read_some(end)) {
        }
        if (std::chrono::steady_clock::now() >= end)
            ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return {*status_, buffer_};
    }

    void signal(int s) { ::kill(pid_, s); }

    std::string const& output() const { return buffer_; }

private:
    bool read_some(std::chrono::steady_clock::time_point end)
    {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            end - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p{out_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
            return false;
        char chunk[4096];
        auto n = ::read(out_, chunk, sizeof chunk);
        if (n <= 0)
            return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    std::string path_;
    pid_t pid_ = -1;
    int out_ = -1;
    std::string buffer_;
    std::size_t scanned_ = 0;
    std::optional<int> status_;
};

std::string find_tool(std::string const& name)
{
    for (auto dir : {"/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"}) {
        auto p = std::filesystem::path(dir) / name;
        if (::access(p.c_str(), X_OK) == 0)
            return p.string();
    }
    std::cerr << "bench_dns: " << name << " is not installed (scripts/deps installs it)"
              << std::endl;
    std::exit(1);
}

/// A port free for both TCP and UDP on 127.0.0.1 right now.
unsigned short free_port()
{
    boost::asio::io_context io;
    for (int i = 0; i < 50; ++i) {
        boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
        auto port = a.local_endpoint().port();
        boost::system::error_code ec;
        boost::asio::ip::udp::socket u(io);
        u.open(boost::asio::ip::udp::v4(), ec);
        u.bind({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
        if (!ec)
            return port;
    }
    std::cerr << "bench_dns: no free port" << std::endl;
    std::exit(1);
}

/// True once the server on `port` answers a UDP query for the zone's SOA (tries for 10 s).
bool answers(unsigned short port, dns::name const& apex)
{
    boost::asio::io_context io;
    boost::asio::ip::udp::socket s(io, boost::asio::ip::udp::v4());
    auto q = dns::serialize([&] {
        dns::message m;
        m.questions.push_back({apex, dns::type::soa, dns::klass::in});
        return m;
    }());
    for (int i = 0; i < 100; ++i) {
        s.send_to(boost::asio::buffer(q), {boost::asio::ip::make_address("127.0.0.1"), port});
        pollfd p{s.native_handle(), POLLIN, 0};
        if (::poll(&p, 1, 100) > 0) {
            char buf[2048];
            auto n = s.receive(boost::asio::buffer(buf));
            auto m = dns::parse(std::span<char const>(buf, n));
            if (m && m->head.rcode == dns::rcode::noerror && m->answers.size() == 1)
                return true;
        }
    }
    return false;
}

/// The zone (apex bench.example.) and dnsperf's query list: names with A, AAAA, TXT and CNAMEs, and
/// misses.
std::pair<std::string, std::string> make_zone(std::size_t names)
{
    std::ostringstream zone, queries;
    zone << "$ORIGIN bench.example.\n$TTL 3600\n"
         << "@ SOA ns1 hostmaster 1 7200 900 604800 300\n"
         << "@ NS ns1\n@ NS ns2\nns1 A 192.0.2.1\nns2 A 192.0.2.2\n";
    for (std::size_t i = 0; i < names; ++i) {
        zone << "host" << i << " A 10." << (i >> 16 & 0xff) << '.' << (i >> 8 & 0xff) << '.'
             << (i & 0xff) << '\n';
        queries << "host" << i << ".bench.example A\n";
        if (i % 4 == 0) {
            zone << "host" << i << " AAAA 2001:db8::" << std::hex << i << std::dec << '\n';
            queries << "host" << i << ".bench.example AAAA\n";
        }
        if (i % 8 == 0) {
            zone << "alias" << i << " CNAME host" << i << '\n';
            queries << "alias" << i << ".bench.example A\n";
        }
        if (i % 16 == 0) {
            zone << "host" << i << " TXT \"benchmark text record number " << i << "\"\n";
            queries << "host" << i << ".bench.example TXT\n";
        }
        if (i % 10 == 0)
            queries << "missing" << i << ".bench.example A\n";
    }
    return {zone.str(), queries.str()};
}

struct round_result {
    double qps = 0;
    std::uint64_t completed = 0;
    std::uint64_t lost = 0;
};

/// One dnsperf run; nothing if it failed.
std::optional<round_result> dnsperf(std::string const& tool, unsigned short port,
                                    std::string const& mode, std::string const& queries,
                                    int seconds, int clients, int outstanding)
{
    child p(tool, {"-s", "127.0.0.1", "-p", std::to_string(port), "-m", mode, "-d", queries, "-l",
                   std::to_string(seconds), "-c", std::to_string(clients), "-q",
                   std::to_string(outstanding), "-t", "5"});
    auto [code, out] = p.finish(std::chrono::seconds(seconds + 30));
    std::smatch m;
    round_result r;
    if (code != 0 || !std::regex_search(out, m, std::regex("Queries per second:\\s+([0-9.]+)"))) {
        std::cerr << "bench_dns: dnsperf failed (exit " << code << "):\n" << out << std::endl;
        return std::nullopt;
    }
    r.qps = std::stod(m[1]);
    if (std::regex_search(out, m, std::regex("Queries completed:\\s+([0-9]+)")))
        r.completed = std::stoull(m[1]);
    if (std::regex_search(out, m, std::regex("Queries lost:\\s+([0-9]+)")))
        r.lost = std::stoull(m[1]);
    return r;
}

round_result median(std::vector<round_result> rounds)
{
    std::sort(rounds.begin(), rounds.end(),
              [](auto const& a, auto const& b) { return a.qps < b.qps; });
    return rounds.empty() ? round_result{} : rounds[rounds.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(
        argc, argv,
        "bench_dns [--server PATH] [--threads N] [--names N] [--seconds S] [--rounds R] "
        "[--clients C] [--outstanding Q] [--modes udp,tcp]");
    std::string server_path = args.get("server").value_or(
        (std::filesystem::absolute(argv[0]).parent_path().parent_path() / "example" / "dns_server")
            .string());
    if (::access(server_path.c_str(), X_OK) != 0)
        args.fail("no dns_server at " + server_path + " (give --server)");
    auto const threads = args.number("threads", 1);
    auto const names = args.number("names", 1000);
    auto const seconds = static_cast<int>(args.number("seconds", 5));
    auto const rounds = std::max<std::uint64_t>(1, args.number("rounds", 3));
    auto const clients = static_cast<int>(args.number("clients", 1));
    auto const outstanding = static_cast<int>(args.number("outstanding", 100));
    std::vector<std::string> modes;
    {
        std::stringstream list(args.get("modes").value_or("udp,tcp"));
        for (std::string m; std::getline(list, m, ',');)
            modes.push_back(m);
    }
    auto const dnsperf_path = find_tool("dnsperf");
    auto const knotd_path = find_tool("knotd");

    std::string templ =
        (std::filesystem::temp_directory_path() / "protokit-bench-dns-XXXXXX").string();
    if (!::mkdtemp(templ.data())) {
        std::cerr << "bench_dns: cannot make a temporary directory" << std::endl;
        return 1;
    }
    std::filesystem::path const dir = templ;
    struct cleanup {
        std::filesystem::path dir;
        ~cleanup()
        {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    } const remove_dir{dir};

    auto [zone_text, query_text] = make_zone(names);
    std::ofstream(dir / "bench.example.zone") << zone_text;
    std::ofstream(dir / "queries") << query_text;
    auto const queries = (dir / "queries").string();
    auto const apex = *dns::name::from_text("bench.example.");

    child ours(server_path,
               {"--listen", "127.0.0.1:0", "--zone", (dir / "bench.example.zone").string(),
                "--threads", std::to_string(threads)});
    auto listening = ours.wait_for_line("listening on ", 20s);
    if (!listening) {
        std::cerr << "bench_dns: dns_server did not start:\n" << ours.output() << std::endl;
        return 1;
    }
    auto const our_port =
        static_cast<unsigned short>(std::stoi(listening->substr(listening->rfind(':') + 1)));

    auto const knot_port = free_port();
    std::ofstream(dir / "knot.conf")
        << "server:\n"
        << "    rundir: \"" << dir.string() << "\"\n"
        << "    listen: 127.0.0.1@" << knot_port << "\n"
        << "    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\n"
        << "database:\n    storage: \"" << dir.string() << "\"\n"
        << "template:\n  - id: default\n    storage: \"" << dir.string() << "\"\n"
        << "    zonefile-sync: -1\n    journal-content: none\n"
        << "zone:\n  - domain: bench.example.\n    file: \"bench.example.zone\"\n"
        << "log:\n  - target: stderr\n    any: warning\n";
    child knot(knotd_path, {"-c", (dir / "knot.conf").string()});
    if (!answers(our_port, apex) || !answers(knot_port, apex)) {
        std::cerr << "bench_dns: a server does not answer. knotd said:\n"
                  << knot.output() << std::endl;
        return 1;
    }

    std::printf("zone: %llu names (%zu queries in the list); dnsperf -c %d -q %d, %d s a round, "
                "median of %llu rounds\n",
                static_cast<unsigned long long>(names),
                static_cast<std::size_t>(std::count(query_text.begin(), query_text.end(), '\n')),
                clients, outstanding, seconds, static_cast<unsigned long long>(rounds));
    std::printf("dns_server: %llu thread(s); knotd: 1 UDP and 1 TCP worker\n\n",
                static_cast<unsigned long long>(threads));
    std::printf("%-5s %14s %8s %14s %8s %7s\n", "mode", "protokit q/s", "lost", "knotd q/s", "lost",
                "ratio");
    bool failed = false;
    for (auto const& mode : modes) {
        std::vector<round_result> mine, theirs;
        for (std::uint64_t r = 0; r < rounds; ++r) {
            auto a = dnsperf(dnsperf_path, our_port, mode, queries, seconds, clients, outstanding);
            auto b = dnsperf(dnsperf_path, knot_port, mode, queries, seconds, clients, outstanding);
            if (!a || !b) {
                failed = true;
                break;
            }
            mine.push_back(*a);
            theirs.push_back(*b);
        }
        auto const m = median(mine);
        auto const t = median(theirs);
        std::printf("%-5s %14.0f %8llu %14.0f %8llu %7.2f\n", mode.c_str(), m.qps,
                    static_cast<unsigned long long>(m.lost), t.qps,
                    static_cast<unsigned long long>(t.lost), t.qps > 0 ? m.qps / t.qps : 0.0);
        std::fflush(stdout);
    }

    ours.signal(SIGTERM);
    knot.signal(SIGTERM);
    auto [our_code, our_out] = ours.finish(20s);
    knot.finish(20s);
    if (our_code != 0) {
        std::cerr << "bench_dns: dns_server exited with " << our_code << ":\n"
                  << our_out << std::endl;
        failed = true;
    }
    return failed ? 1 : 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The soak run (issue 11; doc/reliability.md, "Soak"): each example server
// (doubler, mux_echo, http_server, resp_server) started as a child process
// and driven with N requests over C concurrent connections, one thread of
// plain Asio. Every answer is checked against its request. Now and then a
// client disconnects in the middle of an exchange (a request cut and reset,
// a request cut and closed, a whole request reset before its answer) and
// connects again. The server's VmRSS is sampled after each tenth of the
// requests; the one at the end must be within 10% of the one after the
// warm-up (the first --warmup percent of the requests: a connection's two
// 8 KiB buffers are touched a page at a time as its requests move through
// them, so RSS climbs until each connection has carried a few hundred; see
// doc/reliability.md). Then the server is stopped with SIGTERM and must exit
// with 0 and print no sanitizer report.
//
//   bench_soak [--requests 1000000] [--connections 1000] [--disconnect-every 500]
//              [--warmup 50] [--servers doubler,mux_echo,http_server,resp_server]
//              [--rss-growth 10] [--examples DIR]
//
// --examples runs the servers of another build (an ASan one: its leak check
// runs at their exit). Exits with 1 if any check fails.

#include "../example/common/args.hpp"
#include "process.hpp"

#include <boost/asio.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using soak_clock = std::chrono::steady_clock;

/// How one server's requests look and how its answers are read.
struct protocol {
    std::string name;
    std::vector<std::string> args;
    /// The request with number `n` (on connection `conn`) and the exact answer expected, when the
    /// protocol's answer is fixed (all but HTTP, whose answer is parsed).
    std::function<std::pair<std::string, std::string>(std::uint64_t n)> make;
    /** For HTTP: the size of the first whole answer in `in` (0 while incomplete), and its body.

        Empty for the protocols whose answers are compared byte for byte.
    */
    std::function<std::size_t(std::string const& in, std::string& body)> parse;
};

std::string mux_frame(std::uint64_t id, std::string const& payload)
{
    std::string f;
    for (int shift = 56; shift >= 0; shift -= 8)
        f += static_cast<char>((id >> shift) & 0xff);
    auto const n = static_cast<std::uint32_t>(payload.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        f += static_cast<char>((n >> shift) & 0xff);
    return f + payload;
}

/// The size of the first whole chunked HTTP response in `in` (0 if incomplete); its body.
std::size_t parse_chunked_response(std::string const& in, std::string& body)
{
    auto const head_end = in.find("\r\n\r\n");
    if (head_end == std::string::npos)
        return 0;
    if (in.compare(0, 15, "HTTP/1.1 200 OK") != 0 ||
        in.find("Transfer-Encoding: chunked") > head_end)
        return std::string::npos; // not what /echo answers
    body.clear();
    std::size_t at = head_end + 4;
    for (;;) {
        auto const line_end = in.find("\r\n", at);
        if (line_end == std::string::npos)
            return 0;
        std::size_t size = 0;
        auto [p, ec] = std::from_chars(in.data() + at, in.data() + line_end, size, 16);
        if (ec != std::errc() || p != in.data() + line_end)
            return std::string::npos;
        at = line_end + 2;
        if (size == 0) {
            if (in.size() < at + 2)
                return 0;
            return in.compare(at, 2, "\r\n") == 0 ? at + 2 : std::string::npos;
        }
        if (in.size() < at + size + 2)
            return 0;
        body.append(in, at, size);
        at += size + 2;
    }
}

std::vector<protocol> all_protocols()
{
    return {
        {"doubler",
         {},
         [](std::uint64_t n) {
             return std::pair(std::to_string(n) + "\n", std::to_string(2 * n) + "\n");
         },
         {}},
        {"mux_echo",
         {"--max-delay-ms", "1"},
         [](std::uint64_t n) {
             auto const payload = "payload " + std::to_string(n * 7919);
             return std::pair(mux_frame(n, payload), mux_frame(n, payload));
         },
         {}},
        {"http_server",
         {},
         [](std::uint64_t n) {
             auto const body = "body " + std::to_string(n);
             return std::pair("POST /echo HTTP/1.1\r\nHost: soak\r\nContent-Length: " +
                                  std::to_string(body.size()) + "\r\n\r\n" + body,
                              body);
         },
         parse_chunked_response},
        {"resp_server",
         {},
         [](std::uint64_t n) {
             auto const value = "value-" + std::to_string(n);
             return std::pair("*2\r\n$4\r\nECHO\r\n$" + std::to_string(value.size()) + "\r\n" +
                                  value + "\r\n",
                              "$" + std::to_string(value.size()) + "\r\n" + value + "\r\n");
         },
         {}},
    };
}

struct figures {
    std::uint64_t answered = 0;
    std::uint64_t wrong = 0;
    std::uint64_t disconnects = 0;
    std::uint64_t connection_errors = 0;
    double seconds = 0;
    std::uint64_t rss_warm_kib = 0;
    std::uint64_t rss_end_kib = 0;
    std::uint64_t rss_peak_kib = 0;
    std::vector<std::uint64_t> rss_tenths_kib; // after each tenth of the requests
};

std::uint64_t status_kib(int pid, std::string const& field)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field + ":", 0) == 0)
            return std::stoull(line.substr(field.size() + 1));
    return 0;
}

/// Drives `requests` over `connections` against `port`; `pid` is the server's, for its VmRSS.
class driver {
public:
    driver(protocol const& p, bench::process& server, unsigned short port, std::uint64_t requests,
           std::size_t connections, std::uint64_t disconnect_every, std::uint64_t warmup)
        : p_(p), server_(server), endpoint_(asio::ip::make_address("127.0.0.1"), port),
          pid_(server.pid()), requests_(requests), disconnect_every_(disconnect_every),
          warmup_(warmup)
    {
        for (std::size_t i = 0; i < connections; ++i)
            conns_.push_back(std::make_unique<connection>(ioc_));
    }

    figures run()
    {
        auto const start = soak_clock::now();
        for (auto& c : conns_)
            connect(*c);
        drain_output();
        ioc_.run();
        f_.seconds = std::chrono::duration<double>(soak_clock::now() - start).count();
        f_.rss_end_kib = status_kib(pid_, "VmRSS");
        f_.rss_peak_kib = status_kib(pid_, "VmHWM");
        return f_;
    }

private:
    struct connection {
        tcp::socket socket;
        std::string in;
        std::string out;
        std::string expected;
        std::array<char, 16384> buffer{};
        explicit connection(asio::io_context& ioc) : socket(ioc) {}
    };

    /// Reads what the server prints (its error hook's reports) so that it never blocks on a full
    /// pipe; until every connection is done.
    void drain_output()
    {
        server_.drain();
        if (finished_ == conns_.size())
            return;
        drain_timer_.expires_after(std::chrono::milliseconds(20));
        drain_timer_.async_wait([this](boost::system::error_code ec) {
            if (!ec)
                drain_output();
        });
    }

    void connect(connection& c)
    {
        c.socket = tcp::socket(ioc_);
        c.in.clear();
        c.socket.async_connect(endpoint_, [this, &c](boost::system::error_code ec) {
            if (ec) {
                ++f_.connection_errors;
                if (f_.connection_errors > 1000) {
                    ++finished_; // the server is gone: end this connection
                    return;
                }
                connect(c);
                return;
            }
            c.socket.set_option(tcp::no_delay(true));
            next(c);
        });
    }

    /// Sends the next request, or a disconnect now and then; ends when all were sent.
    void next(connection& c)
    {
        if (issued_ >= requests_) {
            boost::system::error_code ignored;
            c.socket.close(ignored);
            ++finished_;
            return;
        }
        auto const n = issued_++;
        auto [request, expected] = p_.make(n);
        if (disconnect_every_ > 0 && random_() % disconnect_every_ == 0) {
            disconnect(c, request);
            return;
        }
        c.out = std::move(request);
        c.expected = std::move(expected);
        asio::async_write(c.socket, asio::buffer(c.out),
                          [this, &c](boost::system::error_code ec, std::size_t) {
                              if (ec)
                                  return fail(c);
                              read(c);
                          });
    }

    /// A client that goes away mid-exchange: the request cut and reset, cut and closed, or sent
    /// whole and reset before its answer; then it connects again.
    void disconnect(connection& c, std::string const& request)
    {
        ++f_.disconnects;
        auto const how = random_() % 3;
        c.out = how == 2 ? request : request.substr(0, request.size() / 2);
        boost::system::error_code ec;
        asio::write(c.socket, asio::buffer(c.out), ec);
        if (how != 1)
            c.socket.set_option(asio::socket_base::linger(true, 0), ec);
        c.socket.close(ec);
        connect(c);
    }

    void read(connection& c)
    {
        c.socket.async_read_some(
            asio::buffer(c.buffer), [this, &c](boost::system::error_code ec, std::size_t n) {
                if (ec)
                    return fail(c);
                c.in.append(c.buffer.data(), n);
                std::size_t used = 0;
                bool right = false;
                if (p_.parse) {
                    std::string body;
                    used = p_.parse(c.in, body);
                    right = used != std::string::npos && body == c.expected;
                } else if (c.in.size() >= c.expected.size()) {
                    used = c.expected.size();
                    right = c.in.compare(0, used, c.expected) == 0;
                }
                if (used == 0)
                    return read(c);
                if (!right || (used != std::string::npos && used != c.in.size())) {
                    ++f_.wrong;
                    if (f_.wrong <= 5)
                        std::fprintf(stderr, "bench_soak: %s: wrong answer to request: %s\n",
                                     p_.name.c_str(), c.in.substr(0, 200).c_str());
                    return fail(c);
                }
                c.in.clear();
                if (++f_.answered % std::max<std::uint64_t>(requests_ / 10, 1) == 0)
                    f_.rss_tenths_kib.push_back(status_kib(pid_, "VmRSS"));
                if (f_.answered == warmup_)
                    f_.rss_warm_kib = status_kib(pid_, "VmRSS");
                next(c);
            });
    }

    /// An error the client did not cause: counted; the connection starts again.
    void fail(connection& c)
    {
        ++f_.connection_errors;
        boost::system::error_code ignored;
        c.socket.close(ignored);
        if (f_.connection_errors > 1000) {
            ++finished_;
            return;
        }
        connect(c);
    }

    protocol const& p_;
    bench::process& server_;
    asio::io_context ioc_{1};
    asio::steady_timer drain_timer_{ioc_};
    std::size_t finished_ = 0;
    tcp::endpoint endpoint_;
    int pid_;
    std::uint64_t requests_;
    std::uint64_t disconnect_every_;
    std::uint64_t warmup_;
    std::uint64_t issued_ = 0;
    std::vector<std::unique_ptr<connection>> conns_;
    std::mt19937_64 random_{20261130};
    figures f_;
};

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv,
                       "bench_soak [--requests N] [--connections C] [--disconnect-every K] "
                       "[--warmup PERCENT] [--rss-growth PERCENT] "
                       "[--servers doubler,mux_echo,http_server,resp_server] [--examples DIR]");
    auto const requests = args.number("requests", 1'000'000);
    auto const connections = args.number("connections", 1000);
    auto const disconnect_every = args.number("disconnect-every", 500);
    auto const warmup_percent = std::min<std::uint64_t>(args.number("warmup", 50), 99);
    auto const warmup = std::max<std::uint64_t>(requests * warmup_percent / 100, 1);
    auto const rss_growth = static_cast<double>(args.number("rss-growth", 10));
    std::string const wanted =
        args.get("servers").value_or("doubler,mux_echo,http_server,resp_server");
    auto const examples = args.get("examples");

    std::printf(
        "bench_soak: %llu requests over %llu connections per server, a disconnect "
        "mid-exchange about every %llu requests; RSS warm after %llu requests\n",
        static_cast<unsigned long long>(requests), static_cast<unsigned long long>(connections),
        static_cast<unsigned long long>(disconnect_every), static_cast<unsigned long long>(warmup));
    std::printf("%-12s %9s %6s %8s %7s %7s %9s %10s %10s %10s %7s %5s %5s\n", "server", "answered",
                "wrong", "discon.", "errors", "s", "req/s", "RSS warm", "RSS end", "RSS peak",
                "change", "exit", "ok");
    bool all_ok = true;
    for (auto const& p : all_protocols()) {
        if (("," + wanted + ",").find("," + p.name + ",") == std::string::npos)
            continue;
        auto const path = examples ? *examples + "/" + p.name : bench::sibling(argv[0], p.name);
        auto server_args = p.args;
        server_args.insert(server_args.begin(), {"--listen", "127.0.0.1:0"});
        bench::process server(path, server_args);
        if (!server.wait_for("listening on ")) {
            std::fprintf(stderr, "bench_soak: %s did not start: %s\n", path.c_str(),
                         server.output().c_str());
            return 1;
        }
        auto const& out = server.output();
        auto const at = out.find("listening on ");
        auto const line = out.substr(at, out.find('\n', at) - at);
        auto const port = static_cast<unsigned short>(std::stoi(line.substr(line.rfind(':') + 1)));

        driver d(p, server, port, requests, connections, disconnect_every, warmup);
        auto const f = d.run();
        ::kill(server.pid(), SIGTERM);
        auto const exit_code = server.finish(std::chrono::seconds(30));
        bool const reports = server.output().find("Sanitizer") != std::string::npos ||
                             server.output().find("runtime error") != std::string::npos;
        double const change =
            f.rss_warm_kib > 0
                ? 100.0 *
                      (static_cast<double>(f.rss_end_kib) - static_cast<double>(f.rss_warm_kib)) /
                      static_cast<double>(f.rss_warm_kib)
                : 0;
        bool const ok = f.answered + f.disconnects == requests && f.wrong == 0 &&
                        f.rss_warm_kib > 0 && change <= rss_growth && exit_code == 0 && !reports;
        all_ok = all_ok && ok;
        std::printf("%-12s %9llu %6llu %8llu %7llu %7.1f %9.0f %7llu KiB %6llu KiB %6llu KiB "
                    "%+6.1f%% %5d %5s\n",
                    p.name.c_str(), static_cast<unsigned long long>(f.answered),
                    static_cast<unsigned long long>(f.wrong),
                    static_cast<unsigned long long>(f.disconnects),
                    static_cast<unsigned long long>(f.connection_errors), f.seconds,
                    static_cast<double>(f.answered) / f.seconds,
                    static_cast<unsigned long long>(f.rss_warm_kib),
                    static_cast<unsigned long long>(f.rss_end_kib),
                    static_cast<unsigned long long>(f.rss_peak_kib), change, exit_code.value_or(-1),
                    ok ? "yes" : "NO");
        auto const& printed = server.output();
        std::printf("%-12s the server printed %lld lines (its error hook's reports)\n", "",
                    static_cast<long long>(std::count(printed.begin(), printed.end(), '\n')) - 1);
        std::printf("%-12s VmRSS after each tenth of the requests (KiB):", "");
        for (auto kib : f.rss_tenths_kib)
            std::printf(" %llu", static_cast<unsigned long long>(kib));
        std::printf("\n");
        if (reports)
            std::printf("%s printed a sanitizer report:\n%s\n", p.name.c_str(),
                        server.output().c_str());
        std::fflush(stdout);
    }
    return all_ok ? 0 : 1;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include "../support/child_process.hpp"

#include <boost/asio.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

// The example servers behind the real balancer, Debian's haproxy, started
// here on free loopback ports with a config written to a scratch directory:
// the PROXY protocol (v1 and v2) in TCP mode, HTTP health checks with a
// graceful stop and a restart mid-load, and a restart of a server on its
// own port (SO_REUSEPORT) under load. Every wait is bounded, every process
// stopped; haproxy's stats socket says what it thinks of each server.

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(examples_haproxy)

namespace {

namespace hpt = protokit::test;
namespace hfs = std::filesystem;
using htcp = boost::asio::ip::tcp;

/// A scratch directory, removed at the end.
struct hp_scratch {
    hfs::path path;

    hp_scratch()
    {
        path = hfs::temp_directory_path() / ("protokit-haproxy-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(std::random_device{}()));
        hfs::create_directories(path);
    }
    ~hp_scratch()
    {
        std::error_code ec;
        hfs::remove_all(path, ec);
    }
};

/// A port nobody listens on now (bound to 0, then let go).
unsigned short hp_free_port()
{
    boost::asio::io_context ioc;
    htcp::acceptor a(ioc, htcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

htcp::endpoint hp_local(unsigned short port)
{
    return {boost::asio::ip::make_address("127.0.0.1"), port};
}

/// An example server on a loopback port (0: a free one), its output kept line by line.
struct hp_server {
    std::string name;
    std::optional<hpt::child_process> process;
    unsigned short port = 0;
    std::vector<std::string> lines;
    /// Its exit code, once the test saw it exit.
    std::optional<int> code;

    hp_server(std::string program, std::vector<std::string> args, unsigned short at = 0)
        : name(std::move(program))
    {
        args.insert(args.begin(), {"--listen", "127.0.0.1:" + std::to_string(at)});
        process.emplace(hpt::program_path(name), args);
        auto line = process->wait_for_line("listening on ");
        BOOST_REQUIRE_MESSAGE(line, name << " did not start: " << process->output());
        port = static_cast<unsigned short>(std::stoi(line->substr(line->rfind(':') + 1)));
    }

    ~hp_server()
    {
        if (!code)
            stop();
    }

    /// Takes what the server printed so far (waiting a few ms), so that its pipe never fills.
    void drain()
    {
        // read_line rounds what is left of its limit down to milliseconds: 1 ms would read nothing.
        while (auto l = process->read_line(3ms))
            lines.push_back(*l);
    }

    /// Its exit code, if it exited within `limit` (after a SIGTERM sent by the test).
    std::optional<int> exited(std::chrono::milliseconds limit)
    {
        if (!code) {
            code = process->wait(limit);
            if (code)
                keep_output();
        }
        return code;
    }

    /// SIGTERM, then its exit code (nothing if it did not exit in 20 s).
    std::optional<int> stop()
    {
        if (!code)
            process->signal(SIGTERM);
        return exited(20s);
    }

    /// Its lines, all of them, once it exited.
    void keep_output()
    {
        std::istringstream rest(process->output());
        lines.clear();
        for (std::string l; std::getline(rest, l);)
            lines.push_back(l);
    }

    /// The ports of the peers it logged ("connection from 127.0.0.1:PORT").
    std::multiset<unsigned short> logged_ports() const
    {
        std::multiset<unsigned short> ports;
        std::string const prefix = "connection from 127.0.0.1:";
        for (auto const& l : lines)
            if (l.rfind(prefix, 0) == 0)
                ports.insert(static_cast<unsigned short>(std::stoi(l.substr(prefix.size()))));
        return ports;
    }

    bool printed(std::string const& part) const
    {
        for (auto const& l : lines)
            if (l.find(part) != std::string::npos)
                return true;
        return false;
    }
};

/// haproxy in the foreground with `config` (its global section's stats socket added).
struct hp_haproxy {
    hp_scratch dir;
    std::optional<hpt::child_process> process;

    hp_haproxy(std::string const& config, unsigned short probe_port)
    {
        auto const conf = dir.path / "haproxy.cfg";
        std::ofstream(conf) << "global\n  maxconn 256\n  stats socket " << socket_path()
                            << " mode 600 level admin\n"
                            << config;
        process.emplace("/usr/sbin/haproxy", std::vector<std::string>{"-db", "-f", conf.string()});
        // Ready once its frontend accepts.
        auto const end = std::chrono::steady_clock::now() + 20s;
        for (;;) {
            boost::asio::io_context ioc;
            htcp::socket s(ioc);
            boost::system::error_code ec;
            s.connect(hp_local(probe_port), ec);
            if (!ec)
                break;
            BOOST_REQUIRE_MESSAGE(std::chrono::steady_clock::now() < end,
                                  "haproxy did not start: " << process->output());
            std::this_thread::sleep_for(20ms);
        }
    }

    ~hp_haproxy()
    {
        process->signal(SIGUSR1); // a soft stop
        if (!process->wait(10s))
            process.reset(); // killed
    }

    std::string socket_path() const { return (dir.path / "stats.sock").string(); }

    /// The stats CSV line of `backend`/`server`, split at commas (empty if none).
    std::vector<std::string> stat(std::string const& backend, std::string const& server)
    {
        boost::asio::io_context ioc;
        boost::asio::local::stream_protocol::socket s(ioc);
        boost::system::error_code ec;
        s.connect(boost::asio::local::stream_protocol::endpoint(socket_path()), ec);
        if (ec)
            return {};
        timeval tv{5, 0};
        ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        boost::asio::write(s, boost::asio::buffer(std::string("show stat\n")), ec);
        std::string all;
        char buf[4096];
        for (;;) {
            auto n = s.read_some(boost::asio::buffer(buf), ec);
            if (ec)
                break;
            all.append(buf, n);
        }
        std::istringstream lines(all);
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind(backend + "," + server + ",", 0) != 0)
                continue;
            std::vector<std::string> fields;
            std::istringstream f(line);
            for (std::string field; std::getline(f, field, ',');)
                fields.push_back(field);
            return fields;
        }
        return {};
    }

    /// The server's status ("UP", "DOWN", "UP 1/2", ...).
    std::string status(std::string const& backend, std::string const& server)
    {
        auto f = stat(backend, server);
        return f.size() > 17 ? f[17] : std::string();
    }

    /// The sessions haproxy sent to the server so far.
    long sessions(std::string const& backend, std::string const& server)
    {
        auto f = stat(backend, server);
        return f.size() > 7 && !f[7].empty() ? std::stol(f[7]) : -1;
    }

    /// Waits (bounded) until the server's status is exactly `want`.
    bool wait_status(std::string const& backend, std::string const& server, std::string const& want,
                     std::function<void()> meanwhile = {})
    {
        auto const end = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < end) {
            if (status(backend, server) == want)
                return true;
            if (meanwhile)
                meanwhile();
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }
};

/// The socket's reads give up after 5 s.
void hp_read_timeout(int fd)
{
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

/// Sends `count` numbers from `first` pipelined on one connection to `port`; whether every answer
/// was twice its number. `local_port` is the client's own port.
bool hp_double_many(unsigned short port, std::uint64_t first, int count, unsigned short& local_port)
{
    boost::asio::io_context ioc;
    htcp::socket s(ioc);
    boost::system::error_code ec;
    s.connect(hp_local(port), ec);
    if (ec)
        return false;
    hp_read_timeout(s.native_handle());
    local_port = s.local_endpoint().port();
    std::string out;
    for (int i = 0; i < count; ++i)
        out += std::to_string(first + std::uint64_t(i)) + "\n";
    boost::asio::write(s, boost::asio::buffer(out), ec);
    if (ec)
        return false;
    boost::asio::streambuf in;
    for (int i = 0; i < count; ++i) {
        boost::asio::read_until(s, in, '\n', ec);
        if (ec)
            return false;
        std::istream is(&in);
        std::string line;
        std::getline(is, line);
        if (line != std::to_string(2 * (first + std::uint64_t(i))))
            return false;
    }
    return true;
}

/// Client threads that run `one` in a loop until stopped, counting what went right and wrong.
struct hp_load {
    std::atomic<bool> stop{false};
    std::atomic<long> ok{0};
    std::atomic<long> failed{0};
    std::mutex mutex;
    std::vector<std::string> failures;
    std::vector<std::thread> threads;

    /// `one(thread, i)` does request `i` of `thread`: an empty string, or what went wrong.
    hp_load(int n, std::function<std::string(int, long)> one)
    {
        for (int t = 0; t < n; ++t) {
            threads.emplace_back([this, t, one] {
                for (long i = 0; !stop; ++i) {
                    auto const what = one(t, i);
                    if (what.empty()) {
                        ++ok;
                        continue;
                    }
                    ++failed;
                    std::lock_guard lock(mutex);
                    if (failures.size() < 10)
                        failures.push_back(what);
                }
            });
        }
    }
    ~hp_load() { finish(); }

    void finish()
    {
        stop = true;
        for (auto& t : threads)
            if (t.joinable())
                t.join();
    }

    std::string report()
    {
        std::lock_guard lock(mutex);
        std::string r = std::to_string(ok) + " ok, " + std::to_string(failed) + " failed";
        for (auto const& f : failures)
            r += "; " + f;
        return r;
    }
};

/// Runs `tick` every 10 ms for `d` (the servers' output is drained meanwhile).
void hp_for(std::chrono::milliseconds d, std::function<void()> const& tick)
{
    auto const end = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < end) {
        tick();
        std::this_thread::sleep_for(10ms);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(tcp_mode_send_proxy_v1_and_v2_in_front_of_three_doublers)
{
    std::vector<std::unique_ptr<hp_server>> doublers;
    for (int i = 0; i < 3; ++i)
        doublers.push_back(std::make_unique<hp_server>(
            "doubler", std::vector<std::string>{"--proxy-protocol", "--log-connections"}));
    unsigned short const v1_port = hp_free_port();
    unsigned short const v2_port = hp_free_port();
    std::ostringstream config;
    config << "defaults\n  mode tcp\n  timeout connect 2s\n  timeout client 20s\n"
           << "  timeout server 20s\n";
    for (int v = 1; v <= 2; ++v) {
        config << "frontend fe_v" << v << "\n  bind 127.0.0.1:" << (v == 1 ? v1_port : v2_port)
               << "\n  default_backend be_v" << v << "\nbackend be_v" << v
               << "\n  balance roundrobin\n";
        for (int i = 0; i < 3; ++i)
            config << "  server d" << i << " 127.0.0.1:" << doublers[i]->port
                   << (v == 1 ? " send-proxy" : " send-proxy-v2")
                   << " check inter 100ms fall 2 rise 2\n";
    }
    hp_haproxy haproxy(config.str(), v2_port);
    for (int v = 1; v <= 2; ++v)
        for (int i = 0; i < 3; ++i)
            BOOST_REQUIRE(
                haproxy.wait_status("be_v" + std::to_string(v), "d" + std::to_string(i), "UP"));

    // Twelve connections through each frontend, a hundred numbers on each.
    std::multiset<unsigned short> client_ports;
    for (int v = 1; v <= 2; ++v) {
        for (int c = 0; c < 12; ++c) {
            unsigned short local = 0;
            BOOST_TEST(hp_double_many(v == 1 ? v1_port : v2_port,
                                      std::uint64_t(v) * 1000000 + std::uint64_t(c) * 1000, 100,
                                      local));
            client_ports.insert(local);
        }
    }
    // Each client's own port, as the doublers' hook logged it (haproxy's own port would differ).
    // haproxy's health checks carry a header too (a v2 LOCAL, a v1 UNKNOWN): those connections
    // are logged with haproxy's address, as they have no client.
    auto clients_of = [&](hp_server const& d) {
        std::multiset<unsigned short> mine;
        for (auto p : d.logged_ports())
            if (client_ports.contains(p))
                mine.insert(p);
        return mine;
    };
    std::multiset<unsigned short> logged;
    for (auto const end = std::chrono::steady_clock::now() + 10s;
         logged.size() < client_ports.size() && std::chrono::steady_clock::now() < end;) {
        logged.clear();
        for (auto& d : doublers) {
            d->drain();
            auto p = clients_of(*d);
            logged.insert(p.begin(), p.end());
        }
        if (logged.size() < client_ports.size())
            std::this_thread::sleep_for(20ms);
    }
    BOOST_TEST((logged == client_ports));
    for (auto& d : doublers) {
        BOOST_TEST(clients_of(*d).size() == 8u); // round robin: 4 of each frontend's 12
        BOOST_TEST(d->stop().value_or(-1) == 0);
        // Neither the checks nor the clients caused an error.
        BOOST_TEST(!d->printed("doubler: "), d->process->output());
    }
}

BOOST_AUTO_TEST_CASE(http_mode_health_checks_a_graceful_stop_and_a_restart_mid_load)
{
    std::vector<std::string> const args = {"--drain-delay", "1000", "--log-connections"};
    auto a = std::make_unique<hp_server>("http_server", args);
    hp_server b("http_server", args);
    unsigned short const a_port = a->port;
    unsigned short const front = hp_free_port();
    std::ostringstream config;
    config << "defaults\n  mode http\n  timeout connect 2s\n  timeout client 20s\n"
           << "  timeout server 20s\n  retries 3\n  option redispatch\n"
           << "frontend fe\n  bind 127.0.0.1:" << front << "\n  default_backend be\n"
           << "backend be\n  balance roundrobin\n  option httpchk GET /healthz\n"
           << "  http-check expect status 200\n"
           << "  server a 127.0.0.1:" << a_port << " check inter 100ms fall 2 rise 2\n"
           << "  server b 127.0.0.1:" << b.port << " check inter 100ms fall 2 rise 2\n";
    hp_haproxy haproxy(config.str(), front);
    BOOST_REQUIRE(haproxy.wait_status("be", "a", "UP"));
    BOOST_REQUIRE(haproxy.wait_status("be", "b", "UP"));

    // Three keep-alive clients, each reconnecting only after a failure.
    namespace bhttp = boost::beast::http;
    struct conn {
        boost::asio::io_context io;
        std::optional<htcp::socket> socket;
        boost::beast::flat_buffer buffer;
    };
    std::vector<std::shared_ptr<conn>> conns(3);
    for (auto& c : conns)
        c = std::make_shared<conn>();
    hp_load load(3, [&](int t, long) -> std::string {
        auto& c = *conns[static_cast<std::size_t>(t)];
        boost::system::error_code ec;
        if (!c.socket) {
            c.socket.emplace(c.io);
            c.socket->connect(hp_local(front), ec);
            if (ec) {
                c.socket.reset();
                return "connect: " + ec.message();
            }
            hp_read_timeout(c.socket->native_handle());
            c.buffer.clear();
        }
        bhttp::request<bhttp::empty_body> req(bhttp::verb::get, "/", 11);
        req.set(bhttp::field::host, "127.0.0.1");
        bhttp::write(*c.socket, req, ec);
        bhttp::response<bhttp::string_body> res;
        if (!ec)
            bhttp::read(*c.socket, c.buffer, res, ec);
        if (ec) {
            c.socket.reset();
            return "request: " + ec.message();
        }
        if (res.result_int() != 200 || res.body() != "Hello, World!")
            return "answer " + std::to_string(res.result_int()) + ": " + res.body();
        return {};
    });
    auto drain = [&] {
        if (a)
            a->drain();
        b.drain();
    };
    hp_for(300ms, drain);

    // A graceful stop: /healthz says 503 at once, haproxy marks a down, then a drains and exits.
    a->process->signal(SIGTERM);
    BOOST_TEST(haproxy.wait_status("be", "a", "DOWN", drain));
    BOOST_TEST(a->stop().value_or(-1) == 0, a->process->output());
    a.reset();
    long const before = haproxy.sessions("be", "a");
    hp_for(300ms, drain);
    BOOST_TEST(haproxy.sessions("be", "a") == before); // nothing went to a while it was down

    // Restarted on its port: checked up again, and sent requests again.
    a = std::make_unique<hp_server>("http_server", args, a_port);
    BOOST_TEST(haproxy.wait_status("be", "a", "UP", drain));
    auto const end = std::chrono::steady_clock::now() + 10s;
    while (haproxy.sessions("be", "a") <= before && std::chrono::steady_clock::now() < end)
        hp_for(50ms, drain);
    BOOST_TEST(haproxy.sessions("be", "a") > before);
    hp_for(200ms, drain);
    load.finish();
    BOOST_TEST(load.failed == 0, load.report());
    BOOST_TEST(load.ok > 100, load.report());
}

BOOST_AUTO_TEST_CASE(restarting_a_doubler_on_its_port_under_load_loses_nothing)
{
    std::vector<std::string> const args = {"--reuse-port", "--log-connections"};
    hp_server old_one("doubler", args);
    unsigned short const port = old_one.port;
    // Four clients, each connecting for every request: the port must never refuse. One
    // race is the kernel's: a connection that completes in the old listener's queue after
    // its last accept is reset when it closes (unless net.ipv4.tcp_migrate_req is 1, see
    // the guide). Such a connection is reset before any answer, as a balancer's retry
    // expects (or before connect returns); the clients retry it once, as HAProxy's
    // `retries` would, and count it.
    std::atomic<long> retried{0};
    hp_load load(4, [port, &retried](int t, long i) -> std::string {
        auto const n = std::uint64_t(t) * 1000000000 + std::uint64_t(i);
        for (int attempt = 0;; ++attempt) {
            boost::asio::io_context ioc;
            htcp::socket s(ioc);
            boost::system::error_code ec;
            s.connect(hp_local(port), ec);
            // The reset can reach the client before its connect returns, too.
            if (ec == boost::asio::error::connection_reset && attempt == 0) {
                ++retried;
                continue;
            }
            if (ec)
                return "connect: " + ec.message();
            hp_read_timeout(s.native_handle());
            boost::asio::write(s, boost::asio::buffer(std::to_string(n) + "\n"), ec);
            boost::asio::streambuf in;
            if (!ec)
                boost::asio::read_until(s, in, '\n', ec);
            if (ec == boost::asio::error::connection_reset && in.size() == 0 && attempt == 0) {
                ++retried;
                continue;
            }
            if (ec)
                return "request " + std::to_string(n) + ": " + ec.message();
            std::istream is(&in);
            std::string line;
            std::getline(is, line);
            if (line != std::to_string(2 * n))
                return "answer to " + std::to_string(n) + ": " + line;
            return {};
        }
    });
    std::optional<hp_server> new_one;
    auto drain = [&] {
        if (!old_one.code)
            old_one.drain();
        if (new_one)
            new_one->drain();
    };
    hp_for(300ms, drain);
    new_one.emplace("doubler", args, port);
    hp_for(300ms, drain);
    long const before_stop = load.ok;
    old_one.process->signal(SIGTERM);
    for (auto const end = std::chrono::steady_clock::now() + 20s;
         !old_one.exited(10ms) && std::chrono::steady_clock::now() < end;)
        new_one->drain();
    BOOST_TEST(old_one.code.value_or(-1) == 0, old_one.process->output());
    hp_for(300ms, drain);
    load.finish();
    BOOST_TEST(load.failed == 0, load.report());
    BOOST_TEST(load.ok > before_stop);
    // The race is a window of microseconds: a handful of connections at most.
    BOOST_TEST(retried.load() * 100 <= load.ok.load(),
               retried.load() << " retried of " << load.ok.load());
    BOOST_TEST_MESSAGE("restart under load: " << load.report() << ", " << retried.load()
                                              << " reset before an answer and retried");
    new_one->drain();
    BOOST_TEST(new_one->logged_ports().size() > 10u);
    BOOST_TEST(new_one->stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

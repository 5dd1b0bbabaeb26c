// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include "../../example/common/resp_client.hpp"
#include "../support/child_process.hpp"

#include <boost/asio.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

// The Redis examples against real Redis programs (Debian's redis-server and
// redis-tools, which scripts/deps installs): resp_client and the client
// library against a real redis-server; resp_server driven by redis-cli,
// whose output for every command must be the same as redis-server's, and
// by redis-benchmark; bad input closing only its own connection. Every
// server is started on a free loopback port and stopped at the end.

BOOST_AUTO_TEST_SUITE(examples_resp)

namespace {

namespace pt = protokit::test;
namespace resp = example::resp;
using boost::asio::ip::tcp;
using namespace std::chrono_literals;

/// The path of a program on PATH (redis-server, redis-cli, redis-benchmark).
std::string system_program(std::string const& name)
{
    std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
    path += ":/usr/bin:/usr/local/bin";
    std::size_t start = 0;
    while (start <= path.size()) {
        auto end = path.find(':', start);
        if (end == std::string::npos)
            end = path.size();
        std::filesystem::path candidate =
            std::filesystem::path(path.substr(start, end - start)) / name;
        if (end > start && ::access(candidate.c_str(), X_OK) == 0)
            return candidate.string();
        start = end + 1;
    }
    BOOST_FAIL(name +
               " not found on PATH: scripts/deps installs Debian's redis-server and redis-tools");
    return {};
}

/// A loopback port nobody listens on now.
unsigned short free_port()
{
    boost::asio::io_context ioc;
    tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

std::string const loopback = "127.0.0.1";

/// A real redis-server on a free port, without persistence, stopped (SIGTERM) at the end.
struct redis_server {
    std::optional<pt::child_process> process;
    unsigned short port = 0;

    /// Started with the options `extra` after those above.
    explicit redis_server(std::vector<std::string> const& extra = {})
    {
        // The port is free when chosen; another program may take it first: try again.
        for (int attempt = 0; attempt < 3 && !process; ++attempt) {
            port = free_port();
            std::vector<std::string> args{
                "--port",       std::to_string(port),
                "--bind",       loopback,
                "--save",       "",
                "--appendonly", "no",
                "--dir",        std::filesystem::temp_directory_path().string()};
            args.insert(args.end(), extra.begin(), extra.end());
            process.emplace(system_program("redis-server"), args);
            if (!ready())
                process.reset();
        }
        BOOST_REQUIRE_MESSAGE(process, "redis-server did not start");
    }

    bool ready()
    {
        auto const end = std::chrono::steady_clock::now() + 20s;
        while (std::chrono::steady_clock::now() < end) {
            auto line = process->read_line(5s);
            if (!line)
                return false;
            if (line->find("Ready to accept connections") != std::string::npos)
                return true;
        }
        return false;
    }

    std::string address() const { return loopback + ":" + std::to_string(port); }

    ~redis_server()
    {
        if (process) {
            process->signal(SIGTERM);
            process->wait();
        }
    }
};

/// resp_server on a free port, stopped (SIGTERM) by `stop` or at the end.
struct resp_server {
    pt::child_process process;
    std::string address;
    unsigned short port = 0;

    explicit resp_server(std::vector<std::string> extra = {})
        : process(pt::program_path("resp_server"), with_listen(std::move(extra)))
    {
        auto line = process.wait_for_line("listening on ");
        BOOST_REQUIRE_MESSAGE(line, "resp_server did not start: " << process.output());
        address = line->substr(std::string("listening on ").size());
        port = static_cast<unsigned short>(std::stoi(address.substr(address.rfind(':') + 1)));
    }

    static std::vector<std::string> with_listen(std::vector<std::string> extra)
    {
        extra.insert(extra.begin(), {"--listen", "127.0.0.1:0"});
        return extra;
    }

    std::optional<int> stop()
    {
        process.signal(SIGTERM);
        return process.wait();
    }
};

/// Runs a program to its end; its exit code (-1 if it did not end in time) and output.
std::pair<int, std::string> run(std::string const& path, std::vector<std::string> const& args,
                                std::chrono::milliseconds limit = 120s)
{
    pt::child_process p(path, args);
    auto code = p.wait(limit);
    return {code.value_or(-1), p.output()};
}

/// What `redis-cli` prints for one command, as a terminal would show it.
std::string cli(unsigned short port, std::vector<std::string> command)
{
    command.insert(command.begin(), {"-h", loopback, "-p", std::to_string(port), "--no-raw"});
    auto [code, out] = run(system_program("redis-cli"), command, 20s);
    BOOST_TEST(code == 0, "redis-cli failed: " << out);
    return out;
}

std::string joined(std::vector<std::string> const& words)
{
    std::string out;
    for (auto const& w : words)
        out += (out.empty() ? "" : " ") + ("'" + w + "'");
    return out;
}

/// A plain blocking socket on 127.0.0.1:`port` whose reads give up after 10 s.
class raw_connection {
public:
    explicit raw_connection(unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0))
    {
        BOOST_REQUIRE(fd_ >= 0);
        timeval timeout{10, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        BOOST_REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    }
    raw_connection(raw_connection const&) = delete;
    raw_connection& operator=(raw_connection const&) = delete;
    ~raw_connection() { ::close(fd_); }

    /// Sends `text`, or as much as the peer takes before it closes.
    void send(std::string const& text)
    {
        std::size_t sent = 0;
        while (sent < text.size()) {
            auto n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return;
            sent += static_cast<std::size_t>(n);
        }
    }

    /// Reads until `n` bytes, the peer closes, or 10 s pass; `closed` tells whether the peer
    /// closed.
    std::string receive(std::size_t n, bool* closed = nullptr)
    {
        std::string out;
        char chunk[4096];
        while (out.size() < n) {
            auto got = ::recv(fd_, chunk, std::min(sizeof chunk, n - out.size()), 0);
            if (got <= 0) {
                if (closed != nullptr)
                    *closed = got == 0;
                return out;
            }
            out.append(chunk, static_cast<std::size_t>(got));
        }
        return out;
    }

private:
    int fd_;
};

/** Sends `text` on a fresh connection and reads until the server closes it (at most 10 s).

    The connection is not half-closed: the server must close it by itself.
*/
std::string until_closed(unsigned short port, std::string const& text)
{
    raw_connection c(port);
    c.send(text);
    bool closed = false;
    auto answer = c.receive(std::size_t{1} << 20, &closed);
    BOOST_TEST(closed, "the server did not close the connection");
    return answer;
}

} // namespace

BOOST_AUTO_TEST_CASE(resp_server_answers_every_command_as_redis_server_does)
{
    redis_server redis;
    resp_server ours;
    using words = std::vector<std::string>;
    auto same = [&](words const& command) {
        auto const theirs = cli(redis.port, command);
        auto const mine = cli(ours.port, command);
        BOOST_TEST(mine == theirs, joined(command) << ": resp_server says\n"
                                                   << mine << "redis-server says\n"
                                                   << theirs);
        return mine;
    };

    // clang-format off
    std::vector<words> const script = {
        {"FLUSHALL"},
        // PING, ECHO
        {"PING"}, {"ping", "hello"}, {"PING", "a", "b"}, {"ECHO"}, {"ECHO", "hi there"},
        {"ECHO", ""}, {"ECHO", "a", "b"},
        // SET, GET
        {"SET", "k", "v"}, {"GET", "k"}, {"GET", "missing"}, {"GET"}, {"GET", "a", "b"}, {"SET"},
        {"SET", "k"}, {"SET", "k", "v2", "XX"}, {"GET", "k"}, {"SET", "k2", "v", "XX"},
        {"GET", "k2"}, {"SET", "k", "v3", "NX"}, {"SET", "k3", "v", "nx"}, {"GET", "k3"},
        {"SET", "k", "v", "NX", "XX"}, {"SET", "k", "v", "BOGUS"}, {"SET", "k", "v", "EX"},
        {"SET", "k", "v", "EX", "0"}, {"SET", "k", "v", "EX", "-5"}, {"SET", "k", "v", "EX", "abc"},
        {"SET", "k", "v", "EX", "1.5"}, {"SET", "k", "v", "PX", "10", "EX", "10"},
        {"SET", "k", "v", "EX", "100"}, {"TTL", "k"}, {"SET", "k", "v", "KEEPTTL"}, {"TTL", "k"},
        {"SET", "k", "v", "EX", "10", "KEEPTTL"}, {"SET", "k", "v"}, {"TTL", "k"},
        {"SET", "k", "old"}, {"SET", "k", "new", "GET"}, {"GET", "k"}, {"SET", "fresh", "v", "GET"},
        {"SET", "k", "x", "NX", "GET"}, {"SET", "k", "v", "EX", "9223372036854775807"},
        {"SET", "k", "v", "PX", "9223372036854775807"}, {"SET", "k", "v", "ex", "50", "px", "50"},
        {"SET", "k", "v", "px", "50000"}, {"TTL", "k"}, {"SET", "k", "v", "EX", "10", "EX", "20"},
        {"TTL", "k"},
        // DEL, EXISTS
        {"DEL"}, {"DEL", "k"}, {"DEL", "k", "k3", "missing", "k3"}, {"EXISTS"}, {"SET", "e", "1"},
        {"EXISTS", "e", "e", "missing"},
        // INCR, DECR, INCRBY, DECRBY
        {"INCR", "n"}, {"INCR", "n"}, {"DECR", "n"}, {"INCRBY", "n", "10"}, {"INCRBY", "n", "-100"},
        {"INCRBY", "n", "x"}, {"INCRBY", "n", "1.5"}, {"INCRBY", "n"}, {"INCR"}, {"INCR", "n", "m"},
        {"DECRBY", "n", "5"}, {"SET", "s", "hello"}, {"INCR", "s"}, {"SET", "s", " 1"},
        {"INCR", "s"}, {"SET", "s", "01"}, {"INCR", "s"}, {"SET", "s", "-0"}, {"INCR", "s"},
        {"SET", "s", "+1"}, {"INCR", "s"}, {"SET", "big", "9223372036854775807"}, {"INCR", "big"},
        {"DECR", "big"}, {"INCRBY", "big", "1"}, {"SET", "small", "-9223372036854775808"},
        {"DECR", "small"}, {"INCRBY", "small", "-1"}, {"SET", "t", "5"}, {"EXPIRE", "t", "100"},
        {"INCR", "t"}, {"TTL", "t"}, {"GET", "t"},
        // MSET, MGET
        {"MSET"}, {"MSET", "a"}, {"MSET", "a", "1", "b"}, {"MSET", "a", "1", "b", "2", "c", "3"},
        {"MGET", "a", "b", "c", "missing"}, {"MGET"}, {"MSET", "a", "x", "a", "y"}, {"GET", "a"},
        {"EXPIRE", "b", "100"}, {"MSET", "b", "new"}, {"TTL", "b"},
        // EXPIRE, TTL
        {"EXPIRE", "a", "100"}, {"TTL", "a"}, {"EXPIRE", "missing", "10"}, {"EXPIRE", "a", "abc"},
        {"EXPIRE", "a"}, {"EXPIRE", "a", "10", "BOGUS"}, {"EXPIRE", "a", "10", "NX", "XX"},
        {"EXPIRE", "a", "10", "GT", "LT"}, {"EXPIRE", "a", "10", "nx", "gt"},
        {"EXPIRE", "a", "200", "NX"}, {"EXPIRE", "a", "200", "XX"}, {"TTL", "a"},
        {"EXPIRE", "a", "100", "GT"}, {"EXPIRE", "a", "300", "GT"}, {"TTL", "a"},
        {"EXPIRE", "a", "100", "LT"}, {"TTL", "a"}, {"EXPIRE", "c", "100", "GT"},
        {"EXPIRE", "c", "100", "XX"}, {"TTL", "c"}, {"EXPIRE", "c", "100", "LT"}, {"TTL", "c"},
        {"EXPIRE", "c", "9223372036854775807"}, {"EXPIRE", "c", "-9223372036854775808"},
        {"EXPIRE", "a", "-1"}, {"EXISTS", "a"}, {"TTL", "a"}, {"EXPIRE", "c", "0"}, {"GET", "c"},
        {"TTL", "missing"}, {"TTL"}, {"TTL", "a", "b"},
        // DBSIZE, FLUSHALL
        {"DBSIZE"}, {"DBSIZE", "x"}, {"FLUSHALL", "x"}, {"FLUSHALL", "ASYNC", "x"},
        {"FLUSHALL", "SYNC"}, {"DBSIZE"}, {"SET", "a", "1"}, {"FLUSHALL", "async"}, {"DBSIZE"},
        // Unknown commands
        {"foo"}, {"foo", "a", "b"}, {"FOO", "a b", "c"},
        {"nosuchcommand", std::string(200, 'x'), "y"},
        {"x", std::string(100, 'a'), std::string(100, 'b'), "c"},
        // What redis-cli and redis-benchmark use
        {"CONFIG", "GET", "save"}, {"CONFIG", "GET", "appendonly"},
        {"config", "get", "nosuchparam"}, {"CONFIG", "GET", "appendonl?"}, {"CONFIG"},
        {"CONFIG", "GET"}, {"CONFIG", "FOO"}, {"CLIENT"}, {"CLIENT", "FOO"}, {"CLIENT", "GETNAME"},
        {"CLIENT", "SETNAME"}, {"CLIENT", "SETNAME", "a b"}, {"CLIENT", "SETNAME", "me"},
        {"CLIENT", "GETNAME", "x"}, {"COMMAND", "FOO"}, {"COMMAND", "COUNT", "x"}, {"SELECT", "0"},
        {"SELECT", "x"}, {"SELECT"}, {"QUIT"},
    };
    // clang-format on
    for (auto const& command : script)
        same(command);

    // Expiry, with time passing.
    for (auto const& command : std::vector<words>{{"SET", "soon", "v", "PX", "100"},
                                                  {"SET", "later", "v", "EX", "100"},
                                                  {"SET", "also", "v", "PX", "150"},
                                                  {"EXPIRE", "later", "1"}})
        same(command);
    std::this_thread::sleep_for(400ms);
    BOOST_TEST(same({"GET", "soon"}) == "(nil)\n");
    same({"EXISTS", "soon", "later"});
    BOOST_TEST(same({"DBSIZE"}) ==
               "(integer) 1\n"); // "also" expired unseen: counted out all the same
    same({"TTL", "soon"});
    std::this_thread::sleep_for(1100ms);
    BOOST_TEST(same({"DBSIZE"}) == "(integer) 0\n");

    // A few answers spelled out, in case both servers changed together.
    BOOST_TEST(cli(ours.port, {"SET", "x", "1"}) == "OK\n");
    BOOST_TEST(cli(ours.port, {"INCRBY", "x", "41"}) == "(integer) 42\n");
    BOOST_TEST(cli(ours.port, {"MGET", "x", "y"}) == "1) \"42\"\n2) (nil)\n");
    // (Redis lists parameters in its hash table's order, which changes from run to run.)
    BOOST_TEST(cli(ours.port, {"CONFIG", "GET", "save", "appendonly"}) ==
               "1) \"save\"\n2) \"\"\n3) \"appendonly\"\n4) \"no\"\n");
    BOOST_TEST(cli(ours.port, {"nope", "a"}) ==
               "(error) ERR unknown command 'nope', with args beginning with: 'a' \n");
    BOOST_TEST(ours.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(a_connection_keeps_its_client_name_and_quit_closes_it)
{
    resp_server ours;
    std::string const answer = until_closed(
        ours.port, "CLIENT SETNAME me\r\nCLIENT GETNAME\r\n*1\r\n$4\r\nPING\r\nQUIT\r\nPING\r\n");
    BOOST_TEST(answer == "+OK\r\n$2\r\nme\r\n+PONG\r\n+OK\r\n");
    BOOST_TEST(ours.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(bad_input_closes_only_its_connection_with_redis_s_error)
{
    redis_server redis;
    resp_server ours;

    raw_connection good(ours.port);
    good.send("PING\r\n");
    BOOST_TEST(good.receive(7) == "+PONG\r\n");

    // Each closes its connection after the replies to what came before it,
    // and Redis's error; redis-server says exactly the same.
    std::string const inputs[] = {
        "*1\r\n$4\r\nPING\r\n*x\r\n",    "*1\r\n$536870913\r\n",  "*3000000000\r\n",
        "ECHO a\r\n*1\r\n:1\r\n",        "ECHO \"unbalanced\r\n", "*1\r\n$-5\r\n",
        std::string(64 * 1024 + 2, 'a'),
    };
    for (auto const& input : inputs) {
        auto const mine = until_closed(ours.port, input);
        BOOST_TEST(mine.find("-ERR Protocol error: ") != std::string::npos, mine);
        BOOST_TEST(mine == until_closed(redis.port, input), input.substr(0, 40));
    }
    BOOST_TEST(until_closed(ours.port, "PING\r\n*1\r\n$4\r\nPINGxx") ==
               "+PONG\r\n-ERR Protocol error: expected CRLF\r\n");

    // The good connection is still served, and so are new ones.
    good.send("*2\r\n$4\r\nECHO\r\n$2\r\nok\r\n");
    BOOST_TEST(good.receive(8) == "$2\r\nok\r\n");
    BOOST_TEST(cli(ours.port, {"PING"}) == "PONG\n");
    BOOST_TEST(ours.stop().value_or(-1) == 0);
    BOOST_TEST(ours.process.output().find("invalid bulk length") != std::string::npos,
               ours.process.output());
}

BOOST_AUTO_TEST_CASE(redis_benchmark_runs_against_resp_server_without_errors)
{
    for (auto threads : {"1", "2"}) {
        resp_server ours({"--threads", threads});
        auto [code, out] = run(system_program("redis-benchmark"),
                               {"-h", loopback, "-p", std::to_string(ours.port), "-P", "16", "-c",
                                "8", "-n", "4000", "-t", "ping,set,get,incr,mset", "--csv"});
        BOOST_TEST(code == 0, out);
        BOOST_TEST(out.find("rror") == std::string::npos, out);
        for (auto test : {"\"PING_INLINE\"", "\"PING_MBULK\"", "\"SET\"", "\"GET\"", "\"INCR\"",
                          "\"MSET (10 keys)\""})
            BOOST_TEST(out.find(test) != std::string::npos, test << " missing from\n" << out);
        // Without -r every INCR goes to one key: with two threads, the store must not lose one.
        BOOST_TEST(cli(ours.port, {"GET", "counter:__rand_int__"}) == "\"4000\"\n");
        BOOST_TEST(ours.stop().value_or(-1) == 0);
    }
}

BOOST_AUTO_TEST_CASE(resp_client_checks_every_reply_of_redis_server_and_resp_server)
{
    redis_server redis;
    resp_server ours({"--threads", "2"});
    for (auto const& address : {redis.address(), ours.address}) {
        // The load as a future written by hand, and as a coroutine.
        for (auto style : {"future", "coroutine"}) {
            for (auto depth : {"1", "16"}) {
                auto [code, out] = run(pt::program_path("resp_client"),
                                       {"--connect", address, "--requests", "3000", "--depth",
                                        depth, "--style", style});
                BOOST_TEST(code == 0, out);
                BOOST_TEST(out.find("3000 requests, depth " + std::string(depth) + ", 0 wrong") !=
                               std::string::npos,
                           style << ": " << out);
            }
        }
    }
    // It deletes what it wrote.
    BOOST_TEST(cli(redis.port, {"DBSIZE"}) == "(integer) 0\n");
    BOOST_TEST(cli(ours.port, {"DBSIZE"}) == "(integer) 0\n");
    BOOST_TEST(ours.stop().value_or(-1) == 0);
}

// A redis-server without one of the load's commands (renamed away, so it is unknown): resp_client
// counts the replies that are not what the command should have said, and fails.
BOOST_AUTO_TEST_CASE(resp_client_counts_wrong_replies_and_fails)
{
    struct without {
        std::string command;
        std::string wrong; // of 30 requests: 10 of each command
    };
    // Without SET, each GET finds no key: its reply is wrong too.
    for (auto const& w : {without{"SET", "20"}, without{"GET", "10"}, without{"INCR", "10"}}) {
        redis_server redis({"--rename-command", w.command, ""});
        auto [code, out] = run(pt::program_path("resp_client"),
                               {"--connect", redis.address(), "--requests", "30", "--depth", "4"});
        BOOST_TEST(code == 1, w.command << ": " << out);
        BOOST_TEST(out.find("30 requests, depth 4, " + w.wrong + " wrong") != std::string::npos,
                   w.command << ": " << out);
        BOOST_TEST(out.find("resp_client: request ") != std::string::npos, out);
    }
}

BOOST_AUTO_TEST_CASE(the_client_library_talks_to_redis_server)
{
    redis_server redis;
    protokit::reactor::core core;
    auto connected = core.run(resp::client::connect(
        {boost::asio::ip::make_address(loopback), redis.port}, core.get_handle(), 8));
    BOOST_REQUIRE(connected);
    resp::client redis_client = *connected;

    // Typed calls, pipelined: made one after the other, sent in that order, answered together.
    auto set = redis_client.set("lib:a", "1");
    auto get = redis_client.get("lib:a");
    auto incr = redis_client.incr("lib:a");
    auto incrby = redis_client.incrby("lib:a", -10);
    auto first = core.run(std::move(set).join(std::move(get), std::move(incr), std::move(incrby)));
    BOOST_REQUIRE(first);
    BOOST_TEST(std::get<1>(*first).value() == "1");
    BOOST_TEST(std::get<2>(*first) == 2);
    BOOST_TEST(std::get<3>(*first) == -8);
    auto mget = redis_client.mget({"lib:a", "lib:missing"});
    auto expire = redis_client.expire("lib:a", 100);
    auto ttl = redis_client.ttl("lib:a");
    auto missing = redis_client.get("lib:missing");
    auto second =
        core.run(std::move(mget).join(std::move(expire), std::move(ttl), std::move(missing)));
    BOOST_REQUIRE(second);
    auto const& values = std::get<0>(*second);
    BOOST_REQUIRE(values.size() == 2u);
    BOOST_TEST(values[0].value() == "-8");
    BOOST_TEST(!values[1]);
    BOOST_TEST(std::get<1>(*second));
    BOOST_TEST(std::get<2>(*second) == 100);
    BOOST_TEST(!std::get<3>(*second));
    BOOST_TEST(core.run(redis_client.ping()).value() == "PONG");
    BOOST_TEST(core.run(redis_client.del({"lib:a", "lib:missing"})).value() == 1);

    // Error replies: values for raw calls, errors for typed ones.
    auto unknown = core.run(redis_client.call({"NOSUCHCOMMAND"}));
    BOOST_REQUIRE(unknown);
    BOOST_TEST(unknown->is_error());
    BOOST_TEST(unknown->text().view().starts_with("ERR unknown command"));
    BOOST_TEST(core.run(redis_client.set("lib:s", "text")).has_value());
    BOOST_TEST(core.run(redis_client.incr("lib:s")).error() ==
               make_error_code(resp::error::server_error));
    BOOST_TEST(core.run(redis_client.ttl("lib:s")).value() == -1);
    BOOST_TEST(core.run(redis_client.get("lib:s").join(redis_client.set_ex("lib:s", "x", 10)))
                   .has_value());

    // Binary values, a large one, and nested arrays.
    std::string const binary("a\r\n\0b$*", 8);
    auto echoed = core.run(redis_client.call({"ECHO", binary}));
    BOOST_REQUIRE(echoed);
    BOOST_TEST(*echoed == resp::value::bulk_string(binary));
    std::string large(1 << 20, 'x');
    for (std::size_t i = 0; i < large.size(); i += 997)
        large[i] = static_cast<char>('a' + i % 26);
    BOOST_TEST(core.run(redis_client.set("lib:large", large)).has_value());
    BOOST_TEST(core.run(redis_client.get("lib:large")).value().value() == large);
    auto info = core.run(redis_client.call({"COMMAND", "INFO", "get"}));
    BOOST_REQUIRE(info);
    BOOST_REQUIRE(info->type() == resp::type::array);
    BOOST_REQUIRE(info->elements().size() == 1u);
    BOOST_TEST(info->elements()[0].elements()[0] == resp::value::bulk_string("get"));
    BOOST_TEST(core.run(redis_client.del({"lib:s", "lib:large"})).value() == 2);
}

BOOST_AUTO_TEST_SUITE_END()

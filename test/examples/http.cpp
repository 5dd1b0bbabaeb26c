// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include "../support/child_process.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

// http_server and http_client for real, with programs written by others:
// curl against http_server (keep-alive, pipelining, a gigabyte each way in
// bounded memory, chunked uploads, Expect: 100-continue, HEAD, bad input);
// http_client against nginx (sized, chunked and close-delimited responses,
// a large download byte-exact). Loopback only, free ports, every wait
// bounded, every process stopped.

namespace pt = protokit::test;
namespace fs = std::filesystem;
using boost::asio::ip::tcp;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(examples_http)

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// Shadow memory and ASan's quarantine (made small below) cost memory; a body held whole still
// shows. The sanitizers are slow: the big transfers shrink.
constexpr std::uint64_t rss_bound = 128u << 20;
constexpr std::uint64_t gigabyte = 128u << 20;
constexpr std::uint64_t large_file = 16u << 20;
#else
constexpr std::uint64_t rss_bound = 64u << 20;
constexpr std::uint64_t gigabyte = 1u << 30;
constexpr std::uint64_t large_file = 128u << 20;
#endif

/// Under ASan, the programs started from here keep freed memory for 8 MiB, not 256.
struct small_quarantine {
    small_quarantine()
    {
#if defined(__SANITIZE_ADDRESS__)
        char const* old = std::getenv("ASAN_OPTIONS");
        std::string options = old ? std::string(old) + ":" : std::string();
        ::setenv("ASAN_OPTIONS", (options + "quarantine_size_mb=8").c_str(), 1);
#endif
    }
};
small_quarantine const http_quarantine_for_children;

/// The peak resident memory of process `pid` (VmHWM), in bytes.
std::uint64_t peak_rss(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            std::uint64_t kib = 0;
            status >> kib;
            return kib * 1024;
        }
        status.ignore(1 << 10, '\n');
    }
    return 0;
}

/// A scratch directory, removed at the end.
struct scratch {
    fs::path path;

    scratch()
    {
        path = fs::temp_directory_path() / ("protokit-http-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(std::random_device{}()));
        fs::create_directories(path);
    }
    ~scratch()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/// A shell command's exit code and standard output. Every command bounds itself (curl's
/// --max-time).
struct command_result {
    int code = -1;
    std::string out;
};

command_result sh(std::string const& command)
{
    command_result r;
    FILE* p = ::popen(("exec 2>&1; " + command).c_str(), "r");
    BOOST_REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        r.out.append(buf, n);
    int const status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

/// The curl command line every test starts from: quiet, bounded in time, no proxy from the
/// environment.
std::string curl(std::string const& args)
{
    return "curl -sS --noproxy '*' --max-time 100 " + args;
}

/// http_server on a free port, stopped with SIGTERM at the end.
struct http_server {
    pt::child_process process;
    unsigned short port = 0;

    http_server() : process(pt::program_path("http_server"), {"--listen", "127.0.0.1:0"})
    {
        auto line = process.wait_for_line("listening on ");
        BOOST_REQUIRE_MESSAGE(line, "http_server did not start: " << process.output());
        port = static_cast<unsigned short>(std::stoi(line->substr(line->rfind(':') + 1)));
    }
    ~http_server()
    {
        process.signal(SIGTERM);
        auto code = process.wait(20s);
        BOOST_TEST((code && *code == 0), "http_server did not stop cleanly: " << process.output());
    }

    std::string url(std::string const& path) const
    {
        return "http://127.0.0.1:" + std::to_string(port) + path;
    }
};

/// Reads `n` bytes of a command's output, checking them against /stream's letters
/// (`chunk` bytes of 'a', then of 'b', ...); the bytes read, or where they first differed.
std::uint64_t check_letters(std::string const& command, std::uint64_t chunk, bool& exact)
{
    FILE* p = ::popen(command.c_str(), "r");
    BOOST_REQUIRE(p != nullptr);
    std::vector<char> buf(1 << 20);
    std::uint64_t at = 0;
    exact = true;
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) {
        for (std::size_t i = 0; i < n && exact; ++i)
            exact = buf[i] == static_cast<char>('a' + (at + i) / chunk % 26);
        at += n;
    }
    ::pclose(p);
    return at;
}

/// A response read with Beast from a plain socket (an independent client).
using beast_response = boost::beast::http::response<boost::beast::http::string_body>;

/// Reads until the peer closes (bounded); what came.
std::string read_to_close(tcp::socket& s)
{
    std::string got;
    std::array<char, 4096> buf;
    s.non_blocking(true);
    auto const end = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < end) {
        boost::system::error_code ec;
        auto n = s.read_some(boost::asio::buffer(buf), ec);
        if (ec == boost::asio::error::would_block) {
            std::this_thread::sleep_for(5ms);
            continue;
        }
        if (ec)
            return got;
        got.append(buf.data(), n);
    }
    BOOST_FAIL("the server never closed the connection");
    return got;
}

/// A port nobody listens on now (bound to 0, then let go).
unsigned short free_port()
{
    boost::asio::io_context ioc;
    tcp::acceptor a(ioc, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

/// Writes `size` bytes of a pattern that differs per `seed`.
void make_file(fs::path const& p, std::size_t size, std::uint32_t seed)
{
    std::mt19937 gen(seed);
    std::vector<std::uint32_t> block(1u << 16);
    std::ofstream out(p, std::ios::binary);
    for (std::size_t done = 0; done < size;) {
        for (auto& w : block)
            w = gen();
        std::size_t n = std::min(size - done, block.size() * sizeof(std::uint32_t));
        out.write(reinterpret_cast<char const*>(block.data()), static_cast<std::streamsize>(n));
        done += n;
    }
}

bool same_file(fs::path const& a, fs::path const& b)
{
    if (!fs::exists(b) || fs::file_size(a) != fs::file_size(b))
        return false;
    return sh("cmp -s '" + a.string() + "' '" + b.string() + "'").code == 0;
}

/// nginx, as the current user, in the foreground, on a free loopback port, with everything it
/// writes in a scratch directory: static files (sized responses) and a folder whose HTML goes
/// through SSI (its length unknown: chunked to HTTP/1.1, ended by the close to HTTP/1.0).
struct nginx_server {
    scratch dir;
    unsigned short port = free_port();
    std::optional<pt::child_process> process;

    nginx_server()
    {
        fs::create_directories(dir.path / "root" / "ssi");
        fs::create_directories(dir.path / "temp");
        std::ofstream conf(dir.path / "nginx.conf");
        auto const d = dir.path.string();
        conf << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
             << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log;\n"
             << "events { worker_connections 64; }\n"
             << "http {\n  access_log off;\n"
             << "  client_body_temp_path " << d << "/temp/body;\n"
             << "  proxy_temp_path " << d << "/temp/proxy;\n"
             << "  fastcgi_temp_path " << d << "/temp/fastcgi;\n"
             << "  uwsgi_temp_path " << d << "/temp/uwsgi;\n"
             << "  scgi_temp_path " << d << "/temp/scgi;\n"
             << "  types { text/html html; application/octet-stream bin; }\n"
             << "  server {\n    listen 127.0.0.1:" << port << ";\n"
             << "    root " << d << "/root;\n"
             << "    location /ssi/ { ssi on; }\n  }\n}\n";
        conf.close();
        process.emplace("/usr/sbin/nginx",
                        std::vector<std::string>{"-c", (dir.path / "nginx.conf").string(), "-p", d,
                                                 "-e", d + "/error.log"});
        // Ready once it accepts a connection.
        auto const end = std::chrono::steady_clock::now() + 20s;
        for (;;) {
            boost::asio::io_context ioc;
            tcp::socket s(ioc);
            boost::system::error_code ec;
            s.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
            if (!ec)
                break;
            BOOST_REQUIRE_MESSAGE(std::chrono::steady_clock::now() < end,
                                  "nginx did not start: " << process->output());
            std::this_thread::sleep_for(20ms);
        }
    }
    ~nginx_server()
    {
        process->signal(SIGQUIT);
        if (!process->wait(10s))
            process.reset(); // killed
    }

    std::string url(std::string const& path) const
    {
        return "http://127.0.0.1:" + std::to_string(port) + path;
    }
};

/// Runs http_client with `args`, its stdout to `out`; its exit code (stderr in `log`).
int http_client(std::vector<std::string> const& args, fs::path const& out, std::string& log)
{
    std::string command = "exec '" + pt::program_path("http_client") + "'";
    for (auto const& a : args)
        command += " '" + a + "'";
    command += " > '" + out.string() + "'";
    pt::child_process c("/bin/sh", {"-c", command});
    auto code = c.wait(100s);
    log = c.output();
    return code ? *code : -1;
}

} // namespace

BOOST_AUTO_TEST_CASE(curl_reuses_one_connection_for_requests_in_a_row)
{
    http_server server;
    auto r = sh(curl("-w '%{http_code} %{num_connects}\\n' " + server.url("/") + " " +
                     server.url("/") + " " + server.url("/")));
    BOOST_TEST(r.code == 0, r.out);
    BOOST_TEST(r.out == "Hello, World!200 1\nHello, World!200 0\nHello, World!200 0\n");
    auto missing = sh(curl("-o /dev/null -w '%{http_code}' " + server.url("/nowhere")));
    BOOST_TEST(missing.out == "404");
}

BOOST_AUTO_TEST_CASE(pipelined_requests_on_one_connection_are_answered_in_order)
{
    // curl no longer pipelines: the requests go out in one write from a plain socket, and Beast's
    // parser reads the answers.
    http_server server;
    boost::asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect({boost::asio::ip::make_address("127.0.0.1"), server.port});
    std::string burst;
    for (int i = 0; i < 16; ++i) {
        switch (i % 4) {
        case 0: burst += "GET / HTTP/1.1\r\nHost: t\r\n\r\n"; break;
        case 1: burst += "GET /stream?chunks=3&size=5 HTTP/1.1\r\nHost: t\r\n\r\n"; break;
        case 2:
            burst += "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\necho-" +
                     std::to_string(i % 10);
            break;
        case 3: burst += "POST /sha256 HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"; break;
        }
    }
    boost::asio::write(s, boost::asio::buffer(burst));
    boost::beast::flat_buffer buf;
    for (int i = 0; i < 16; ++i) {
        beast_response res;
        boost::beast::http::read(s, buf, res);
        BOOST_TEST(res.result_int() == 200u);
        switch (i % 4) {
        case 0: BOOST_TEST(res.body() == "Hello, World!"); break;
        case 1: BOOST_TEST(res.body() == "aaaaabbbbbccccc"); break;
        case 2: BOOST_TEST(res.body() == "echo-" + std::to_string(i % 10)); break;
        case 3:
            BOOST_TEST(res.body() ==
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
            break;
        }
        BOOST_TEST(res.keep_alive());
    }
}

BOOST_AUTO_TEST_CASE(a_gigabyte_uploads_chunked_to_sha256_while_the_server_stays_small)
{
    http_server server;
    scratch dir;
    auto const sum = (dir.path / "sum").string();
    // seq's digits: no two chunks alike. The upload goes chunked (-T -), with Expect:
    // 100-continue, which curl would wait 60 s for if the server did not answer it. seq stops
    // when head has had enough; where SIGPIPE is ignored (b2 runs the tests so) it says so on
    // stderr, which is not the answer.
    auto const command = "bash -c \"seq 1 1000000000 2>/dev/null | head -c " + std::to_string(gigabyte) +
                         " | tee >(sha256sum > '" + sum + "') | " +
                         curl("-X POST -T - --expect100-timeout 60 -H 'Expect: 100-continue' " +
                              server.url("/sha256")) +
                         "\"";
    auto const start = std::chrono::steady_clock::now();
    auto r = sh(command);
    auto const took = std::chrono::steady_clock::now() - start;
    BOOST_TEST_REQUIRE(r.code == 0, r.out);
    // sha256sum ran beside the pipeline (tee's process substitution): its line may come late.
    std::string expected;
    for (auto const end = std::chrono::steady_clock::now() + 20s;
         expected.size() < 64 && std::chrono::steady_clock::now() < end;
         std::this_thread::sleep_for(10ms)) {
        std::ifstream in(sum);
        in >> expected;
    }
    BOOST_TEST(r.out == expected + "\n");
    BOOST_TEST(took < 60s); // the 100 Continue came
    auto const rss = peak_rss(server.process.pid());
    BOOST_TEST(rss < rss_bound, "http_server's peak RSS: " << rss);
}

BOOST_AUTO_TEST_CASE(a_gigabyte_downloads_byte_exact_while_the_server_stays_small)
{
    http_server server;
    constexpr std::uint64_t chunk = 64 * 1024;
    bool exact = false;
    auto const got =
        check_letters(curl("'" +
                           server.url("/stream?chunks=" + std::to_string(gigabyte / chunk) +
                                      "&size=" + std::to_string(chunk)) +
                           "'"),
                      chunk, exact);
    BOOST_TEST(got == gigabyte);
    BOOST_TEST(exact);
    auto const rss = peak_rss(server.process.pid());
    BOOST_TEST(rss < rss_bound, "http_server's peak RSS: " << rss);
}

BOOST_AUTO_TEST_CASE(uploads_sized_and_chunked_echo_back_byte_exact)
{
    http_server server;
    scratch dir;
    make_file(dir.path / "up", 8u << 20, 5);
    auto const up = (dir.path / "up").string();
    auto sized =
        sh(curl("--data-binary '@" + up + "' -H 'Content-Type: application/octet-stream' " +
                server.url("/echo") + " -o '" + up + ".sized'"));
    BOOST_TEST(sized.code == 0, sized.out);
    BOOST_TEST(same_file(up, up + ".sized"));
    auto chunked =
        sh(curl("-X POST -T - " + server.url("/echo") + " -o '" + up + ".chunked' < '" + up + "'"));
    BOOST_TEST(chunked.code == 0, chunked.out);
    BOOST_TEST(same_file(up, up + ".chunked"));
    auto digest = sh(curl("--data-binary '@" + up + "' " + server.url("/sha256")));
    auto expected = sh("sha256sum < '" + up + "'");
    BOOST_TEST(digest.out.substr(0, 64) == expected.out.substr(0, 64));
}

BOOST_AUTO_TEST_CASE(head_answers_the_fields_without_the_body_and_the_connection_goes_on)
{
    http_server server;
    auto r = sh(curl("-I -w '%{num_connects}\\n' " + server.url("/") + " " + server.url("/")));
    BOOST_TEST(r.code == 0, r.out);
    BOOST_TEST(r.out.starts_with("HTTP/1.1 200 OK\r\n"), r.out);
    BOOST_TEST(r.out.find("Content-Length: 13\r\n") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("Hello") == std::string::npos, r.out);
    BOOST_TEST(r.out.find("\r\n\r\n1\n") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("\r\n\r\n0\n") != std::string::npos, r.out); // reused
}

BOOST_AUTO_TEST_CASE(http_1_0_gets_a_body_ended_by_the_close)
{
    http_server server;
    auto r = sh(curl("--http1.0 -i '" + server.url("/stream?chunks=2&size=3") + "'"));
    BOOST_TEST(r.code == 0, r.out);
    BOOST_TEST(r.out.starts_with("HTTP/1.0 200 OK\r\n"), r.out);
    BOOST_TEST(r.out.find("Transfer-Encoding") == std::string::npos, r.out);
    BOOST_TEST(r.out.ends_with("\r\n\r\naaabbb"), r.out);
}

BOOST_AUTO_TEST_CASE(a_malformed_request_is_answered_400_and_closed_and_others_go_on)
{
    http_server server;
    for (std::string const bad :
         {"GET / HTTP/1.1\r\nNo colon in this line\r\n\r\n", "GET\r\n\r\n",
          "POST /sha256 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
          "GET / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n"}) {
        boost::asio::io_context ioc;
        tcp::socket s(ioc);
        s.connect({boost::asio::ip::make_address("127.0.0.1"), server.port});
        boost::asio::write(s, boost::asio::buffer(bad));
        auto got = read_to_close(s);
        BOOST_TEST(got.starts_with("HTTP/1.1 400 Bad Request\r\n"), bad << " -> " << got);
        BOOST_TEST(got.find("Connection: close\r\n") != std::string::npos, got);
    }
    auto fine = sh(curl(server.url("/")));
    BOOST_TEST(fine.out == "Hello, World!");
}

BOOST_AUTO_TEST_CASE(an_oversized_header_is_answered_431)
{
    http_server server;
    auto r = sh(curl("-o /dev/null -w '%{http_code}' -H 'X-Big: " + std::string(16 * 1024, 'b') +
                     "' " + server.url("/")));
    BOOST_TEST(r.out == "431", r.out);
    auto fine = sh(curl(server.url("/")));
    BOOST_TEST(fine.out == "Hello, World!");
}

BOOST_AUTO_TEST_CASE(http_client_pipelines_many_requests_on_one_connection)
{
    http_server server;
    scratch dir;
    for (std::string const style : {"combinators", "coroutine"}) {
        std::string log;
        int code = http_client({"--url", server.url("/stream?chunks=2&size=100"), "--depth", "16",
                                "--count", "2000", "--style", style},
                               dir.path / "summary", log);
        BOOST_TEST(code == 0, style << ": " << log);
        std::ifstream in(dir.path / "summary");
        std::string line;
        std::getline(in, line);
        BOOST_TEST(line.starts_with("2000 responses, 400000 body bytes in "),
                   style << ": " << line);
    }
}

BOOST_AUTO_TEST_CASE(http_client_posts_a_file_sized_or_chunked_and_reads_the_echo)
{
    http_server server;
    scratch dir;
    make_file(dir.path / "body.bin", 200000, 5);
    for (std::string const style : {"combinators", "coroutine"}) {
        for (bool const chunked : {false, true}) {
            BOOST_TEST_CONTEXT("--style " << style << (chunked ? ", chunked" : ", sized"))
            {
                std::vector<std::string> args{"--url",       server.url("/echo"),
                                              "--data-file", (dir.path / "body.bin").string(),
                                              "--style",     style};
                if (chunked)
                    args.push_back("--chunked");
                std::string log;
                BOOST_TEST(http_client(args, dir.path / "echo.bin", log) == 0, log);
                BOOST_TEST(same_file(dir.path / "body.bin", dir.path / "echo.bin"));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(http_client_reads_nginxs_sized_chunked_and_close_delimited_responses)
{
    nginx_server nginx;
    auto const root = nginx.dir.path / "root";
    make_file(root / "sized.bin", 300000, 1);
    {
        // Plain text (SSI would read commands in random bytes), 200 kB of it.
        std::ofstream page(root / "ssi" / "page.html");
        for (int i = 0; i < 10000; ++i)
            page << "line " << i << " of the page\n";
    }
    // What nginx sends for each, as curl sees it: the test covers the three framings.
    auto sized_head = sh(curl("-sD - -o /dev/null " + nginx.url("/sized.bin")));
    BOOST_TEST(sized_head.out.find("Content-Length: 300000") != std::string::npos, sized_head.out);
    auto chunked_head = sh(curl("-sD - -o /dev/null " + nginx.url("/ssi/page.html")));
    BOOST_TEST(chunked_head.out.find("Transfer-Encoding: chunked") != std::string::npos,
               chunked_head.out);
    auto closed_head = sh(curl("--http1.0 -sD - -o /dev/null " + nginx.url("/ssi/page.html")));
    BOOST_TEST(closed_head.out.find("Content-Length") == std::string::npos, closed_head.out);
    BOOST_TEST(closed_head.out.find("Transfer-Encoding") == std::string::npos, closed_head.out);

    // Both of the client's styles: hand-written futures and coroutines.
    for (std::string const style : {"combinators", "coroutine"}) {
        BOOST_TEST_CONTEXT("--style " << style)
        {
            std::string log;
            auto const out = nginx.dir.path / "out";
            auto client = [&](std::vector<std::string> args) {
                args.insert(args.end(), {"--style", style});
                return http_client(args, out, log);
            };
            BOOST_TEST(client({"--url", nginx.url("/sized.bin")}) == 0, log);
            BOOST_TEST(same_file(root / "sized.bin", out));
            BOOST_TEST(client({"--url", nginx.url("/ssi/page.html")}) == 0, log);
            BOOST_TEST(same_file(root / "ssi" / "page.html", out));
            BOOST_TEST(client({"--url", nginx.url("/ssi/page.html"), "--http1.0"}) == 0, log);
            BOOST_TEST(same_file(root / "ssi" / "page.html", out));
            BOOST_TEST(client({"--url", nginx.url("/missing")}) == 1, log);
            BOOST_TEST(log.find("404") != std::string::npos, log);
            // Pipelined: nginx answers in order on one connection.
            BOOST_TEST(
                client({"--url", nginx.url("/sized.bin"), "--depth", "8", "--count", "100"}) == 0,
                log);
            std::ifstream summary(out);
            std::string line;
            std::getline(summary, line);
            BOOST_TEST(line.starts_with("100 responses, 30000000 body bytes"), line);
        }
    }
}

BOOST_AUTO_TEST_CASE(http_client_downloads_a_large_file_from_nginx_byte_exact)
{
    nginx_server nginx;
    auto const root = nginx.dir.path / "root";
    make_file(root / "large.bin", large_file, 9);
    std::string log;
    auto const out = nginx.dir.path / "large.out";
    BOOST_TEST(http_client({"--url", nginx.url("/large.bin")}, out, log) == 0, log);
    BOOST_TEST(same_file(root / "large.bin", out));
}

BOOST_AUTO_TEST_SUITE_END()

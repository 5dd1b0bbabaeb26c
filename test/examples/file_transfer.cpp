// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include "../support/child_process.hpp"

#include <boost/asio.hpp>
#include <boost/endian/conversion.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

// file_server and file_client for real, on 127.0.0.1 with free ports:
// many large files at once over one multiplexed connection, byte-exact;
// the server's memory bounded by its limits, not by file sizes, even with
// a client that never reads; a client killed mid-transfer leaves nothing
// behind on the server.

namespace pt = protokit::test;
namespace fs = std::filesystem;
using boost::asio::ip::tcp;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(examples_file_transfer)

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// The sanitizers' shadow memory adds about an eighth, and ASan keeps freed memory in a
// quarantine (256 MiB by default): the servers these tests start get a small one (below).
// The bound still catches a file held whole.
constexpr std::uint64_t rss_bound = 128u << 20;
#else
constexpr std::uint64_t rss_bound = 64u << 20;
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
small_quarantine const quarantine_for_children;

constexpr std::size_t big = 64u << 20;

/// A scratch directory, removed at the end.
struct scratch {
    fs::path path;

    scratch()
    {
        path = fs::temp_directory_path() / ("protokit-files-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(std::random_device{}()));
        fs::create_directories(path / "root");
        fs::create_directories(path / "out");
    }
    ~scratch()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/// Writes `size` bytes of a pattern that differs per `seed` (so that a mixed-up chunk shows).
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
    std::ifstream x(a, std::ios::binary), y(b, std::ios::binary);
    std::vector<char> p(1 << 20), q(1 << 20);
    while (x && y) {
        x.read(p.data(), static_cast<std::streamsize>(p.size()));
        y.read(q.data(), static_cast<std::streamsize>(q.size()));
        if (x.gcount() != y.gcount() ||
            std::memcmp(p.data(), q.data(), static_cast<std::size_t>(x.gcount())) != 0)
            return false;
    }
    return true;
}

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

/// Descriptors process `pid` has open.
std::size_t open_descriptors(pid_t pid)
{
    std::size_t n = 0;
    for ([[maybe_unused]] auto const& e :
         fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd"))
        ++n;
    return n;
}

/** Descriptors process `pid` has open once the count has held still for 300 ms (at most 5 s).

    A connection whose client has just exited is still open in the server
    until the server reads its end: counted at once, it would inflate a
    baseline by one.
*/
std::size_t settled_descriptors(pid_t pid)
{
    auto const give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::size_t last = open_descriptors(pid);
    int same = 0;
    while (same < 15 && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::size_t const n = open_descriptors(pid);
        same = n == last ? same + 1 : 0;
        last = n;
    }
    return last;
}

/// file_server on a free port over `root`, stopped with SIGTERM at the end.
struct file_server {
    pt::child_process process;
    unsigned short port = 0;

    explicit file_server(fs::path const& root)
        : process(pt::program_path("file_server"),
                  {"--listen", "127.0.0.1:0", "--root", root.string()})
    {
        auto line = process.wait_for_line("listening on ");
        BOOST_REQUIRE_MESSAGE(line, "file_server did not start: " << process.output());
        port = static_cast<unsigned short>(std::stoi(line->substr(line->rfind(':') + 1)));
    }
    ~file_server()
    {
        process.signal(SIGTERM);
        process.wait();
    }

    std::string address() const { return "127.0.0.1:" + std::to_string(port); }
};

/// Waits (bounded) until `pred()` holds.
template <class P>
bool eventually(P pred, std::chrono::steady_clock::duration limit)
{
    auto const end = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

/// One frame of the protocol, as raw bytes (see example/common/file_proto.hpp).
std::string raw_frame(std::uint64_t id, std::uint8_t kind, std::string const& payload)
{
    std::string f(13, '\0');
    std::uint64_t const big_id = boost::endian::native_to_big(id);
    std::uint32_t const length =
        boost::endian::native_to_big(static_cast<std::uint32_t>(payload.size()));
    std::memcpy(f.data(), &big_id, 8);
    f[8] = static_cast<char>(kind);
    std::memcpy(f.data() + 9, &length, 4);
    return f + payload;
}

} // namespace

BOOST_AUTO_TEST_CASE(eight_large_files_at_once_arrive_byte_exact_and_the_server_stays_small)
{
    scratch dir;
    std::vector<std::string> args;
    for (std::uint32_t i = 0; i < 8; ++i) {
        make_file(dir.path / "root" / ("f" + std::to_string(i)), big, i + 1);
        args.push_back("f" + std::to_string(i));
    }
    file_server server(dir.path / "root");
    std::vector<std::string> client_args{"--connect", server.address(), "--out",
                                         (dir.path / "out").string()};
    client_args.insert(client_args.end(), args.begin(), args.end());
    pt::child_process client(pt::program_path("file_client"), client_args);
    auto code = client.wait(180s);
    BOOST_REQUIRE_MESSAGE(code && *code == 0, "file_client failed: " << client.output());
    BOOST_TEST(client.output().find("8 of 8 files, 536870912 bytes") != std::string::npos,
               client.output());
    for (auto const& name : args)
        BOOST_TEST(same_file(dir.path / "root" / name, dir.path / "out" / name), name);
    auto const rss = peak_rss(server.process.pid());
    BOOST_TEST(rss < rss_bound, "file_server's peak RSS: " << rss);
}

BOOST_AUTO_TEST_CASE(
    a_client_that_never_reads_costs_the_server_no_memory_and_others_go_at_full_speed)
{
    scratch dir;
    make_file(dir.path / "root" / "huge", big, 7);
    make_file(dir.path / "root" / "other", big, 8);
    file_server server(dir.path / "root");

    // Asks for the whole file, then reads nothing: the server may only fill the socket buffers.
    boost::asio::io_context ioc;
    tcp::socket stalled(ioc);
    stalled.connect({boost::asio::ip::make_address("127.0.0.1"), server.port});
    boost::asio::write(stalled,
                       boost::asio::buffer(raw_frame(1, 0, "GET huge") + raw_frame(1, 2, "")));

    pt::child_process fast(pt::program_path("file_client"), {"--connect", server.address(), "--out",
                                                             (dir.path / "out").string(), "other"});
    auto code = fast.wait(120s);
    BOOST_REQUIRE_MESSAGE(code && *code == 0, "file_client failed: " << fast.output());
    BOOST_TEST(same_file(dir.path / "root" / "other", dir.path / "out" / "other"));
    auto const rss = peak_rss(server.process.pid());
    BOOST_TEST(rss < rss_bound, "file_server's peak RSS: " << rss);
}

BOOST_AUTO_TEST_CASE(a_client_killed_mid_transfer_leaves_nothing_behind)
{
    scratch dir;
    std::vector<std::string> client_args{"--connect", "", "--out", (dir.path / "out").string()};
    for (std::uint32_t i = 0; i < 4; ++i) {
        make_file(dir.path / "root" / ("k" + std::to_string(i)), big, 20 + i);
        client_args.push_back("k" + std::to_string(i));
    }
    make_file(dir.path / "root" / "small", 1000, 99);
    file_server server(dir.path / "root");
    client_args[1] = server.address();
    auto fetch_small = [&] {
        pt::child_process c(
            pt::program_path("file_client"),
            {"--connect", server.address(), "--out", (dir.path / "out").string(), "small"});
        auto code = c.wait(30s);
        BOOST_TEST((code && *code == 0), c.output());
    };
    fetch_small(); // the server has set up all it keeps (its signal pipe, timers) by the end of a
                   // transfer
    auto const baseline = settled_descriptors(server.process.pid());
    {
        pt::child_process client(pt::program_path("file_client"), client_args);
        bool const started = eventually(
            [&] {
                std::error_code ec;
                auto size = fs::file_size(dir.path / "out" / "k0", ec);
                return !ec && size > (1u << 20);
            },
            60s);
        BOOST_REQUIRE_MESSAGE(started, "the transfer never started: " << client.output());
        BOOST_TEST(open_descriptors(server.process.pid()) >
                   baseline); // the socket and the open files
        client.signal(SIGKILL);
        client.wait();
    }
    BOOST_TEST(eventually([&] { return open_descriptors(server.process.pid()) == baseline; }, 10s),
               "descriptors open: " << open_descriptors(server.process.pid())
                                    << ", at the start: " << baseline);
    fetch_small();
    BOOST_TEST(same_file(dir.path / "root" / "small", dir.path / "out" / "small"));
}

BOOST_AUTO_TEST_CASE(paths_outside_the_root_are_refused_and_the_connection_goes_on)
{
    scratch dir;
    make_file(dir.path / "root" / "inside", 5000, 3);
    make_file(dir.path / "secret", 100, 4);
    fs::create_symlink(dir.path / "secret", dir.path / "root" / "link");
    file_server server(dir.path / "root");
    for (std::string const style : {"combinators", "coroutine"}) {
        BOOST_TEST_CONTEXT("--style " << style)
        {
            fs::remove_all(dir.path / "out");
            pt::child_process client(
                pt::program_path("file_client"),
                {"--connect", server.address(), "--out", (dir.path / "out").string(), "--style",
                 style, "inside", "../secret", (dir.path / "secret").string(), "link", "missing"});
            auto code = client.wait(30s);
            BOOST_TEST((code && *code == 1)); // four refused
            BOOST_TEST(client.output().find("1 of 5 files") != std::string::npos, client.output());
            BOOST_TEST(same_file(dir.path / "root" / "inside", dir.path / "out" / "inside"));
            BOOST_TEST(!fs::exists(dir.path / "out" / "link"));
        }
    }
}

BOOST_AUTO_TEST_CASE(uploads_stream_to_the_server)
{
    scratch dir;
    fs::create_directories(dir.path / "local");
    make_file(dir.path / "local" / "up", 3u << 20, 11);
    file_server server(dir.path / "root");
    auto const up = (dir.path / "local" / "up").string();
    for (std::string const style : {"combinators", "coroutine"}) {
        std::error_code ec;
        fs::remove(dir.path / "root" / "up", ec);
        pt::child_process client(pt::program_path("file_client"),
                                 {"--connect", server.address(), "--put", "--style", style, up});
        auto code = client.wait(60s);
        BOOST_REQUIRE_MESSAGE(code && *code == 0, style << ": " << client.output());
        BOOST_TEST(same_file(dir.path / "local" / "up", dir.path / "root" / "up"), style);
    }
}

BOOST_AUTO_TEST_SUITE_END()

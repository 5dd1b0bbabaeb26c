// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The doubler benchmark: protokit's doubler server (pipeline::server_proto,
// tcp_server, one thread) against a hand-written single-threaded Boost.Asio
// doubler, driven in the same run by the same load generator, at several
// points of connections x pipeline depth. Prints requests/s, p99 latency,
// the ratio protokit / hand-written, and protokit's heap allocations per
// request in steady state (counted on the server's thread only).
//
// Then the system calls of each server per request, and the idle point: each
// server alone in a child process, its resident memory per connection once
// --idle connections (10,000 unless the descriptor limit is lower) have been
// served one request each and sit idle.
//
//   bench_doubler [--points 1x1,1x16,50x1,50x16] [--seconds 2] [--warmup-ms 500] [--rounds 3]
//                 [--idle 10000]

#include <protokit/future/ok.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/service/service_fn.hpp>

#include "common/args.hpp"
#include "common/int_proto.hpp"
#include "idle.hpp"
#include "load.hpp"
#include "reference_doubler.hpp"
#include "syscalls.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <sstream>
#include <string>
#include <thread>

#include <pthread.h>
#include <vector>

namespace {

/// Counts the allocations of the threads that point it at a counter (the server's).
thread_local std::atomic<std::uint64_t>* allocation_counter = nullptr;
std::atomic<std::uint64_t> server_allocations{0};

} // namespace

namespace {

void* counted_alloc(std::size_t n) noexcept
{
    if (allocation_counter != nullptr)
        allocation_counter->fetch_add(1, std::memory_order_relaxed);
    return std::malloc(n == 0 ? 1 : n);
}

// Out of line, so that the compiler does not see `free` meet a `new`.
[[gnu::noinline]] void counted_free(void* p) noexcept
{
    std::free(p);
}

} // namespace

void* operator new(std::size_t n)
{
    if (void* p = counted_alloc(n))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n)
{
    if (void* p = counted_alloc(n))
        return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept
{
    counted_free(p);
}
void operator delete[](void* p) noexcept
{
    counted_free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    counted_free(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    counted_free(p);
}

namespace {

/// protokit's doubler, served on its own thread until destroyed.
class protokit_doubler {
public:
    protokit_doubler()
        : server_(example::int_proto{}, {boost::asio::ip::make_address("127.0.0.1"), 0}),
          handle_(server_.handle_signals(false).get_handle())
    {
        thread_ = std::thread([this] {
            pthread_setname_np(pthread_self(), "protokit");
            server_.with_handle([this](protokit::reactor::handle const&) {
                allocation_counter = &server_allocations;
                tid_ = bench::this_thread_id();
                return [] {
                    return protokit::service::service_fn(
                        [](std::uint64_t n) { return protokit::future::ok(n * 2); });
                };
            });
        });
        if (handle_.wait_listening(endpoint_))
            std::abort();
    }

    ~protokit_doubler()
    {
        handle_.shutdown();
        thread_.join();
    }

    boost::asio::ip::tcp::endpoint endpoint() const { return endpoint_; }

    /// The server thread, to read its CPU time.
    std::thread& thread() { return thread_; }

    /// The server thread's kernel id, to count its system calls (set once it serves).
    pid_t thread_id() const
    {
        for (int i = 0; i < 5000 && tid_.load() == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return tid_.load();
    }

private:
    std::atomic<pid_t> tid_{0};
    protokit::tcp_server<example::int_proto> server_;
    protokit::server_handle handle_;
    boost::asio::ip::tcp::endpoint endpoint_;
    std::thread thread_;
};

struct point {
    int connections;
    int depth;
};

std::vector<point> parse_points(std::string const& text)
{
    std::vector<point> points;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        point p{};
        if (std::sscanf(item.c_str(), "%dx%d", &p.connections, &p.depth) != 2 ||
            p.connections < 1 || p.depth < 1) {
            std::fprintf(stderr, "bad point '%s' (want CxD)\n", item.c_str());
            std::exit(2);
        }
        points.push_back(p);
    }
    return points;
}

bench::load_result median(std::vector<bench::load_result> runs)
{
    std::sort(runs.begin(), runs.end(), [](auto const& a, auto const& b) {
        return a.requests_per_second < b.requests_per_second;
    });
    return runs[runs.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(
        argc, argv,
        "bench_doubler [--points 1x1,1x16,50x1,50x16] [--seconds S] [--warmup-ms MS] [--rounds N] "
        "[--idle CONNECTIONS]");
    auto const points = parse_points(args.get("points").value_or("1x1,1x16,50x1,50x16"));
    auto const measure = std::chrono::seconds(args.number("seconds", 2));
    auto const warmup = std::chrono::milliseconds(args.number("warmup-ms", 500));
    int const rounds = static_cast<int>(std::max<std::uint64_t>(1, args.number("rounds", 3)));

    // The idle point forks, so it comes before any thread starts.
    int const idle_wanted = static_cast<int>(args.number("idle", 10000));
    int const idle_count = bench::idle_connections_allowed(idle_wanted);
    bench::idle_result idle_reference, idle_ours;
    if (idle_count > 1) {
        idle_reference = bench::measure_idle(
            [] { return (new bench::reference_doubler)->endpoint().port(); }, idle_count);
        idle_ours = bench::measure_idle([] { return (new protokit_doubler)->endpoint().port(); },
                                        idle_count);
    }

    bench::reference_doubler reference;
    protokit_doubler ours;

    bench::thread_cpu_clock const reference_cpu(reference.thread());
    bench::thread_cpu_clock const our_cpu(ours.thread());
    bench::syscall_counter const reference_calls(reference.thread_id());
    bench::syscall_counter const our_calls(ours.thread_id());
    struct call_rates {
        std::string point;
        bench::syscall_counts reference, ours;
        std::uint64_t reference_requests = 0, our_requests = 0;
    };
    std::vector<call_rates> calls;

    std::printf("%-7s %12s %7s %12s %7s %6s %9s %9s %6s %10s\n", "point", "asio req/s", "p99 us",
                "protokit", "p99 us", "ratio", "asio cpu", "ours cpu", "ratio", "allocs/req");
    bool failed = false;
    for (auto const& p : points) {
        std::vector<bench::load_result> ref_runs, our_runs;
        std::uint64_t allocs = 0, counted_requests = 0;
        // Server CPU time over the measured part of every round, for ns/request.
        std::uint64_t ref_cpu_ns = 0, ref_requests = 0, our_cpu_ns = 0;
        // And their system calls.
        bench::syscall_counts ref_calls, ours_calls, calls_start;
        for (int r = 0; r < rounds; ++r) {
            std::uint64_t cpu_start = 0;
            auto ref_run = bench::run_doubler_load(
                reference.endpoint(), p.connections, p.depth, warmup, measure,
                [&] {
                    cpu_start = reference_cpu.now_ns();
                    calls_start = reference_calls.read();
                },
                [&] {
                    ref_cpu_ns += reference_cpu.now_ns() - cpu_start;
                    ref_calls += reference_calls.read() - calls_start;
                });
            ref_requests += ref_run.requests;
            ref_runs.push_back(ref_run);
            std::uint64_t start = 0, end = 0;
            auto run = bench::run_doubler_load(
                ours.endpoint(), p.connections, p.depth, warmup, measure,
                [&] {
                    start = server_allocations.load();
                    cpu_start = our_cpu.now_ns();
                    calls_start = our_calls.read();
                },
                [&] {
                    end = server_allocations.load();
                    our_cpu_ns += our_cpu.now_ns() - cpu_start;
                    ours_calls += our_calls.read() - calls_start;
                });
            allocs += end - start;
            counted_requests += run.requests;
            our_runs.push_back(run);
        }
        auto ref = median(ref_runs);
        auto our = median(our_runs);
        for (auto const& run : ref_runs)
            failed = failed || run.errors != 0;
        for (auto const& run : our_runs)
            failed = failed || run.errors != 0;
        auto per_request = [](std::uint64_t ns, std::uint64_t requests) {
            return requests ? static_cast<double>(ns) / static_cast<double>(requests) : 0.0;
        };
        double const ref_ns = per_request(ref_cpu_ns, ref_requests);
        double const our_ns = per_request(our_cpu_ns, counted_requests);
        char name[32];
        std::snprintf(name, sizeof name, "%dx%d", p.connections, p.depth);
        // The CPU ratio is asio's cost over ours: above 1 means protokit does less work a request.
        std::printf("%-7s %12.0f %7.0f %12.0f %7.0f %6.2f %9.0f %9.0f %6.2f %10.4f\n", name,
                    ref.requests_per_second, ref.p99_us, our.requests_per_second, our.p99_us,
                    our.requests_per_second / ref.requests_per_second, ref_ns, our_ns,
                    our_ns > 0 ? ref_ns / our_ns : 0.0,
                    counted_requests
                        ? static_cast<double>(allocs) / static_cast<double>(counted_requests)
                        : 0.0);
        std::fflush(stdout);
        calls.push_back({name, ref_calls, ours_calls, ref_requests, counted_requests});
    }

    // System calls per request, counted by the kernel over the same measured parts.
    std::printf("\nsystem calls per request (kernel tracepoints; receive = recvfrom/recvmsg/read, "
                "send = sendto/sendmsg/write, wait = epoll_wait, ctl = epoll_ctl)\n");
    std::printf("%-7s %26s   %26s\n", "", "asio", "protokit");
    std::printf("%-7s %6s %6s %6s %6s   %6s %6s %6s %6s\n", "point", "recv", "send", "wait", "ctl",
                "recv", "send", "wait", "ctl");
    for (auto const& c : calls) {
        auto cell = [](bool available, std::uint64_t n, std::uint64_t requests) {
            char text[16];
            if (!available || requests == 0)
                std::snprintf(text, sizeof text, "-");
            else
                std::snprintf(text, sizeof text, "%.3f",
                              static_cast<double>(n) / static_cast<double>(requests));
            return std::string(text);
        };
        bool const ra = reference_calls.available(), oa = our_calls.available();
        std::printf("%-7s %6s %6s %6s %6s   %6s %6s %6s %6s\n", c.point.c_str(),
                    cell(ra, c.reference.receives, c.reference_requests).c_str(),
                    cell(ra, c.reference.sends, c.reference_requests).c_str(),
                    cell(ra, c.reference.waits, c.reference_requests).c_str(),
                    cell(ra, c.reference.controls, c.reference_requests).c_str(),
                    cell(oa, c.ours.receives, c.our_requests).c_str(),
                    cell(oa, c.ours.sends, c.our_requests).c_str(),
                    cell(oa, c.ours.waits, c.our_requests).c_str(),
                    cell(oa, c.ours.controls, c.our_requests).c_str());
    }
    if (idle_count > 1) {
        std::printf(
            "\nidle connections (each server alone in a child process, one request served on "
            "each, then idle; resident memory)\n");
        std::printf("%-9s %12s %12s %12s %10s\n", "server", "connections", "base KiB", "loaded KiB",
                    "KiB/conn");
        auto row = [&](char const* name, bench::idle_result const& r) {
            std::printf("%-9s %12d %12ld %12ld %10.2f%s\n", name, r.connections, r.baseline_kib,
                        r.loaded_kib, r.kib_per_connection, r.ok ? "" : "  (failed)");
            failed = failed || !r.ok;
        };
        row("asio", idle_reference);
        row("protokit", idle_ours);
        if (idle_count < idle_wanted)
            std::printf("(%d connections, not %d: the descriptor limit)\n", idle_count,
                        idle_wanted);
    }
    if (failed)
        std::printf("some answers were wrong or connections failed\n");
    return failed ? 1 : 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The doubler benchmark: protokit's doubler server (pipeline::server_proto,
// tcp_server, one thread) against a hand-written single-threaded Boost.Asio
// doubler, driven in the same run by the same load generator, at several
// points of connections x pipeline depth. Prints requests/s and p99 latency
// (each server's median round), the ratios protokit / hand-written of
// throughput and of server CPU time per request, and protokit's heap
// allocations per request in steady state (counted on the server's thread
// only). Each round runs both servers, one after the other (who goes first
// alternates); a ratio is the median of the rounds' pairs, with its
// quartiles, so that the machine's drift over a run cancels out.
//
// Then the system calls of each server per request, and the idle point: each
// server alone in a child process, its resident memory per connection once
// --idle connections (10,000 unless the descriptor limit is lower) have been
// served one request each and sit idle.
//
// With two CPUs or more, the load generator runs on the first and both
// servers on the second (--pin 0 lets the scheduler place them): where the
// scheduler puts three busy threads on two cores moves a run's figures more
// than most changes to a server do.
//
//   bench_doubler [--points 1x1,1x16,50x1,50x16] [--seconds 2] [--warmup-ms 500] [--rounds 3]
//                 [--idle 10000] [--pin 1]

#include <protokit/future/ok.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/service/service_fn.hpp>

#include "common/args.hpp"
#include "common/int_proto.hpp"
#include "idle.hpp"
#include "load.hpp"
#include "reference_doubler.hpp"
#include "spread.hpp"
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
#include <sched.h>
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

/// The CPUs this process may run on, in order.
std::vector<int> usable_cpus()
{
    std::vector<int> cpus;
    ::cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) == 0) {
        for (int i = 0; i < CPU_SETSIZE; ++i) {
            if (CPU_ISSET(i, &set))
                cpus.push_back(i);
        }
    }
    return cpus;
}

/// Keeps `thread` on `cpu`; false if the system refused.
bool pin(pthread_t thread, int cpu)
{
    ::cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return ::pthread_setaffinity_np(thread, sizeof set, &set) == 0;
}

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
        "[--idle CONNECTIONS] [--pin 0|1]");
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

    // The load generator (this thread) on one CPU, the servers (one runs at a time) on another.
    auto const cpus = usable_cpus();
    bool pinned = false;
    if (args.number("pin", 1) != 0 && cpus.size() >= 2) {
        pinned = pin(::pthread_self(), cpus[0]) &&
                 pin(reference.thread().native_handle(), cpus[1]) &&
                 pin(ours.thread().native_handle(), cpus[1]);
    }
    std::printf("load generator %s\n", pinned ? ("on CPU " + std::to_string(cpus[0]) +
                                                 ", servers on CPU " + std::to_string(cpus[1]))
                                                    .c_str()
                                              : "and servers placed by the scheduler");

    bench::thread_cpu_clock const reference_cpu(reference.thread());
    bench::thread_cpu_clock const our_cpu(ours.thread());
    struct call_count {
        bench::syscall_counts counts;
        std::uint64_t requests = 0;
        bool available = false;
    };
    struct call_rates {
        std::string point;
        call_count reference, ours;
    };
    std::vector<call_rates> calls;

    std::printf("%-7s %12s %7s %12s %7s %6s %11s %9s %9s %6s %11s %10s\n", "point", "asio req/s",
                "p99 us", "protokit", "p99 us", "ratio", "quartiles", "asio cpu", "ours cpu",
                "ratio", "quartiles", "allocs/req");
    bool failed = false;
    for (auto const& p : points) {
        std::vector<bench::load_result> ref_runs, our_runs;
        std::uint64_t allocs = 0, counted_requests = 0;
        // Server CPU time over the measured part of every round, for ns/request.
        std::uint64_t ref_cpu_ns = 0, ref_requests = 0, our_cpu_ns = 0;
        // The ratios of each round's pair of runs: a drift of the machine
        // over the rounds moves both runs of a pair alike.
        std::vector<double> rate_ratios, cpu_ratios;
        for (int r = 0; r < rounds; ++r) {
            std::uint64_t cpu_start = 0, ref_round_ns = 0, our_round_ns = 0;
            auto run_reference = [&] {
                return bench::run_doubler_load(
                    reference.endpoint(), p.connections, p.depth, warmup, measure,
                    [&] { cpu_start = reference_cpu.now_ns(); },
                    [&] { ref_round_ns = reference_cpu.now_ns() - cpu_start; });
            };
            std::uint64_t start = 0, end = 0;
            auto run_ours = [&] {
                return bench::run_doubler_load(
                    ours.endpoint(), p.connections, p.depth, warmup, measure,
                    [&] {
                        start = server_allocations.load();
                        cpu_start = our_cpu.now_ns();
                    },
                    [&] {
                        end = server_allocations.load();
                        our_round_ns = our_cpu.now_ns() - cpu_start;
                    });
            };
            // Who goes first alternates, so that neither always follows the other.
            bench::load_result ref_run, run;
            if (r % 2 == 0) {
                ref_run = run_reference();
                run = run_ours();
            } else {
                run = run_ours();
                ref_run = run_reference();
            }
            ref_cpu_ns += ref_round_ns;
            ref_requests += ref_run.requests;
            ref_runs.push_back(ref_run);
            our_cpu_ns += our_round_ns;
            allocs += end - start;
            counted_requests += run.requests;
            our_runs.push_back(run);
            if (ref_run.requests_per_second > 0)
                rate_ratios.push_back(run.requests_per_second / ref_run.requests_per_second);
            if (run.requests > 0 && ref_run.requests > 0 && our_round_ns > 0) {
                cpu_ratios.push_back(
                    (static_cast<double>(ref_round_ns) / static_cast<double>(ref_run.requests)) /
                    (static_cast<double>(our_round_ns) / static_cast<double>(run.requests)));
            }
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
        auto const rate = bench::spread_of(rate_ratios);
        auto const cpu = bench::spread_of(cpu_ratios);
        char name[32];
        std::snprintf(name, sizeof name, "%dx%d", p.connections, p.depth);
        // The ratios are the medians of the rounds' pairs; the CPU ratio is asio's cost over
        // ours: above 1 means protokit does less work a request.
        std::printf(
            "%-7s %12.0f %7.0f %12.0f %7.0f %6.2f %11s %9.0f %9.0f %6.2f %11s %10.4f\n", name,
            ref.requests_per_second, ref.p99_us, our.requests_per_second, our.p99_us, rate.median,
            rate.range().c_str(), ref_ns, our_ns, cpu.median, cpu.range().c_str(),
            counted_requests ? static_cast<double>(allocs) / static_cast<double>(counted_requests)
                             : 0.0);
        std::fflush(stdout);

        // The system calls, in a round of their own: while the kernel counts
        // a thread's calls, each costs more, and the server that makes more
        // of them would pay more in the rounds above.
        auto count_calls = [&](boost::asio::ip::tcp::endpoint server, pid_t tid, call_count& into) {
            bench::syscall_counter const counter(tid);
            into.available = counter.available();
            bench::syscall_counts at_start;
            auto const run = bench::run_doubler_load(
                server, p.connections, p.depth, warmup, measure, [&] { at_start = counter.read(); },
                [&] { into.counts = counter.read() - at_start; });
            into.requests = run.requests;
        };
        call_rates rates{name, {}, {}};
        count_calls(reference.endpoint(), reference.thread_id(), rates.reference);
        count_calls(ours.endpoint(), ours.thread_id(), rates.ours);
        calls.push_back(rates);
    }

    // System calls per request, counted by the kernel in a round of their own at each point.
    std::printf("\nsystem calls per request (kernel tracepoints, one more round a point; receive = "
                "recvfrom/recvmsg/read, send = sendto/sendmsg/write, wait = epoll_wait, ctl = "
                "epoll_ctl)\n");
    std::printf("%-7s %26s   %26s\n", "", "asio", "protokit");
    std::printf("%-7s %6s %6s %6s %6s   %6s %6s %6s %6s\n", "point", "recv", "send", "wait", "ctl",
                "recv", "send", "wait", "ctl");
    for (auto const& c : calls) {
        auto cell = [](call_count const& of, std::uint64_t n) {
            char text[16];
            if (!of.available || of.requests == 0)
                std::snprintf(text, sizeof text, "-");
            else
                std::snprintf(text, sizeof text, "%.3f",
                              static_cast<double>(n) / static_cast<double>(of.requests));
            return std::string(text);
        };
        auto const& r = c.reference;
        auto const& o = c.ours;
        std::printf("%-7s %6s %6s %6s %6s   %6s %6s %6s %6s\n", c.point.c_str(),
                    cell(r, r.counts.receives).c_str(), cell(r, r.counts.sends).c_str(),
                    cell(r, r.counts.waits).c_str(), cell(r, r.counts.controls).c_str(),
                    cell(o, o.counts.receives).c_str(), cell(o, o.counts.sends).c_str(),
                    cell(o, o.counts.waits).c_str(), cell(o, o.counts.controls).c_str());
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

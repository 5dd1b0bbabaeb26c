// The doubler benchmark: protokit's doubler server (pipeline::server_proto,
// tcp_server, one thread) against a hand-written single-threaded Boost.Asio
// doubler, driven in the same run by the same load generator, at several
// points of connections x pipeline depth. Prints requests/s, p99 latency,
// the ratio protokit / hand-written, and protokit's heap allocations per
// request in steady state (counted on the server's thread only).
//
//   bench_doubler [--points 1x1,1x16,50x1,50x16] [--seconds 2] [--warmup-ms 500] [--rounds 3]

#include <protokit/future/ok.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/service/service_fn.hpp>

#include "common/args.hpp"
#include "common/int_proto.hpp"
#include "load.hpp"
#include "reference_doubler.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <sstream>
#include <string>
#include <thread>
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
[[gnu::noinline]] void counted_free(void* p) noexcept { std::free(p); }

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
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

namespace {

/// protokit's doubler, served on its own thread until destroyed.
class protokit_doubler {
public:
    protokit_doubler()
        : server_(example::int_proto{}, {boost::asio::ip::make_address("127.0.0.1"), 0}),
          handle_(server_.handle_signals(false).get_handle())
    {
        thread_ = std::thread([this] {
            server_.with_handle([](protokit::reactor::handle const&) {
                allocation_counter = &server_allocations;
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

private:
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
        if (std::sscanf(item.c_str(), "%dx%d", &p.connections, &p.depth) != 2 || p.connections < 1 || p.depth < 1) {
            std::fprintf(stderr, "bad point '%s' (want CxD)\n", item.c_str());
            std::exit(2);
        }
        points.push_back(p);
    }
    return points;
}

bench::load_result median(std::vector<bench::load_result> runs)
{
    std::sort(runs.begin(), runs.end(),
              [](auto const& a, auto const& b) { return a.requests_per_second < b.requests_per_second; });
    return runs[runs.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv,
                       "bench_doubler [--points 1x1,1x16,50x1,50x16] [--seconds S] [--warmup-ms MS] [--rounds N]");
    auto const points = parse_points(args.get("points").value_or("1x1,1x16,50x1,50x16"));
    auto const measure = std::chrono::seconds(args.number("seconds", 2));
    auto const warmup = std::chrono::milliseconds(args.number("warmup-ms", 500));
    int const rounds = static_cast<int>(std::max<std::uint64_t>(1, args.number("rounds", 3)));

    bench::reference_doubler reference;
    protokit_doubler ours;

    std::printf("%-8s %14s %9s %14s %9s %7s %11s\n", "point", "asio req/s", "p99 us", "protokit req/s", "p99 us",
                "ratio", "allocs/req");
    bool failed = false;
    for (auto const& p : points) {
        std::vector<bench::load_result> ref_runs, our_runs;
        std::uint64_t allocs = 0, counted_requests = 0;
        for (int r = 0; r < rounds; ++r) {
            ref_runs.push_back(bench::run_doubler_load(reference.endpoint(), p.connections, p.depth, warmup, measure));
            std::uint64_t start = 0, end = 0;
            auto run = bench::run_doubler_load(
                ours.endpoint(), p.connections, p.depth, warmup, measure,
                [&] { start = server_allocations.load(); }, [&] { end = server_allocations.load(); });
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
        char name[32];
        std::snprintf(name, sizeof name, "%dx%d", p.connections, p.depth);
        std::printf("%-8s %14.0f %9.0f %14.0f %9.0f %7.2f %11.4f\n", name, ref.requests_per_second, ref.p99_us,
                    our.requests_per_second, our.p99_us, our.requests_per_second / ref.requests_per_second,
                    counted_requests ? static_cast<double>(allocs) / static_cast<double>(counted_requests) : 0.0);
        std::fflush(stdout);
    }
    if (failed)
        std::printf("some answers were wrong or connections failed\n");
    return failed ? 1 : 0;
}

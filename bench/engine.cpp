// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// What protokit's own code costs a request, apart from the kernel and the
// reactor: the doubler's connection (framed, int_codec, the connection
// engine and the pipelined dispatch, as tcp_server runs them) over an
// in-memory transport, against the hand-written doubler's parse-and-answer
// loop (bench::answer_lines, which reference_doubler runs) over the same
// bytes. Each batch of D requests is copied in as one read would, answered,
// and taken as one write would; neither side makes a system call.
//
// On a shared machine bench_doubler's ratios move by more than a change to
// this path can; here the same work repeats with nothing else in the way,
// so a few nanoseconds a request show.
//
//   bench_engine [--depths 1,16,64] [--batches N] [--rounds R]

#include <protokit/future/ok.hpp>
#include <protokit/future/task.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/service/service_fn.hpp>

#include "common/args.hpp"
#include "common/int_proto.hpp"
#include "reference_doubler.hpp"
#include "spread.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace pf = protokit::future;

/// The bytes one batch brings, and what the server wrote.
struct wire {
    std::string batch;
    std::size_t offset = 0;
    bool arrived = false; // a batch waits to be read
    std::uint64_t written = 0;
};

/// An Io object over `wire`: a batch arrives whole, as one read; writes are counted.
class memory_io {
public:
    explicit memory_io(wire& w) noexcept : w_(&w) {}

    pf::poll_result<std::size_t> poll_read(std::span<char> buf)
    {
        if (!w_->arrived)
            return pf::not_ready; // the bench polls again once the next batch is in
        std::size_t const n = std::min(buf.size(), w_->batch.size() - w_->offset);
        std::memcpy(buf.data(), w_->batch.data() + w_->offset, n);
        w_->offset += n;
        if (w_->offset == w_->batch.size()) {
            w_->offset = 0;
            w_->arrived = false;
        }
        return pf::ready(n);
    }

    pf::poll_result<std::size_t> poll_write(std::span<char const> buf)
    {
        w_->written += buf.size();
        return pf::ready(buf.size());
    }

    pf::poll_result<pf::unit> poll_flush() { return pf::ready(); }
    pf::poll_result<pf::unit> shutdown() { return pf::ready(); }

private:
    wire* w_;
};

/// `depth` lines of numbers, as the load generator sends them.
std::string make_batch(int depth)
{
    std::string s;
    for (int i = 0; i < depth; ++i)
        s += std::to_string(1000003u * static_cast<unsigned>(i + 1) % 100000000u) + "\n";
    return s;
}

/// The bytes the answers to `batch` take.
std::size_t answer_size(std::string const& batch)
{
    std::string out;
    bench::answer_lines(batch.data(), batch.size(), out);
    return out.size();
}

using clock_type = std::chrono::steady_clock;

/// ns a request for protokit's connection over `batches` batches.
double time_protokit(std::string const& batch, int depth, long batches)
{
    wire w;
    w.batch = batch;
    auto conn = protokit::proto::server_connection(
        example::int_proto{}, memory_io(w),
        protokit::service::service_fn([](std::uint64_t n) { return pf::ok(n * 2); }));
    pf::task_scope scope(pf::noop_task());
    auto const start = clock_type::now();
    for (long i = 0; i < batches; ++i) {
        w.arrived = true;
        if (!conn.poll().is_not_ready())
            std::abort(); // the connection ended
    }
    auto const elapsed = clock_type::now() - start;
    if (w.written != static_cast<std::uint64_t>(batches) * answer_size(batch))
        std::abort(); // not every request was answered
    return std::chrono::duration<double, std::nano>(elapsed).count() /
           (static_cast<double>(batches) * depth);
}

/// ns a request for the hand-written loop: the read copied in, answered, the write taken.
double time_reference(std::string const& batch, int depth, long batches)
{
    std::vector<char> rbuf(65536);
    std::size_t rlen = 0;
    std::string pending;
    std::uint64_t written = 0;
    auto const start = clock_type::now();
    for (long i = 0; i < batches; ++i) {
        std::memcpy(rbuf.data() + rlen, batch.data(), batch.size());
        rlen += batch.size();
        auto const used = bench::answer_lines(rbuf.data(), rlen, pending);
        if (!used)
            std::abort();
        std::copy(rbuf.data() + *used, rbuf.data() + rlen, rbuf.data());
        rlen -= *used;
        written += pending.size();
        pending.clear();
    }
    auto const elapsed = clock_type::now() - start;
    if (written != static_cast<std::uint64_t>(batches) * answer_size(batch))
        std::abort();
    return std::chrono::duration<double, std::nano>(elapsed).count() /
           (static_cast<double>(batches) * depth);
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv, "bench_engine [--depths 1,16,64] [--batches N] [--rounds R]");
    std::vector<int> depths;
    {
        std::istringstream in(args.get("depths").value_or("1,16,64"));
        std::string item;
        while (std::getline(in, item, ','))
            depths.push_back(std::max(1, std::atoi(item.c_str())));
    }
    long const requests = static_cast<long>(args.number("batches", 0));
    int const rounds = static_cast<int>(std::max<std::uint64_t>(1, args.number("rounds", 7)));

    std::printf("%-6s %12s %12s %7s %11s\n", "depth", "asio ns/req", "ours ns/req", "ratio",
                "quartiles");
    for (int depth : depths) {
        std::string const batch = make_batch(depth);
        // About two million requests a round unless told.
        long const batches = requests > 0 ? requests : std::max(1L, 2000000L / depth);
        std::vector<double> ref, ours, ratios;
        for (int r = 0; r < rounds; ++r) {
            double const a = time_reference(batch, depth, batches);
            double const b = time_protokit(batch, depth, batches);
            ref.push_back(a);
            ours.push_back(b);
            ratios.push_back(a / b);
        }
        // The ratio is the hand-written loop's cost over protokit's: above 1, protokit's is less.
        auto const ratio = bench::spread_of(ratios);
        std::printf("%-6d %12.1f %12.1f %7.2f %11s\n", depth, bench::spread_of(ref).median,
                    bench::spread_of(ours).median, ratio.median, ratio.range().c_str());
        std::fflush(stdout);
    }
    return 0;
}

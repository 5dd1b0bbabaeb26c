// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_BENCH_LOAD_HPP
#define PROTOKIT_BENCH_LOAD_HPP

// A load generator for line-based request/response servers (the doubler):
// C connections, each keeping D requests in flight, one thread, plain Asio.
// It checks every answer and records latencies in a histogram.

#include <boost/asio.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>
#include <time.h>

namespace bench {

using clock_type = std::chrono::steady_clock;

/// Latencies in microsecond buckets up to 1 s, for percentiles.
class histogram {
public:
    histogram() : buckets_(1'000'000, 0) {}

    void record(clock_type::duration d)
    {
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
        ++buckets_[static_cast<std::size_t>(std::clamp<std::int64_t>(us, 0, 999'999))];
        ++count_;
    }

    /// The latency under which `q` (0..1) of the samples fall, in microseconds.
    double percentile(double q) const
    {
        std::uint64_t target = static_cast<std::uint64_t>(q * static_cast<double>(count_));
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < buckets_.size(); ++i) {
            seen += buckets_[i];
            if (seen > target)
                return static_cast<double>(i);
        }
        return static_cast<double>(buckets_.size());
    }

    std::uint64_t count() const { return count_; }

private:
    std::vector<std::uint32_t> buckets_;
    std::uint64_t count_ = 0;
};

struct load_result {
    double requests_per_second = 0;
    double p50_us = 0;
    double p99_us = 0;
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
};

/** The CPU time a thread has used, in nanoseconds.

    A server's CPU time per request is steadier than its throughput on a
    shared, noisy machine: a neighbour's load slows the wall clock of both
    servers differently from run to run, but not the work each does.
*/
class thread_cpu_clock {
public:
    explicit thread_cpu_clock(std::thread& t)
    {
        if (pthread_getcpuclockid(t.native_handle(), &id_) != 0)
            throw std::runtime_error("pthread_getcpuclockid failed");
    }

    std::uint64_t now_ns() const
    {
        timespec ts{};
        clock_gettime(id_, &ts);
        return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u +
               static_cast<std::uint64_t>(ts.tv_nsec);
    }

private:
    clockid_t id_{};
};

/// Drives a doubler at `server` with `connections` x `depth` for `warmup` + `measure`.
inline load_result run_doubler_load(boost::asio::ip::tcp::endpoint server, int connections,
                                    int depth, clock_type::duration warmup,
                                    clock_type::duration measure,
                                    std::function<void()> on_measure_start = {},
                                    std::function<void()> on_measure_end = {})
{
    namespace asio = boost::asio;
    using asio::ip::tcp;

    asio::io_context ioc(1);
    histogram latencies;
    load_result result;
    auto const start = clock_type::now();
    auto const measure_from = start + warmup;
    auto const stop_at = measure_from + measure;
    bool stopping = false;

    struct connection : std::enable_shared_from_this<connection> {
        tcp::socket socket;
        std::array<char, 65536> rbuf{};
        std::size_t rlen = 0;
        std::string out, pending;
        bool writing = false;
        std::uint64_t next = 1;
        std::deque<std::pair<std::uint64_t, clock_type::time_point>> sent;
        explicit connection(asio::io_context& ioc) : socket(ioc) {}
    };
    std::vector<std::shared_ptr<connection>> conns;

    std::function<void(std::shared_ptr<connection>)> start_write, start_read;
    asio::steady_timer deadline(ioc);
    int active = connections;

    auto queue_request = [&](connection& c) {
        std::uint64_t v = c.next++;
        char buf[24];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
        c.pending.append(buf, p);
        c.pending.push_back('\n');
        c.sent.emplace_back(v, clock_type::now());
    };

    start_write = [&](std::shared_ptr<connection> c) {
        if (c->writing || c->pending.empty())
            return;
        c->writing = true;
        std::swap(c->out, c->pending);
        asio::async_write(c->socket, asio::buffer(c->out),
                          [&, c](boost::system::error_code ec, std::size_t) {
                              c->writing = false;
                              c->out.clear();
                              if (ec) {
                                  ++result.errors;
                                  return;
                              }
                              start_write(c);
                          });
    };

    start_read = [&](std::shared_ptr<connection> c) {
        c->socket.async_read_some(asio::buffer(c->rbuf.data() + c->rlen, c->rbuf.size() - c->rlen),
                                  [&, c](boost::system::error_code ec, std::size_t n) {
                                      if (ec) {
                                          if (!stopping)
                                              ++result.errors;
                                          return;
                                      }
                                      c->rlen += n;
                                      auto now = clock_type::now();
                                      std::size_t pos = 0;
                                      for (;;) {
                                          auto* begin = c->rbuf.data() + pos;
                                          auto* end = c->rbuf.data() + c->rlen;
                                          auto* nl = std::find(begin, end, '\n');
                                          if (nl == end)
                                              break;
                                          std::uint64_t got = 0;
                                          std::from_chars(begin, nl, got);
                                          if (c->sent.empty() || got != c->sent.front().first * 2) {
                                              ++result.errors;
                                          } else {
                                              if (now >= measure_from && now < stop_at) {
                                                  latencies.record(now - c->sent.front().second);
                                                  ++result.requests;
                                              }
                                              c->sent.pop_front();
                                          }
                                          pos = static_cast<std::size_t>(nl - c->rbuf.data()) + 1;
                                          if (now < stop_at)
                                              queue_request(*c);
                                      }
                                      std::copy(c->rbuf.data() + pos, c->rbuf.data() + c->rlen,
                                                c->rbuf.data());
                                      c->rlen -= pos;
                                      start_write(c);
                                      if (now < stop_at || !c->sent.empty())
                                          start_read(c);
                                      else if (--active == 0)
                                          deadline.cancel();
                                  });
    };

    for (int i = 0; i < connections; ++i) {
        auto c = std::make_shared<connection>(ioc);
        c->socket.connect(server);
        c->socket.set_option(tcp::no_delay(true));
        for (int d = 0; d < depth; ++d)
            queue_request(*c);
        conns.push_back(c);
    }
    for (auto& c : conns) {
        start_write(c);
        start_read(c);
    }

    asio::steady_timer window_start(ioc), window_end(ioc);
    if (on_measure_start) {
        window_start.expires_at(measure_from);
        window_start.async_wait([&](boost::system::error_code) { on_measure_start(); });
    }
    if (on_measure_end) {
        window_end.expires_at(stop_at);
        window_end.async_wait([&](boost::system::error_code) { on_measure_end(); });
    }
    deadline.expires_at(stop_at + std::chrono::seconds(2));
    deadline.async_wait([&](boost::system::error_code) {
        stopping = true;
        for (auto& c : conns)
            c->socket.close();
    });
    ioc.run_until(stop_at + std::chrono::seconds(3));
    stopping = true;
    for (auto& c : conns) {
        boost::system::error_code ignored;
        c->socket.close(ignored);
    }

    auto secs = std::chrono::duration<double>(measure).count();
    result.requests_per_second = static_cast<double>(result.requests) / secs;
    result.p50_us = latencies.percentile(0.50);
    result.p99_us = latencies.percentile(0.99);
    return result;
}

} // namespace bench

#endif

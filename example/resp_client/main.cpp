// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// A load client for any Redis server: SET, GET and INCR in turn on one
// pipelined connection, --depth of them in flight (the client's poll_ready
// says when another may go), every reply checked, the rate printed.
//
//   resp_client [--connect 127.0.0.1:6379] [--requests 100000] [--depth 16]
//               [--style future|coroutine]
//
// Request i of round r = i / 3 is SET <prefix>:key:<r % 1000> v<r>, then GET
// of that key (which must give v<r>), then INCR <prefix>:counter (which must
// give r + 1); the prefix is new each run, and the keys are deleted at the
// end. Exits non-zero if any reply is wrong or the connection fails. The load
// is written twice: as a future by hand (the default) and as a coroutine
// (--style coroutine).

#include <protokit/future/async_fn.hpp>
#include <protokit/future/future.hpp>
#include <protokit/reactor/core.hpp>

#include "../common/args.hpp"
#include "../common/resp_client.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <iostream>
#include <random>
#include <sstream>
#include <string>

#include <unistd.h>

namespace {

namespace pf = protokit::future;
using example::resp::command;
using example::resp::value;

/// Keys the load cycles through.
constexpr std::uint64_t key_count = 1000;

/// What the load sends and expects: request `i`, the check of its reply, the keys to delete.
class workload {
public:
    workload(std::uint64_t total, std::string prefix) : total_(total), prefix_(std::move(prefix)) {}

    std::uint64_t total() const noexcept { return total_; }
    std::uint64_t wrong() const noexcept { return wrong_; }

    command request(std::uint64_t i) const
    {
        std::uint64_t const round = i / 3;
        switch (i % 3) {
        case 0: return command{"SET", key(round % key_count), "v" + std::to_string(round)};
        case 1: return command{"GET", key(round % key_count)};
        default: return command{"INCR", prefix_ + ":counter"};
        }
    }

    void check(std::uint64_t i, value const& reply)
    {
        std::uint64_t const round = i / 3;
        value expected;
        switch (i % 3) {
        case 0: expected = value::ok(); break;
        case 1: expected = value::bulk_string("v" + std::to_string(round)); break;
        default: expected = value::integer(static_cast<std::int64_t>(round + 1)); break;
        }
        if (reply == expected)
            return;
        if (++wrong_ <= 5)
            std::cerr << "resp_client: request " << i << ": expected " << expected << ", got "
                      << reply << std::endl;
    }

    /// The keys the load wrote, to delete.
    command cleanup() const
    {
        command c;
        c.push_back(protokit::io::bytes::from_static("DEL"));
        c.push_back(protokit::io::bytes(prefix_ + ":counter"));
        for (std::uint64_t k = 0; k < std::min(key_count, (total_ + 2) / 3); ++k)
            c.push_back(protokit::io::bytes(key(k)));
        return c;
    }

private:
    std::string key(std::uint64_t k) const { return prefix_ + ":key:" + std::to_string(k); }

    std::uint64_t total_;
    std::string prefix_;
    std::uint64_t wrong_ = 0;
};

/// The load as a future written by hand: requests made as poll_ready allows, replies taken and
/// checked in order.
class load : public pf::future_facade<load> {
public:
    using item_type = std::uint64_t; // wrong replies
    using error_type = pf::error_code;

    load(example::resp::client c, workload w) : client_(std::move(c)), work_(std::move(w)) {}

    pf::poll_result<std::uint64_t> poll()
    {
        for (;;) {
            bool progress = false;
            while (sent_ < work_.total()) {
                auto room = client_.poll_ready();
                if (room.is_error())
                    return pf::fail(std::move(room).error());
                if (room.is_not_ready())
                    break;
                replies_.push_back(client_.call(work_.request(sent_++)));
                progress = true;
            }
            // A pipeline answers in order: only the oldest reply can be next.
            while (!replies_.empty()) {
                auto r = replies_.front().poll();
                if (r.is_not_ready())
                    break;
                replies_.pop_front();
                if (r.is_error())
                    return pf::fail(std::move(r).error());
                work_.check(received_++, r.value());
                progress = true;
            }
            if (received_ == work_.total())
                return pf::ready(work_.wrong());
            if (!progress)
                return pf::not_ready;
        }
    }

private:
    example::resp::client client_;
    workload work_;
    std::deque<example::resp::client::reply_future> replies_;
    std::uint64_t sent_ = 0;
    std::uint64_t received_ = 0;
};

/// The same load as a coroutine: up to `depth` requests ahead of the oldest reply, which is
/// awaited.
pf::async_fn<std::uint64_t> load_coroutine(example::resp::client c, workload work,
                                           std::size_t depth)
{
    std::deque<example::resp::client::reply_future> replies;
    for (std::uint64_t sent = 0, received = 0; received < work.total();) {
        if (sent < work.total() && replies.size() < depth) {
            replies.push_back(c.call(work.request(sent++)));
            continue;
        }
        value const reply = co_await replies.front();
        replies.pop_front();
        work.check(received++, reply);
    }
    co_return work.wrong();
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(
        argc, argv,
        "resp_client [--connect HOST:PORT] [--requests N] [--depth D] [--style future|coroutine]");
    auto const server = args.endpoint("connect", "127.0.0.1:6379");
    std::uint64_t const total = args.number("requests", 100000);
    std::size_t const depth = std::max<std::uint64_t>(args.number("depth", 16), 1);
    bool const coroutine = args.choice("style", {"future", "coroutine"}) == "coroutine";

    std::ostringstream prefix;
    prefix << "resp_client:" << ::getpid() << ':' << std::random_device{}();

    protokit::reactor::core core;
    std::chrono::steady_clock::time_point start;
    std::chrono::steady_clock::time_point end;
    auto work =
        example::resp::client::connect(server, core.get_handle(), depth)
            .and_then([&](example::resp::client c) {
                start = std::chrono::steady_clock::now();
                workload w(total, prefix.str());
                auto cleanup = w.cleanup();
                auto wrong = coroutine ? load_coroutine(c, std::move(w), depth).boxed()
                                       : load(c, std::move(w)).boxed();
                return std::move(wrong).and_then([&end, c, cleanup](std::uint64_t wrong) mutable {
                    end = std::chrono::steady_clock::now();
                    return c.call(std::move(cleanup)).map([wrong](value const& deleted) {
                        return deleted.is_error() ? wrong + 1 : wrong;
                    });
                });
            });
    auto wrong = core.run(std::move(work));
    if (!wrong) {
        std::cerr << "resp_client: " << wrong.error().message() << std::endl;
        return 1;
    }
    auto const seconds = std::chrono::duration<double>(end - start).count();
    std::cout << total << " requests, depth " << depth << ", " << *wrong << " wrong, "
              << static_cast<std::uint64_t>(static_cast<double>(total) / seconds) << " req/s"
              << std::endl;
    return *wrong == 0 ? 0 : 1;
}

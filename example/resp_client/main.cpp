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

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <deque>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace {

namespace pf = protokit::future;
using example::resp::command;
using example::resp::value;

/// Keys the load cycles through.
constexpr std::uint64_t key_count = 1000;

/** What the load sends and expects: request `i`, the check of its reply, the keys to delete.

    The keys are made once, in one block that each request's command shares,
    and a reply is checked against what it should say without building a
    value to compare it with: what is left per request is what a client
    must do (a command, and for SET its new value), not string building.
*/
class workload {
public:
    workload(std::uint64_t total, std::string const& prefix) : total_(total)
    {
        std::string all = prefix + ":counter";
        std::vector<std::size_t> ends{all.size()};
        for (std::uint64_t k = 0; k < key_count; ++k) {
            all += prefix + ":key:" + std::to_string(k);
            ends.push_back(all.size());
        }
        protokit::io::bytes block(all);
        counter_ = block.split_to(ends[0]);
        for (std::size_t k = 1; k < ends.size(); ++k)
            keys_.push_back(block.split_to(ends[k] - ends[k - 1]));
    }

    std::uint64_t total() const noexcept { return total_; }
    std::uint64_t wrong() const noexcept { return wrong_; }

    command request(std::uint64_t i) const
    {
        using protokit::io::bytes;
        std::uint64_t const round = i / 3;
        command c;
        switch (i % 3) {
        case 0:
            c.push_back(bytes::from_static("SET"));
            c.push_back(keys_[round % key_count]);
            c.push_back(bytes(value_text(round).view()));
            break;
        case 1:
            c.push_back(bytes::from_static("GET"));
            c.push_back(keys_[round % key_count]);
            break;
        default:
            c.push_back(bytes::from_static("INCR"));
            c.push_back(counter_);
            break;
        }
        return c;
    }

    void check(std::uint64_t i, value const& reply)
    {
        using example::resp::type;
        std::uint64_t const round = i / 3;
        bool right = false;
        switch (i % 3) {
        case 0: right = reply.type() == type::simple_string && reply.text() == "OK"; break;
        case 1:
            right = reply.type() == type::bulk_string && reply.text() == value_text(round).view();
            break;
        default:
            right = reply.type() == type::integer &&
                    reply.as_integer() == static_cast<std::int64_t>(round + 1);
            break;
        }
        if (right)
            return;
        if (++wrong_ <= 5)
            std::cerr << "resp_client: request " << i << ": expected " << expected(i) << ", got "
                      << reply << std::endl;
    }

    /// The keys the load wrote, to delete.
    command cleanup() const
    {
        command c;
        c.push_back(protokit::io::bytes::from_static("DEL"));
        c.push_back(counter_);
        for (std::uint64_t k = 0; k < std::min(key_count, (total_ + 2) / 3); ++k)
            c.push_back(keys_[k]);
        return c;
    }

private:
    /// `v<round>`, the value SET writes in `round`, in a buffer of its own.
    struct text {
        char chars[24];
        std::size_t size;
        std::string_view view() const noexcept { return {chars, size}; }
    };

    static text value_text(std::uint64_t round) noexcept
    {
        text t;
        t.chars[0] = 'v';
        auto [end, ec] = std::to_chars(t.chars + 1, t.chars + sizeof t.chars, round);
        t.size = static_cast<std::size_t>(end - t.chars);
        return t;
    }

    /// The reply request `i` should have, for the message about a wrong one.
    static value expected(std::uint64_t i)
    {
        std::uint64_t const round = i / 3;
        switch (i % 3) {
        case 0: return value::ok();
        case 1: return value::bulk_string(value_text(round).view());
        default: return value::integer(static_cast<std::int64_t>(round + 1));
        }
    }

    std::uint64_t total_;
    protokit::io::bytes counter_;
    std::vector<protokit::io::bytes> keys_; // key_count of them, all in one block with counter_
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

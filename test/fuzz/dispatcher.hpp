// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_FUZZ_DISPATCHER_HPP
#define PROTOKIT_TEST_FUZZ_DISPATCHER_HPP

// What the server dispatcher targets share: a connection on the mock transport, driven by the
// fuzzer's bytes as a script of events (a request arrives, a call completes or fails, the
// transport becomes (un)writable, the peer closes or the read fails, the connection is polled),
// then wound down (every call completes, the transport takes everything, the peer closes). The
// checks: the connection ends; no more calls are in flight than its limit; every response is
// the answer to a request read, written once, in request order (pipeline) or with its request's
// id (multiplex); and when nothing failed, every request is answered.

#include "decoder.hpp"

#include "../support/mock_notify.hpp"
#include "../support/mock_transport.hpp"

#include <protokit/future/executor.hpp>
#include <protokit/future/unsync/oneshot.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/service/service_fn.hpp>

#include <cerrno>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace protokit::fuzz {

/// The calls a connection made to its service, each answered when the script says.
struct call_log {
    struct call {
        std::size_t seq; // the request's number, which its body carries
        std::optional<future::unsync::oneshot::sender<std::string>> tx;
    };
    std::vector<call> calls;

    /// The calls not answered yet.
    std::size_t live() const
    {
        std::size_t n = 0;
        for (auto const& c : calls)
            n += c.tx.has_value();
        return n;
    }

    /// The `k`-th call not answered yet (modulo their number), if any.
    call* pick(std::size_t k)
    {
        std::size_t const n = live();
        if (n == 0)
            return nullptr;
        k %= n;
        for (auto& c : calls)
            if (c.tx && k-- == 0)
                return &c;
        return nullptr;
    }

    /// Answers `c` with "r" and its request's number.
    static void answer(call& c)
    {
        (void)std::move(*c.tx).send("r" + std::to_string(c.seq));
        c.tx.reset();
    }
};

/// How the script went, for the checks at the end.
struct run_record {
    std::size_t sent = 0;                 // requests sent
    std::optional<std::size_t> read_fail; // requests sent before the read error
    std::optional<std::size_t> failed;    // the first request whose call failed
    bool duplicate = false;               // a live id was sent again (multiplex)
    bool clean = false;                   // the connection ended without an error
};

/// Runs a script on a connection of `Kind` (`pipeline_kind`, `multiplex_kind`) and checks it.
template <class Kind>
void run_server_script(input& in)
{
    using transport = typename Kind::transport;
    transport t;
    auto ctl = t.get_control();
    auto log = std::make_shared<call_log>();
    auto service = service::service_fn([log](std::string request) {
        auto channel = future::unsync::oneshot::channel<std::string>();
        log->calls.push_back({std::stoul(request), std::move(channel.first)});
        return std::move(channel.second);
    });
    proto::connection_options options;
    options.max_in_flight = 1 + in.byte() % 8;
    options.poll_budget = 1 + in.byte() % 16;
    auto conn = future::spawn(Kind::connection(t, std::move(service), options));
    auto n = test::make_counting_notify();

    run_record run;
    std::vector<std::uint64_t> ids; // the id each request was sent with
    bool done = false;
    bool eof = false;
    bool writable = true;
    auto poll = [&] {
        if (done)
            return;
        auto r = conn.poll_future_notify(n, 0);
        if (r.is_ready()) {
            done = true;
            run.clean = true;
        } else if (r.is_error()) {
            done = true;
        }
        check(log->live() <= options.max_in_flight, "more calls in flight than the limit");
    };

    while (!in.empty() && !done) {
        std::uint8_t const op = in.byte();
        switch (op % 8) {
        case 0:
        case 1: {
            if (eof || run.read_fail)
                break;
            // Mostly fresh ids; sometimes one of eight, which may be live (multiplex).
            std::uint64_t const id = (op & 0xe0) == 0xe0 ? (op >> 3) % 4 : 100 + run.sent;
            if constexpr (Kind::has_ids) {
                // Live: sent, and not answered yet.
                std::vector<bool> answered(run.sent);
                for (auto const& w : ctl.written())
                    if (auto seq = Kind::seq_of(w); seq < run.sent)
                        answered[seq] = true;
                for (std::size_t seq = 0; seq < run.sent; ++seq)
                    if (!answered[seq] && ids[seq] == id)
                        run.duplicate = true;
            }
            ids.push_back(id);
            ctl.send(Kind::request(id, std::to_string(run.sent)));
            ++run.sent;
            break;
        }
        case 2:
        case 3:
            if (auto* c = log->pick(in.byte()))
                call_log::answer(*c);
            break;
        case 4:
            writable = !writable;
            ctl.set_writable(writable);
            break;
        case 5:
            if ((op & 0xf0) == 0xf0) {
                if (auto* c = log->pick(in.byte())) {
                    // The sender dropped: the call fails (canceled).
                    if (!run.failed || c->seq < *run.failed)
                        run.failed = c->seq;
                    c->tx.reset();
                }
            } else if ((op & 0xf0) == 0xe0 && !eof && !run.read_fail) {
                ctl.send_error(future::error_code(ECONNRESET, boost::system::generic_category()));
                run.read_fail = run.sent;
            } else if (!eof) {
                ctl.send_eof();
                eof = true;
            }
            break;
        default: poll(); break;
        }
    }

    // Wind down: the transport takes everything, the peer closes, every call completes.
    ctl.set_writable(true);
    if (!eof && !run.read_fail)
        ctl.send_eof();
    for (int round = 0; round < 1000 && !done; ++round) {
        while (auto* c = log->pick(0))
            call_log::answer(*c);
        poll();
    }
    check(done, "the connection did not end once the peer closed and every call completed");
    check(log->calls.size() <= run.sent, "more calls than requests");
    Kind::check_responses(ctl.written(), ids, run);
}

/// The pipelined server: string frames, answered in request order.
struct pipeline_kind {
    using transport = test::mock_transport<std::string, std::string>;
    static constexpr bool has_ids = false;

    static std::string request(std::uint64_t, std::string body) { return body; }

    static void check_responses(std::vector<std::string> const& written,
                                std::vector<std::uint64_t> const&, run_record const& run)
    {
        // In request order, each once: the i-th response answers the i-th request.
        for (std::size_t i = 0; i < written.size(); ++i)
            check(written[i] == "r" + std::to_string(i), "a response out of request order");
        check(written.size() <= run.sent, "more responses than requests");
        if (run.failed)
            check(written.size() <= *run.failed, "a response after a failed call");
        if (!run.failed && !run.read_fail)
            check(run.clean && written.size() == run.sent, "a request was not answered");
        if (run.read_fail && !run.failed)
            check(written.size() == *run.read_fail,
                  "the requests before a read error were not all answered");
    }
};

/// The multiplexed server: (id, string) frames, answered in any order with their ids.
struct multiplex_kind {
    using frame = std::pair<std::uint64_t, std::string>;
    using transport = test::mock_transport<frame, frame>;
    static constexpr bool has_ids = true;

    static frame request(std::uint64_t id, std::string body) { return {id, std::move(body)}; }

    /// The number of the request a response answers ("r<number>"), or -1.
    static std::size_t seq_of(frame const& f)
    {
        if (f.second.size() < 2 || f.second[0] != 'r')
            return static_cast<std::size_t>(-1);
        return std::stoul(f.second.substr(1));
    }

    static void check_responses(std::vector<frame> const& written,
                                std::vector<std::uint64_t> const& ids, run_record const& run)
    {
        std::set<std::size_t> answered;
        for (auto const& f : written) {
            std::size_t const seq = seq_of(f);
            check(seq < ids.size(), "an answer to a request never sent");
            auto const id = f.first;
            check(ids[seq] == id, "an answer with another request's id");
            check(answered.insert(seq).second, "a request answered twice");
        }
        if (!run.failed && !run.read_fail && !run.duplicate)
            check(run.clean && answered.size() == run.sent, "a request was not answered");
    }
};

} // namespace protokit::fuzz

#endif

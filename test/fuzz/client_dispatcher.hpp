// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_FUZZ_CLIENT_DISPATCHER_HPP
#define PROTOKIT_TEST_FUZZ_CLIENT_DISPATCHER_HPP

// What the client dispatcher targets share: a client connection on the mock transport
// (`proto::client_connection`, its future polled by hand), driven by the fuzzer's bytes as a
// script of events: the user calls, drops a call or drops the client; the peer answers a
// request it was sent (in order, or by id in any order), answers nothing that was asked (or
// with an id not in flight), closes or fails the read; the transport becomes (un)writable; the
// connection and the calls are polled. Then it is wound down (the peer answers what it was
// sent, the client is dropped, the peer closes). The checks: the connection ends; every call
// ends; a call that succeeds has its own request's answer; the peer never sees more requests
// in flight than the limit; and with a well-behaved peer every call that was not dropped
// succeeds.

#include "decoder.hpp"

#include "../support/mock_notify.hpp"
#include "../support/mock_transport.hpp"

#include <protokit/future/executor.hpp>
#include <protokit/future/task.hpp>
#include <protokit/proto/family.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace protokit::fuzz {

/// Runs a script on a client connection of `Kind` (`pipeline_client_kind`,
/// `multiplex_client_kind`) and checks it.
template <class Kind>
void run_client_script(input& in)
{
    using transport = typename Kind::transport;
    transport t;
    auto ctl = t.get_control();
    std::size_t const max_in_flight = 1 + in.byte() % 8;
    auto [client_service, connection] =
        proto::client_connection(typename Kind::proto{}, t, max_in_flight);
    std::optional<decltype(client_service)> client(std::move(client_service));
    auto conn = future::spawn(std::move(connection));
    auto n = test::make_counting_notify();

    using call_future = decltype(future::spawn(client->call(std::string())));
    struct call {
        std::optional<call_future> f; // empty once it ended or was dropped
        bool dropped = false;
        bool refused = false; // made while the client was not ready
        bool succeeded = false;
    };
    std::vector<call> calls;
    std::size_t answered = 0;      // requests the peer answered (their frames in `written`)
    std::set<std::size_t> replied; // multiplex: the written requests answered, by position
    bool misbehaved = false;       // the peer answered what was not asked, or closed early
    bool shifted = false;          // pipeline: an answer to nothing asked, taken as the next one's
    bool read_failed = false;
    bool eof = false;
    bool writable = true;
    bool done = false;

    auto poll_calls = [&] {
        for (std::size_t seq = 0; seq < calls.size(); ++seq) {
            auto& c = calls[seq];
            if (!c.f)
                continue;
            auto r = c.f->poll_future_notify(n, seq + 1);
            if (r.is_not_ready())
                continue;
            if (r.is_ready()) {
                check(shifted || r.value() == "r" + std::to_string(seq),
                      "a call got another call's answer");
                c.succeeded = true;
            }
            c.f.reset();
        }
    };
    auto poll = [&] {
        if (!done)
            done = !conn.poll_future_notify(n, 0).is_not_ready();
        poll_calls();
        check(shifted || Kind::in_flight(ctl.written(), answered, replied) <= max_in_flight,
              "more requests in flight than the limit");
    };

    while (!in.empty()) {
        std::uint8_t const op = in.byte();
        switch (op % 8) {
        case 0:
        case 1: { // a call, when the client is ready for one (or, now and then, anyway)
            if (!client)
                break;
            future::task const task(n, 1000);
            bool ready = false;
            {
                future::task_scope scope(task);
                ready = !client->poll_ready().is_not_ready();
            }
            if (!ready && (op & 0x80) == 0)
                break;
            calls.push_back({future::spawn(client->call(std::to_string(calls.size()))), false});
            calls.back().refused = !ready; // it may fail with error::limit_reached
            poll_calls();
            break;
        }
        case 2:
        case 3: // the peer answers a request it was sent
            if (eof || read_failed)
                break;
            Kind::answer(ctl, in.byte(), answered, replied);
            break;
        case 4:
            writable = !writable;
            ctl.set_writable(writable);
            break;
        case 5:
            if ((op & 0xf0) == 0xf0) { // the user drops a call
                for (std::size_t k = in.byte(); auto& c : calls)
                    if (c.f && k-- == 0) {
                        c.f.reset();
                        c.dropped = true;
                        break;
                    }
            } else if ((op & 0xf0) == 0xe0) {
                client.reset(); // the user drops the client
            } else if ((op & 0xf0) == 0xd0 && !eof && !read_failed) {
                ctl.send(Kind::unasked(op)); // an answer to nothing asked
                misbehaved = true;
                // On a pipelined wire it is the answer to the next request written, if any:
                // nothing can tell. From then on answers are off by one.
                shifted = shifted || Kind::ordered;
            } else if ((op & 0xf0) == 0xc0 && !eof && !read_failed) {
                ctl.send_error(future::error_code(ECONNRESET, boost::system::generic_category()));
                read_failed = true;
            } else if (!eof && !read_failed) {
                ctl.send_eof();
                eof = true;
                misbehaved = true; // calls in flight may be left unanswered
            }
            break;
        default: poll(); break;
        }
    }

    // Wind down: the transport takes everything; the peer answers what it was sent; the user
    // waits for the calls, then drops the client; the peer closes.
    ctl.set_writable(true);
    for (int round = 0; round < 1000 && !done; ++round) {
        if (!eof && !read_failed)
            while (Kind::answer(ctl, 0, answered, replied)) {
            }
        poll();
        bool const waiting =
            std::any_of(calls.begin(), calls.end(), [](call const& c) { return c.f.has_value(); });
        if (!waiting)
            client.reset();
        if (!waiting && round > 100 && !eof && !read_failed) {
            ctl.send_eof(); // a connection the client no longer holds may still wait for it
            eof = true;
        }
    }
    check(done, "the connection did not end once the client was dropped and the peer closed");
    poll_calls();
    for (auto const& c : calls)
        check(!c.f, "a call still waits after its connection ended");
    if (!misbehaved && !read_failed)
        for (auto const& c : calls)
            check(c.succeeded || c.dropped || c.refused, "a call to a well-behaved peer failed");
}

/// The pipelined client: string frames, answered in order.
struct pipeline_client_kind {
    using transport = test::mock_transport<std::string, std::string>;
    static constexpr bool ordered = true;

    /// How many written requests are not answered yet.
    static std::size_t in_flight(std::vector<std::string> const& written, std::size_t answered,
                                 std::set<std::size_t> const&)
    {
        return written.size() - answered;
    }

    /// Answers the oldest written request not answered yet; false if there is none.
    static bool answer(transport::control& ctl, std::uint8_t, std::size_t& answered,
                       std::set<std::size_t>&)
    {
        auto const& written = ctl.written();
        if (answered >= written.size())
            return false;
        ctl.send("r" + written[answered]);
        ++answered;
        return true;
    }

    static std::string unasked(std::uint8_t) { return "r-unasked"; }
};

/// The multiplexed client: (id, string) frames, answered in any order by id.
struct multiplex_client_kind {
    using frame = std::pair<std::uint64_t, std::string>;
    using transport = test::mock_transport<frame, frame>;
    static constexpr bool ordered = false;

    static std::size_t in_flight(std::vector<frame> const& written, std::size_t,
                                 std::set<std::size_t> const& replied)
    {
        return written.size() - replied.size();
    }

    /// Answers the `k`-th written request not answered yet (modulo); false if there is none.
    static bool answer(transport::control& ctl, std::uint8_t k, std::size_t& answered,
                       std::set<std::size_t>& replied)
    {
        auto const& written = ctl.written();
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i < written.size(); ++i)
            if (!replied.contains(i))
                open.push_back(i);
        if (open.empty())
            return false;
        std::size_t const i = open[k % open.size()];
        replied.insert(i);
        ++answered;
        ctl.send({written[i].first, "r" + written[i].second});
        return true;
    }

    /// An answer with an id that may or may not be in flight: a large one is never one.
    static frame unasked(std::uint8_t op) { return {1000000 + (op & 0x0f), "r-unasked"}; }
};

} // namespace protokit::fuzz

#endif

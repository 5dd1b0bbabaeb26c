// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_FUZZ_STREAMING_CLIENT_HPP
#define PROTOKIT_TEST_FUZZ_STREAMING_CLIENT_HPP

// What the streaming client dispatcher targets share: a client connection on the mock transport
// (`proto::client_connection`, its future polled by hand), driven by the fuzzer's bytes as a
// script of the user's moves (calls with or without a request body, chunks, ends and failures
// of those bodies, calls and the client dropped, response bodies dropped) and the peer's
// (answers with or without a body, their chunks and ends, in order or by id with bodies
// interleaved, error frames that fail one call (multiplexed), frames that break the protocol,
// its close or a read error), writability changes and polls; then it is wound down. Checked:
// the connection ends; every call and every response body ends; a call that succeeds has its
// own request's answer; what is written is well formed (a request body's chunks follow its
// head and end once; pipelined, before the next head) and each request body arrives as the user
// sent it, unless the user failed it; with a well-behaved peer and user, every call kept that
// the peer did not fail succeeds and every response body kept arrives whole.

#include "decoder.hpp"

#include "../support/mock_notify.hpp"
#include "../support/mock_transport.hpp"
#include "../support/streaming_support.hpp"

#include <protokit/future/executor.hpp>
#include <protokit/future/task.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/streaming/frame.hpp>
#include <protokit/proto/streaming/message.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace protokit::fuzz {

/// A frame as both orderings see it, without its id.
using plain_frame = streaming::frame<std::string, std::string>;

/// Runs a script on a streaming client connection of `Kind` (`streaming_pipeline_client_kind`,
/// `streaming_multiplex_client_kind`, with `proto` named) and checks it.
template <class Kind>
void run_streaming_client_script(input& in)
{
    using plain = plain_frame;
    using transport = test::mock_transport<typename Kind::frame, typename Kind::frame>;
    auto const reset_error = [] {
        return future::error_code(ECONNRESET, boost::system::generic_category());
    };
    transport t;
    std::size_t const max_in_flight = 1 + in.byte() % 4;
    auto ctl = t.get_control();
    auto [client_service, connection] =
        proto::client_connection(typename Kind::proto{}, t, max_in_flight);
    std::optional<decltype(client_service)> client(std::move(client_service));
    auto conn = future::spawn(std::move(connection));
    auto n = test::make_counting_notify();
    future::task const user(n, 1000); // the task the user's checks of readiness run under

    using request = streaming::request_t<typename Kind::proto>;
    using body = streaming::body<std::string>;
    using call_future = decltype(future::spawn(client->call(request(std::string()))));
    struct call {
        std::optional<call_future> f;           // until it ends or is dropped
        std::optional<body::sender_type> out;   // its request body, while the user sends it
        std::string sent;                       // what the user sent of its request body
        bool body_failed = false;               // the user failed its request body
        std::optional<body> in;                 // its response body, while it arrives
        std::string got;                        // what arrived of its response body
        bool got_end = false;                   // its response body ended cleanly
        bool dropped = false;                   // the user dropped the call or its response body
        bool refused = false;                   // made while the client was not ready
        bool succeeded = false;                 // its response came
        bool peer_failed = false;               // the peer failed it with an error frame
        std::optional<std::string> answer_sent; // the body the peer sent with its answer
    };
    std::vector<call> calls;
    std::set<std::size_t> answered; // written request heads the peer answered (positions)
    std::map<std::uint64_t, std::size_t> peer_bodies; // bodies the peer is sending: id -> call
    bool misbehaved = false;  // the peer broke the protocol, closed early or failed
    bool user_failed = false; // the user failed a request body
    bool eof = false;
    bool read_failed = false;
    bool writable = true;
    bool done = false;

    auto poll_calls = [&] {
        for (std::size_t seq = 0; seq < calls.size(); ++seq) {
            auto& c = calls[seq];
            if (c.f) {
                auto r = c.f->poll_future_notify(n, seq + 1);
                if (!r.is_not_ready()) {
                    if (r.is_ready()) {
                        check(r.value().head() == "r" + std::to_string(seq),
                              "a call got another call's answer");
                        c.succeeded = true;
                        if (r.value().has_body())
                            c.in.emplace(std::move(*r.value().take_body()));
                    }
                    c.f.reset();
                }
            }
            if (c.in) {
                auto d = test::drain_body(*c.in);
                for (auto& chunk : d.chunks)
                    c.got += chunk;
                if (d.ended) {
                    c.got_end = !d.error;
                    c.in.reset();
                }
            }
        }
    };
    auto poll = [&] {
        if (!done)
            done = !conn.poll_future_notify(n, 0).is_not_ready();
        poll_calls();
    };
    // The request heads written so far: their ids and call numbers, in order.
    auto written_heads = [&] {
        std::vector<std::pair<std::uint64_t, std::size_t>> heads;
        std::optional<std::uint64_t> last;
        for (auto f : ctl.written()) { // frame's accessors are not const
            auto [id, inner] = Kind::parts(std::move(f), last);
            if (inner.type() == plain::kind::message) {
                heads.emplace_back(id, std::stoul(inner.head()));
                last = id;
            }
        }
        return heads;
    };
    // The peer answers a written request head not answered yet, if any: the oldest (pipelined,
    // and only once its last response body has ended) or the `k`-th (multiplexed, modulo); with
    // a head, or (multiplexed, `fail`) with an error frame for that call alone.
    auto answer = [&](std::size_t k, bool with_body, bool fail) {
        if (Kind::ordered && !peer_bodies.empty())
            return false;
        auto const heads = written_heads();
        std::vector<std::size_t> unanswered;
        for (std::size_t i = 0; i < heads.size(); ++i)
            if (!answered.contains(i))
                unanswered.push_back(i);
        if (unanswered.empty())
            return false;
        std::size_t const i = unanswered[Kind::ordered ? 0 : k % unanswered.size()];
        answered.insert(i);
        auto const [id, seq] = heads[i];
        if (fail && !Kind::ordered) {
            ctl.send(Kind::make(id, plain::error(reset_error())));
            calls[seq].peer_failed = true;
            return true;
        }
        ctl.send(Kind::make(id, plain::message("r" + std::to_string(seq), with_body)));
        calls[seq].answer_sent.emplace();
        if (with_body)
            peer_bodies[id] = seq;
        return true;
    };
    auto end_peer_body = [&](std::uint64_t id) {
        ctl.send(Kind::make(id, plain::end_of_body()));
        peer_bodies.erase(id);
    };

    while (!in.empty()) {
        std::uint8_t const op = in.byte();
        bool const peer_can = !eof && !read_failed;
        switch (op % 8) {
        case 0: { // a call, with a request body if the op says so
            if (!client)
                break;
            bool ready = false;
            {
                future::task_scope scope(user);
                ready = !client->poll_ready().is_not_ready();
            }
            if (!ready && (op & 0x80) == 0)
                break;
            std::string const head = std::to_string(calls.size());
            calls.emplace_back();
            auto& c = calls.back();
            c.refused = !ready;
            if ((op & 0x10) != 0) {
                auto [tx, b] = body::pair(1 + (op >> 5) % 4);
                c.out.emplace(std::move(tx));
                c.f.emplace(future::spawn(client->call(request(head, std::move(b)))));
            } else {
                c.f.emplace(future::spawn(client->call(request(head))));
            }
            poll_calls();
            break;
        }
        case 1: { // the user sends a chunk of a request body, ends it, or fails it
            std::vector<std::size_t> open;
            for (std::size_t seq = 0; seq < calls.size(); ++seq)
                if (calls[seq].out)
                    open.push_back(seq);
            if (open.empty())
                break;
            auto& c = calls[open[in.byte() % open.size()]];
            if ((op & 0xe0) == 0xe0) {
                c.out.reset(); // dropping the sender ends the body
            } else if ((op & 0xe0) == 0xc0) {
                c.out->fail(reset_error());
                c.out.reset();
                c.body_failed = true;
                user_failed = true;
            } else {
                future::task_scope scope(user);
                if (c.out->poll_ready().is_ready()) {
                    std::string chunk(1 + (op >> 3) % 3, static_cast<char>('a' + (op >> 5)));
                    if (c.out->start_send(chunk).is_accepted())
                        c.sent += chunk;
                }
            }
            break;
        }
        case 2: // the peer answers a request, with a body if the op says so, or fails it
            if (peer_can)
                answer(in.byte(), (op & 0x10) != 0, (op & 0xe0) == 0xe0);
            break;
        case 3: { // the peer sends a chunk of one of its response bodies, or ends it
            if (!peer_can || peer_bodies.empty())
                break;
            auto it = std::next(peer_bodies.begin(),
                                static_cast<std::ptrdiff_t>(in.byte() % peer_bodies.size()));
            if ((op & 0xc0) == 0xc0) {
                end_peer_body(it->first);
            } else {
                std::string chunk(1 + (op >> 3) % 3, static_cast<char>('k' + (op >> 6)));
                *calls[it->second].answer_sent += chunk;
                ctl.send(Kind::make(it->first, plain::chunk(std::move(chunk))));
            }
            break;
        }
        case 4:
            writable = !writable;
            ctl.set_writable(writable);
            break;
        case 5:
            if ((op & 0xf0) == 0xf0) { // the user drops a call, or a response body
                for (std::size_t k = in.byte(); auto& c : calls)
                    if ((c.f || c.in) && k-- == 0) {
                        c.f.reset();
                        c.in.reset();
                        c.dropped = true;
                        break;
                    }
            } else if ((op & 0xf0) == 0xe0) {
                client.reset();
            } else if (!peer_can) {
                break;
            } else if ((op & 0xf0) == 0xd0) { // a frame that breaks the protocol
                ctl.send(Kind::stray(op, !peer_bodies.empty()));
                misbehaved = true;
            } else if ((op & 0xf0) == 0xc0) {
                ctl.send_error(reset_error());
                read_failed = true;
                misbehaved = true;
            } else {
                ctl.send_eof();
                eof = true;
                misbehaved = true; // calls in flight may be left unanswered
            }
            break;
        default: poll(); break;
        }
    }

    // Wind down: the user ends its request bodies and waits for its calls, then drops the
    // client; the peer answers every request it was sent (ending a body it had open); the
    // transport takes everything; the peer closes once the client is gone.
    ctl.set_writable(true);
    for (auto& c : calls)
        c.out.reset();
    for (int round = 0; round < 1000 && !done; ++round) {
        if (!eof && !read_failed) {
            while (!peer_bodies.empty())
                end_peer_body(peer_bodies.begin()->first);
            while (answer(0, false, false)) {
            }
        }
        poll();
        bool const waiting =
            std::any_of(calls.begin(), calls.end(), [](call const& c) { return c.f || c.in; });
        if (!waiting)
            client.reset();
        if (!waiting && round > 100 && !eof && !read_failed) {
            ctl.send_eof();
            eof = true;
        }
    }
    check(done, "the connection did not end once the client was dropped and the peer closed");
    poll_calls();
    for (auto const& c : calls)
        check(!c.f && !c.in, "a call or a response body still waits after the connection ended");

    // What was written, per id: a request body's chunks after its head, ended once (pipelined:
    // before the next head), as the user sent them unless the user failed it.
    std::map<std::uint64_t, std::size_t> open;  // id -> the call whose request body is open
    std::map<std::uint64_t, std::string> texts; // id -> what of that body was written
    std::optional<std::uint64_t> last;          // the id of the last head
    for (auto f : ctl.written()) {
        auto [id, inner] = Kind::parts(std::move(f), last);
        switch (inner.type()) {
        case plain::kind::message:
            check(!open.contains(id) && (!Kind::ordered || open.empty()),
                  "a request head while its body, or (pipelined) any body, is open");
            last = id;
            if (inner.has_body()) {
                open[id] = std::stoul(inner.head());
                texts[id].clear();
            }
            break;
        case plain::kind::chunk:
            check(open.contains(id), "a request chunk without a body");
            texts[id] += inner.chunk();
            break;
        case plain::kind::end_of_body:
            check(open.contains(id), "a request end of body without a body");
            check(calls[open[id]].body_failed || texts[id] == calls[open[id]].sent,
                  "a request body is not what the user sent");
            open.erase(id);
            break;
        case plain::kind::error: open.erase(id); break;
        }
    }
    if (!misbehaved && !user_failed)
        for (auto const& c : calls) {
            if (c.dropped || c.refused || c.peer_failed)
                continue;
            check(c.succeeded, "a call to a well-behaved peer failed");
            if (c.answer_sent && !c.answer_sent->empty())
                check(c.got_end && c.got == *c.answer_sent, "a response body did not arrive whole");
        }
}

/// Pipelined: frames carry no id; a call's number (its head) stands for one.
struct streaming_pipeline_client_kind {
    using frame = plain_frame;
    static constexpr bool ordered = true;

    static frame make(std::uint64_t, plain_frame inner) { return inner; }

    /// The id a written frame belongs to: its head's call number, or the last head's.
    static std::pair<std::uint64_t, plain_frame> parts(frame f, std::optional<std::uint64_t> last)
    {
        std::uint64_t const id = f.type() == plain_frame::kind::message
                                     ? std::stoul(f.head())
                                     : last.value_or(~std::uint64_t(0));
        return {id, std::move(f)};
    }

    /// A head while a response body is open, or a chunk while none is.
    static frame stray(std::uint8_t, bool body_open)
    {
        return body_open ? plain_frame::message("r-stray", false) : plain_frame::chunk("stray");
    }
};

/// Multiplexed: every frame carries its call's id.
struct streaming_multiplex_client_kind {
    using frame = streaming::tagged_frame<std::uint64_t, std::string, std::string>;
    static constexpr bool ordered = false;

    static frame make(std::uint64_t id, plain_frame inner) { return frame{id, std::move(inner)}; }

    static std::pair<std::uint64_t, plain_frame> parts(frame f, std::optional<std::uint64_t>)
    {
        return {f.id, std::move(f.inner)};
    }

    /// A head or a chunk for an id no call has.
    static frame stray(std::uint8_t op, bool)
    {
        return frame{1000000 + (op & 0x0fu), (op & 0x08) != 0
                                                 ? plain_frame::message("r-stray", false)
                                                 : plain_frame::chunk("stray")};
    }
};

} // namespace protokit::fuzz

#endif

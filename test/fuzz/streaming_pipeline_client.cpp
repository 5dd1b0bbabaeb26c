// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The streaming pipelined client dispatcher (streaming::pipeline::client_connection on the mock
// transport). The input is a script of the user's moves (calls with or without a request body,
// chunks, ends and failures of those bodies, calls and the client dropped, response bodies
// dropped) and the peer's (answers in order with or without a body, their chunks and ends,
// frames that break the protocol, its close or a read error), writability changes and polls;
// then it is wound down. Checked: the connection ends; every call ends; a call that succeeds has
// its own request's answer; what is written is well formed (a request body's chunks follow its
// head, and it ends before the next head) and each request body arrives as the user sent it;
// with a well-behaved peer and user every call kept succeeds and every response body kept
// arrives whole.
#include "decoder.hpp"

#include "../support/mock_notify.hpp"
#include "../support/mock_transport.hpp"
#include "../support/streaming_support.hpp"

#include <protokit/future/executor.hpp>
#include <protokit/future/task.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/streaming/pipeline.hpp>

#include <algorithm>
#include <cerrno>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace pf = protokit::future;
namespace ps = protokit::streaming;
using protokit::fuzz::check;

using text_proto = protokit::test::text_streaming_proto<ps::pipeline::client_proto>;
using frame = ps::frame<std::string, std::string>;
using transport = protokit::test::mock_transport<frame, frame>;
using request = ps::request_t<text_proto>;
using response = ps::response_t<text_proto>;
using body = ps::body<std::string>;

pf::error_code reset_error()
{
    return pf::error_code(ECONNRESET, boost::system::generic_category());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    protokit::fuzz::input in(data, size);
    std::size_t const max_in_flight = 1 + in.byte() % 4;
    transport t;
    auto ctl = t.get_control();
    auto [client_service, connection] =
        protokit::proto::client_connection(text_proto{}, t, max_in_flight);
    std::optional<decltype(client_service)> client(std::move(client_service));
    auto conn = pf::spawn(std::move(connection));
    auto n = protokit::test::make_counting_notify();
    pf::task const user(n, 1000); // the task the user's checks of readiness run under

    using call_future = decltype(pf::spawn(client->call(request(std::string()))));
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
        std::optional<std::string> answer_sent; // the body the peer sent with its answer
    };
    std::vector<call> calls;
    std::size_t answered = 0;             // request heads the peer answered, in order
    std::optional<std::size_t> peer_body; // the call whose response body the peer is sending
    bool misbehaved = false;              // the peer broke the protocol, closed early or failed
    bool user_failed = false;             // the user failed a request body
    bool eof = false;
    bool read_failed = false;
    bool writable = true;
    bool done = false;

    // The request heads written so far, as call numbers, in order.
    auto written_heads = [&] {
        std::vector<std::size_t> heads;
        for (auto f : ctl.written()) // frame's accessors are not const
            if (f.type() == frame::kind::message)
                heads.push_back(std::stoul(f.head()));
        return heads;
    };
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
                auto d = protokit::test::drain_body(*c.in);
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
    // The peer answers the oldest request head not answered yet, if any.
    auto answer = [&](bool with_body) {
        auto const heads = written_heads();
        if (peer_body || answered >= heads.size())
            return false;
        std::size_t const seq = heads[answered++];
        ctl.send(frame::message("r" + std::to_string(seq), with_body));
        calls[seq].answer_sent.emplace();
        if (with_body)
            peer_body = seq;
        return true;
    };
    auto end_peer_body = [&] {
        ctl.send(frame::end_of_body());
        peer_body.reset();
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
                pf::task_scope scope(user);
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
                c.f.emplace(pf::spawn(client->call(request(head, std::move(b)))));
            } else {
                c.f.emplace(pf::spawn(client->call(request(head))));
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
                pf::task_scope scope(user);
                if (c.out->poll_ready().is_ready()) {
                    std::string chunk(1 + (op >> 3) % 3, static_cast<char>('a' + (op >> 5)));
                    if (c.out->start_send(chunk).is_accepted())
                        c.sent += chunk;
                }
            }
            break;
        }
        case 2: // the peer answers, with a body if the op says so
            if (peer_can)
                answer((op & 0x10) != 0);
            break;
        case 3: // the peer sends a chunk of its response body, or ends it
            if (!peer_can || !peer_body)
                break;
            if ((op & 0xc0) == 0xc0) {
                end_peer_body();
            } else {
                std::string chunk(1 + (op >> 3) % 3, static_cast<char>('k' + (op >> 6)));
                *calls[*peer_body].answer_sent += chunk;
                ctl.send(frame::chunk(std::move(chunk)));
            }
            break;
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
                ctl.send(peer_body ? frame::message("r-stray", false) : frame::chunk("stray"));
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
            if (peer_body)
                end_peer_body();
            while (answer(false)) {
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

    // What was written: each request body's chunks after its head, ended before the next head,
    // as the user sent them.
    std::optional<std::size_t> open;
    std::string text;
    for (auto f : ctl.written()) {
        switch (f.type()) {
        case frame::kind::message:
            check(!open, "a request head while a request body is open");
            if (f.has_body()) {
                open = std::stoul(f.head());
                text.clear();
            }
            break;
        case frame::kind::chunk:
            check(open.has_value(), "a request chunk without a body");
            text += f.chunk();
            break;
        case frame::kind::end_of_body:
            check(open.has_value(), "a request end of body without a body");
            check(calls[*open].body_failed || text == calls[*open].sent,
                  "a request body is not what the user sent");
            open.reset();
            break;
        case frame::kind::error: open.reset(); break;
        }
    }
    if (!misbehaved && !user_failed)
        for (auto const& c : calls) {
            if (c.dropped || c.refused)
                continue;
            check(c.succeeded, "a call to a well-behaved peer failed");
            if (c.answer_sent && !c.answer_sent->empty())
                check(c.got_end && c.got == *c.answer_sent, "a response body did not arrive whole");
        }
    return 0;
}

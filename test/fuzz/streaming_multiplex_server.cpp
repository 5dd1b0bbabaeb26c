// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The streaming multiplexed server dispatcher (streaming::multiplex::server_connection on the
// mock transport, file_server's). The input is a script of the peer's frames (heads with fresh
// or reused ids, with or without a body; chunks, ends and error frames for open bodies or for
// any id), the transport (un)writable, the peer's close or a read error, polls, the body stall
// timeout and the body read timeout firing (as tcp_server's would); then the connection is wound
// down. The service answers "got:N" with request N's whole body. Checked: the connection ends;
// per id, what it writes is well formed (a body is only written while open, and ends); each
// response carries its request's id and answers it once; a timed-out body ends the connection
// with an error; when the peer behaved, used fresh ids and no body was aborted or timed out,
// every request is answered with its own body.
#include "streaming_dispatcher.hpp"

#include "../support/mock_transport.hpp"

#include <protokit/proto/streaming/multiplex.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

namespace pf = protokit::future;
namespace ps = protokit::streaming;
using protokit::fuzz::check;

using text_proto = protokit::test::text_streaming_proto<ps::multiplex::server_proto>;
using frame = ps::tagged_frame<std::uint64_t, std::string, std::string>;
using plain = ps::frame<std::string, std::string>;
using transport = protokit::test::mock_transport<frame, frame>;

/// A request as the peer sent it.
struct sent_request {
    std::uint64_t id;
    bool has_body;
    std::string body;
    bool ended;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    protokit::fuzz::input in(data, size);
    auto const options = protokit::fuzz::streaming_options(in);
    protokit::proto::connection_control control;
    transport t;
    auto ctl = t.get_control();
    protokit::fuzz::polled_connection conn(pf::spawn(ps::multiplex::server_connection(
        text_proto{}, t, protokit::fuzz::collecting_service<text_proto>(), options, &control)));

    std::vector<sent_request> sent;
    std::set<std::uint64_t> used_ids;
    bool well_formed = true; // the peer's frames follow the protocol, with fresh ids
    bool aborted = false;    // a stalled body was aborted
    bool failed = false;     // a read error was sent
    bool timed_out = false;  // the body read timeout fired
    bool eof = false;
    bool writable = true;
    auto stall_timeout = [&] {
        if (control.body_stalled) {
            control.abort_stalled_body = true;
            aborted = true;
        }
        conn.poll();
    };
    // The request whose body is open, `k`-th of them (modulo), if any.
    auto open_body = [&](std::size_t k) -> sent_request* {
        std::vector<sent_request*> open;
        for (auto& r : sent)
            if (r.has_body && !r.ended)
                open.push_back(&r);
        return open.empty() ? nullptr : open[k % open.size()];
    };

    while (!in.empty() && !conn.done()) {
        std::uint8_t const op = in.byte();
        bool const can_send = !eof && !failed;
        switch (op % 8) {
        case 0: { // a head: a fresh id, or one of four
            if (!can_send)
                break;
            std::uint64_t const id = (op & 0xc0) == 0xc0 ? (op >> 3) % 4 : 100 + sent.size();
            if (!used_ids.insert(id).second)
                well_formed = false;
            sent.push_back({id, (op & 0x20) != 0, {}, false});
            ctl.send(
                frame{id, plain::message(std::to_string(sent.size() - 1), sent.back().has_body)});
            break;
        }
        case 1:
        case 2: { // a chunk of an open body, or (rarely) of any id
            if (!can_send)
                break;
            std::string c(1 + (op >> 3) % 4, static_cast<char>('a' + (op >> 5)));
            auto* r = open_body(in.byte());
            if (r && (op & 0xe0) != 0xe0) {
                r->body += c;
                ctl.send(frame{r->id, plain::chunk(std::move(c))});
            } else {
                well_formed = false;
                ctl.send(frame{std::uint64_t((op >> 3) % 4), plain::chunk(std::move(c))});
            }
            break;
        }
        case 3: { // the end of an open body, or an error frame for it
            if (!can_send)
                break;
            auto* r = open_body(in.byte());
            if (!r) {
                well_formed = false;
                ctl.send(frame{std::uint64_t((op >> 3) % 4), plain::end_of_body()});
            } else if ((op & 0xf0) == 0xf0) {
                well_formed = false;
                r->ended = true;
                ctl.send(frame{r->id, plain::error(protokit::fuzz::reset_error())});
            } else {
                r->ended = true;
                ctl.send(frame{r->id, plain::end_of_body()});
            }
            break;
        }
        case 4:
            writable = !writable;
            ctl.set_writable(writable);
            break;
        case 5:
            if (!can_send)
                break;
            if ((op & 0xf0) == 0xf0) {
                ctl.send_error(protokit::fuzz::reset_error());
                failed = true;
            } else if ((op & 0xf0) == 0xd0) {
                if (control.body_awaited) { // the body read timeout fires
                    control.body_timed_out = true;
                    timed_out = true;
                }
                conn.poll();
            } else {
                well_formed = well_formed && !open_body(0); // a peer gone mid-body
                ctl.send_eof();
                eof = true;
            }
            break;
        case 6: conn.poll(); break;
        default: stall_timeout(); break;
        }
    }

    // Wind down: the peer ends its open bodies and closes; the transport takes everything; the
    // stall timeout fires whenever reading waits on a body.
    ctl.set_writable(true);
    if (!eof && !failed) {
        while (auto* r = open_body(0)) {
            r->ended = true;
            ctl.send(frame{r->id, plain::end_of_body()});
        }
        ctl.send_eof();
    }
    for (int round = 0; round < 1000 && !conn.done(); ++round)
        stall_timeout();
    check(conn.done(), "the connection did not end once the peer closed");

    // What was written, per id.
    std::map<std::uint64_t, std::size_t> open; // id -> the request whose response body is open
    std::map<std::size_t, std::string> bodies; // request -> its response body
    std::set<std::size_t> answered;
    for (auto& f : ctl.written()) {
        switch (f.inner.type()) {
        case plain::kind::message: {
            check(!open.contains(f.id), "a response head while that id's body is open");
            check(f.inner.head().starts_with("got:"), "a response that is no answer");
            std::size_t const seq = std::stoul(f.inner.head().substr(4));
            check(seq < sent.size() && sent[seq].id == f.id, "a response with another id");
            check(answered.insert(seq).second, "a request answered twice");
            if (f.inner.has_body())
                open[f.id] = seq;
            bodies[seq];
            break;
        }
        case plain::kind::chunk:
            check(open.contains(f.id), "a response chunk without an open body");
            bodies[open[f.id]] += f.inner.chunk();
            break;
        case plain::kind::end_of_body:
            check(open.contains(f.id), "a response end of body without an open body");
            open.erase(f.id);
            break;
        case plain::kind::error: open.erase(f.id); break;
        }
    }
    if (conn.clean())
        check(open.empty(), "the connection ended cleanly inside a response body");
    if (timed_out && !failed)
        check(!conn.clean(), "a timed-out body's connection ended cleanly");
    if (well_formed && !failed && !aborted && !timed_out) {
        check(conn.clean(), "a well-behaved peer's connection failed");
        check(answered.size() == sent.size(), "a request was not answered");
        for (std::size_t seq = 0; seq < sent.size(); ++seq)
            check(bodies[seq] == sent[seq].body, "a response body is not its request's");
    }
    return 0;
}

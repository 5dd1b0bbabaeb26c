// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The streaming pipelined server dispatcher (streaming::pipeline::server_connection on the mock
// transport). The input is a script of frames from the peer (heads with or without a body,
// chunks, ends of body, in any order: a well-behaved peer or not), the transport (un)writable,
// the peer's close or a read error, the body read timeout firing while a request body waits for
// the peer (as tcp_server's would), and polls; then the connection is wound down. The service
// answers "got:HEAD" with the request's whole body once it has arrived. Checked: the connection
// ends; what it writes is well formed (every response body it starts, it ends before the next
// head); responses come in request order; a timed-out body ends the connection with the
// timeout; when the peer behaved and nothing failed or timed out, every request is answered with
// its body.
#include "streaming_dispatcher.hpp"

#include "../support/mock_transport.hpp"

#include <protokit/proto/streaming/pipeline.hpp>

#include <string>
#include <vector>

namespace {

namespace pf = protokit::future;
namespace ps = protokit::streaming;
using protokit::fuzz::check;

using text_proto = protokit::test::text_streaming_proto<ps::pipeline::server_proto>;
using frame = ps::frame<std::string, std::string>;
using transport = protokit::test::mock_transport<frame, frame>;

/// A request as the peer sent it: its head, its body so far, whether the body ended.
struct sent_request {
    std::string head;
    bool has_body = false;
    std::string body;
    bool ended = false;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    protokit::fuzz::input in(data, size);
    auto const options = protokit::fuzz::streaming_options(in);
    protokit::proto::connection_control control;
    transport t;
    auto ctl = t.get_control();
    protokit::fuzz::polled_connection conn(pf::spawn(ps::pipeline::server_connection(
        text_proto{}, t, protokit::fuzz::collecting_service<text_proto>(), options, &control)));

    std::vector<sent_request> sent;
    bool well_formed = true; // the peer's frames follow the protocol
    bool failed = false;     // a read error was sent
    bool timed_out = false;  // the body read timeout fired
    bool eof = false;
    bool writable = true;
    auto open_body = [&] { return !sent.empty() && sent.back().has_body && !sent.back().ended; };

    while (!in.empty() && !conn.done()) {
        std::uint8_t const op = in.byte();
        bool const can_send = !eof && !failed;
        switch (op % 8) {
        case 0: // a head, with a body if the op says so
            if (!can_send)
                break;
            well_formed = well_formed && !open_body();
            sent.push_back({std::to_string(sent.size()), (op & 0x10) != 0, {}, false});
            ctl.send(frame::message(sent.back().head, sent.back().has_body));
            break;
        case 1:
        case 2: { // a chunk of one to four bytes
            if (!can_send)
                break;
            std::string c(1 + (op >> 3) % 4, static_cast<char>('a' + (op >> 5)));
            if (open_body())
                sent.back().body += c;
            else
                well_formed = false;
            ctl.send(frame::chunk(std::move(c)));
            break;
        }
        case 3: // the end of a body
            if (!can_send)
                break;
            if (open_body())
                sent.back().ended = true;
            else
                well_formed = false;
            ctl.send(frame::end_of_body());
            break;
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
            } else if ((op & 0xf0) == 0xe0) {
                ctl.send(frame::error(protokit::fuzz::reset_error()));
                well_formed = false;
            } else if ((op & 0xf0) == 0xd0) {
                if (control.body_awaited) { // the body read timeout fires
                    control.body_timed_out = true;
                    timed_out = true;
                }
                conn.poll();
            } else {
                well_formed = well_formed && !open_body(); // a peer gone mid-body
                ctl.send_eof();
                eof = true;
            }
            break;
        default: conn.poll(); break;
        }
    }

    // Wind down: the peer ends its body, if one is open, and closes; the transport takes all.
    ctl.set_writable(true);
    if (!eof && !failed) {
        if (open_body()) {
            sent.back().ended = true;
            ctl.send(frame::end_of_body());
        }
        ctl.send_eof();
    }
    for (int round = 0; round < 1000 && !conn.done(); ++round)
        conn.poll();
    check(conn.done(), "the connection did not end once the peer closed");

    // What was written: heads in request order, each body ended before the next head.
    std::size_t heads = 0;
    bool body_open = false;
    std::string body_text;
    for (auto& f : ctl.written()) {
        switch (f.type()) {
        case frame::kind::message:
            check(!body_open, "a response head while a response body is open");
            check(heads < sent.size(), "more responses than requests");
            check(f.head() == "got:" + sent[heads].head, "a response out of request order");
            body_open = f.has_body();
            body_text.clear();
            ++heads;
            break;
        case frame::kind::chunk:
            check(body_open, "a response chunk without a body");
            body_text += f.chunk();
            break;
        case frame::kind::end_of_body:
            check(body_open, "a response end of body without a body");
            body_open = false;
            if (well_formed && !failed)
                check(body_text == sent[heads - 1].body, "a response body is not its request's");
            break;
        case frame::kind::error: body_open = false; break;
        }
    }
    if (conn.clean())
        check(!body_open, "the connection ended cleanly inside a response body");
    if (timed_out && !failed)
        check(!conn.clean(), "a timed-out body's connection ended cleanly");
    if (well_formed && !failed && !timed_out) {
        check(conn.clean(), "a well-behaved peer's connection failed");
        check(heads == sent.size(), "a request was not answered");
    }
    return 0;
}

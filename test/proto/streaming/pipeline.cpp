// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/streaming/pipeline.hpp>

#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/service/service_fn.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/mock_transport.hpp"
#include "../../support/streaming_support.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// tokio-proto's streaming pipeline catalogue (server and client), on a mock
// transport polled by hand, and the defects it had: a peer gone mid-body
// hung the body's consumer, a body error panicked.

namespace pf = protokit::future;
namespace ps = protokit::streaming;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(proto_streaming_pipeline)

namespace {

using text_proto = pt::text_streaming_proto<ps::pipeline::server_proto, ps::pipeline::client_proto>;

using frame = ps::frame<std::string, std::string>;
using transport = pt::mock_transport<frame, frame>;
using request = ps::request_t<text_proto>;
using response = ps::response_t<text_proto>;
using body = ps::body<std::string>;
using client_type = ps::pipeline::client<text_proto>;

frame head(std::string h, bool has_body = false)
{
    return frame::message(std::move(h), has_body);
}
frame chunk(std::string c)
{
    return frame::chunk(std::move(c));
}
frame end()
{
    return frame::end_of_body();
}

pf::error_code io_error()
{
    return pf::error_code(ECONNRESET, boost::system::generic_category());
}

/// What the services of these tests hand to the test: request bodies, response body senders.
struct stash {
    std::map<std::string, body> bodies;
    std::vector<body::sender_type> senders;
};

/// Answers "got:HEAD" with the whole request body as one chunk, once it has all arrived.
auto collecting_service()
{
    return protokit::service::service_fn([](request r) -> pf::boxed_future<response> {
        std::string h = "got:" + r.head();
        if (!r.has_body())
            return pf::ok(response(std::move(h)));
        return std::move(r.body()).concat().map(
            [h](std::string all) { return response(h, body::from(std::move(all))); });
    });
}

/// Answers at once: "ok" for every request, keeping its body (if any) for the test to read, or
/// dropping it when the head is "drop"; "stream" answers with a body the test produces.
auto stashing_service(std::shared_ptr<stash> s)
{
    return protokit::service::service_fn([s](request r) {
        if (r.head() == "stream") {
            auto [tx, b] = body::pair();
            s->senders.push_back(std::move(tx));
            return pf::ok(response("s", std::move(b)));
        }
        if (r.has_body() && r.head() != "drop")
            s->bodies.emplace(r.head(), std::move(*r.take_body()));
        return pf::ok(response("ok:" + r.head()));
    });
}

template <class S>
auto start(transport t, S service, protokit::proto::connection_options options = {})
{
    return pf::spawn(
        ps::pipeline::server_connection(text_proto{}, std::move(t), std::move(service), options));
}

/// Polls `f` again while it was notified, as its task would be (bounded).
using pt::settle;

inline auto drain(body& b)
{
    return pt::drain_body(b);
}

/// The pipelined ordering, for the shared cases (ids are not on the wire).
struct kind {
    using transport = proto_streaming_pipeline::transport;
    static frame head(std::uint64_t, std::string h, bool has_body = false)
    {
        return frame::message(std::move(h), has_body);
    }
    static frame chunk(std::uint64_t, std::string c) { return frame::chunk(std::move(c)); }
    static frame end(std::uint64_t) { return frame::end_of_body(); }
    static std::string head_text(frame f)
    {
        return f.type() == frame::kind::message ? f.head() : std::string();
    }
    template <class S>
    static auto serve(transport t, S service, protokit::proto::connection_options options,
                      protokit::proto::connection_control* control)
    {
        return pf::spawn(ps::pipeline::server_connection(text_proto{}, std::move(t),
                                                         std::move(service), options, control));
    }
};

} // namespace

#include "cases.ipp"

BOOST_AUTO_TEST_CASE(a_streamed_request_body_then_the_response)
{
    transport t;
    auto ctl = t.get_control();
    auto conn = start(t, collecting_service());
    auto n = pt::make_counting_notify();
    ctl.send(head("up", true));
    ctl.send(chunk("a"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.written().empty()); // the service waits for the rest of the body
    ctl.send(chunk("b"));
    ctl.send(end());
    ctl.send(head("plain"));
    ctl.send_eof();
    BOOST_TEST(settle(conn, n).is_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("got:up", true), chunk("ab"), end(),
                                                    head("got:plain", false)}));
    BOOST_TEST(ctl.closed());
}

BOOST_AUTO_TEST_CASE(the_response_leaves_while_the_request_body_still_streams)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = start(t, stashing_service(s));
    auto n = pt::make_counting_notify();
    ctl.send(head("first", true));
    ctl.send(chunk("x"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("ok:first")}));
    BOOST_REQUIRE(s->bodies.size() == 1u);
    BOOST_TEST(drain(s->bodies.at("first")).chunks == std::vector<std::string>{"x"});
    ctl.send(chunk("y"));
    ctl.send(end());
    ctl.send(head("second"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("ok:first"), head("ok:second")}));
    auto rest = drain(s->bodies.at("first"));
    BOOST_TEST(rest.chunks == std::vector<std::string>{"y"});
    BOOST_TEST(rest.ended);
    BOOST_TEST(!rest.error);
}

BOOST_AUTO_TEST_CASE(a_slow_body_consumer_slows_reading_to_its_window)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    protokit::proto::connection_options options;
    options.body_window = 4;
    auto conn = start(t, stashing_service(s), options);
    auto n = pt::make_counting_notify();
    ctl.send(head("slow", true));
    for (int i = 0; i < 20; ++i)
        ctl.send(chunk(std::to_string(i)));
    ctl.send(end());
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.unread() == 17u); // 4 chunks wait in the body; the rest in the transport
    BOOST_REQUIRE(s->bodies.size() == 1u);
    auto first = drain(s->bodies.at("slow"));
    BOOST_TEST(first.chunks == (std::vector<std::string>{"0", "1", "2", "3"}));
    BOOST_TEST(n->take() == 1); // room in the body woke the connection
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.unread() == 13u);
    std::vector<std::string> all = first.chunks;
    pt::drained_body<std::string> more;
    for (int round = 0; round < 10 && !more.ended; ++round) {
        more = drain(s->bodies.at("slow"));
        all.insert(all.end(), more.chunks.begin(), more.chunks.end());
        (void)settle(conn, n);
    }
    BOOST_TEST(more.ended);
    BOOST_TEST(all.size() == 20u);
    BOOST_TEST(all.back() == "19");
}

BOOST_AUTO_TEST_CASE(response_chunks_leave_as_produced_and_the_next_response_waits_for_the_body_end)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = start(t, stashing_service(s));
    auto n = pt::make_counting_notify();
    ctl.send(head("stream"));
    ctl.send(head("after"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("s", true)}));
    BOOST_REQUIRE(s->senders.size() == 1u);
    BOOST_TEST(s->senders[0].start_send("1").is_accepted());
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("s", true), chunk("1")}));
    BOOST_TEST(s->senders[0].start_send("2").is_accepted());
    BOOST_TEST(s->senders[0].close().is_ready());
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("s", true), chunk("1"), chunk("2"), end(),
                                                    head("ok:after")}));
}

BOOST_AUTO_TEST_CASE(a_response_body_producer_is_held_to_its_window_while_the_transport_is_full)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = start(t, stashing_service(s));
    auto n = pt::make_counting_notify();
    ctl.set_writable(false);
    ctl.send(head("stream"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_REQUIRE(s->senders.size() == 1u);
    auto producer = pt::make_counting_notify();
    pf::task pt_task(producer, 5);
    pf::task_scope scope(pt_task);
    int accepted = 0;
    for (int i = 0; i < 100; ++i) {
        if (!s->senders[0].start_send(std::string(1000, 'p')).is_accepted())
            break;
        ++accepted;
    }
    BOOST_TEST(accepted == 1); // body::pair()'s window
    BOOST_TEST(ctl.written().empty());
}

BOOST_AUTO_TEST_CASE(a_peer_gone_mid_body_ends_the_body_with_an_error)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = start(t, stashing_service(s));
    auto n = pt::make_counting_notify();
    ctl.send(head("up", true));
    ctl.send(chunk("c1"));
    ctl.send_eof();
    BOOST_TEST(settle(conn, n).is_ready()); // the answer was written; then it closed
    BOOST_TEST(ctl.closed());
    BOOST_REQUIRE(s->bodies.size() == 1u);
    auto d = drain(s->bodies.at("up"));
    BOOST_TEST(d.chunks == std::vector<std::string>{"c1"});
    BOOST_TEST(d.ended);
    BOOST_TEST(d.error == protokit::error::connection_closed);
}

BOOST_AUTO_TEST_CASE(a_response_body_error_closes_the_pipelined_connection)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = start(t, stashing_service(s));
    auto n = pt::make_counting_notify();
    ctl.send(head("stream"));
    ctl.send(head("never"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_REQUIRE(s->senders.size() == 1u);
    BOOST_TEST(s->senders[0].start_send("part").is_accepted());
    s->senders[0].fail(io_error());
    auto r = settle(conn, n);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == io_error());
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("s", true), chunk("part")}));
    BOOST_TEST(ctl.closed());
}

BOOST_AUTO_TEST_CASE(a_chunk_with_no_body_open_is_a_protocol_error)
{
    transport t;
    auto ctl = t.get_control();
    auto conn = start(t, collecting_service());
    auto n = pt::make_counting_notify();
    ctl.send(chunk("stray"));
    auto r = settle(conn, n);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == protokit::error::unexpected_frame);
}

BOOST_AUTO_TEST_CASE(client_streams_a_request_body_and_reads_a_response_body)
{
    protokit::reactor::core core;
    transport t;
    auto ctl = t.get_control();
    auto client = ps::pipeline::bind_client(text_proto{}, core.get_handle(), t);
    auto n = pt::make_counting_notify();
    auto [tx, b] = body::pair();
    auto call = pf::spawn(client.call(request("put", std::move(b))));
    BOOST_TEST(call.poll_future_notify(n, 1).is_not_ready());
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("put", true)}));
    BOOST_TEST(tx.start_send("x").is_accepted());
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("put", true), chunk("x")}));
    {
        auto gone = std::move(tx); // dropping the sender ends the body
    }
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(ctl.written() == (std::vector<frame>{head("put", true), chunk("x"), end()}));

    ctl.send(head("r", true));
    ctl.send(chunk("1"));
    core.turn(std::chrono::milliseconds(0));
    auto r = call.poll_future_notify(n, 1);
    BOOST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value().head() == "r");
    BOOST_REQUIRE(r.value().has_body());
    BOOST_TEST(drain(r.value().body()).chunks == std::vector<std::string>{"1"});

    // The response body goes on after the client and its call are gone.
    response resp = std::move(r.value());
    {
        auto gone = std::move(client);
    }
    ctl.send(chunk("2"));
    ctl.send(end());
    core.turn(std::chrono::milliseconds(0));
    auto rest = drain(resp.body());
    BOOST_TEST(rest.chunks == std::vector<std::string>{"2"});
    BOOST_TEST(rest.ended);
    BOOST_TEST(!rest.error);
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(ctl.closed());
    BOOST_TEST(core.task_count() == 0u);
}

BOOST_AUTO_TEST_CASE(client_transport_dropped_mid_response_body_fails_the_body)
{
    protokit::reactor::core core;
    transport t;
    auto ctl = t.get_control();
    auto client = ps::pipeline::bind_client(text_proto{}, core.get_handle(), t);
    auto n = pt::make_counting_notify();
    auto call = pf::spawn(client.call(request("get")));
    BOOST_TEST(call.poll_future_notify(n, 1).is_not_ready());
    core.turn(std::chrono::milliseconds(0));
    ctl.send(head("r", true));
    ctl.send(chunk("1"));
    ctl.send_error(io_error());
    core.turn(std::chrono::milliseconds(0));
    auto r = call.poll_future_notify(n, 1);
    BOOST_REQUIRE(r.is_ready());
    auto d = drain(r.value().body());
    BOOST_TEST(d.chunks == std::vector<std::string>{"1"});
    BOOST_TEST(d.error == io_error());
    auto later = pf::spawn(client.call(request("again")));
    BOOST_TEST(later.poll_future_notify(n, 2).error() == io_error());
}

BOOST_AUTO_TEST_CASE(client_request_body_error_fails_a_response_body_still_arriving_and_ends)
{
    // Found by the streaming_pipeline_client fuzz target: the connection stopped reading when a
    // request body failed, and waited for the response body it was reading to end.
    protokit::reactor::core core;
    transport t;
    auto ctl = t.get_control();
    auto client = ps::pipeline::bind_client(text_proto{}, core.get_handle(), t);
    auto n = pt::make_counting_notify();
    auto first = pf::spawn(client.call(request("get")));
    auto [tx, b] = body::pair();
    auto second = pf::spawn(client.call(request("put", std::move(b))));
    BOOST_TEST(first.poll_future_notify(n, 1).is_not_ready());
    BOOST_TEST(second.poll_future_notify(n, 2).is_not_ready());
    core.turn(std::chrono::milliseconds(0));
    ctl.send(head("r", true));
    ctl.send(chunk("1"));
    core.turn(std::chrono::milliseconds(0));
    auto r = first.poll_future_notify(n, 1);
    BOOST_REQUIRE(r.is_ready());
    tx.fail(io_error()); // the second request's body fails while the first answer's streams
    core.turn(std::chrono::milliseconds(0));
    auto d = drain(r.value().body());
    BOOST_TEST(d.chunks == std::vector<std::string>{"1"});
    BOOST_TEST(d.error == io_error());
    BOOST_TEST(second.poll_future_notify(n, 2).error() == io_error());
    {
        auto gone = std::move(client);
    }
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(core.task_count() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

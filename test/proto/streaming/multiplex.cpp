// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/streaming/multiplex.hpp>

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

// The streaming multiplex catalogue: interleaved bodies both ways, the
// per-body window and what happens when one consumer stalls, error frames
// that fail one message, one-way messages.

namespace pf = protokit::future;
namespace ps = protokit::streaming;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(proto_streaming_multiplex)

namespace {

using tagged_text =
    pt::text_streaming_proto<ps::multiplex::server_proto, ps::multiplex::client_proto>;

using frame = ps::tagged_frame<std::uint64_t, std::string, std::string>;
using plain = ps::frame<std::string, std::string>;
using transport = pt::mock_transport<frame, frame>;
using request = ps::request_t<tagged_text>;
using response = ps::response_t<tagged_text>;
using body = ps::body<std::string>;

frame head(std::uint64_t id, std::string h, bool has_body = false, bool solo = false)
{
    return frame{id, plain::message(std::move(h), has_body), solo};
}
frame chunk(std::uint64_t id, std::string c)
{
    return frame{id, plain::chunk(std::move(c))};
}
frame end(std::uint64_t id)
{
    return frame{id, plain::end_of_body()};
}
frame failed(std::uint64_t id, pf::error_code ec)
{
    return frame{id, plain::error(ec)};
}

pf::error_code io_error()
{
    return pf::error_code(ECONNRESET, boost::system::generic_category());
}

/// Request bodies and response senders, by request head.
struct stash {
    std::map<std::string, body> bodies;
    std::map<std::string, body::sender_type> senders;
    std::vector<std::string> calls;
};

/// "stream:X" answers with a body the test produces; any other head answers "ok:HEAD" at once,
/// keeping its body for the test, or dropping it unread when the head is "drop".
auto stashing_service(std::shared_ptr<stash> s)
{
    return protokit::service::service_fn([s](request r) {
        s->calls.push_back(r.head());
        if (r.head().starts_with("stream")) {
            auto [tx, b] = body::pair();
            s->senders.emplace(r.head(), std::move(tx));
            return pf::ok(response("s:" + r.head(), std::move(b)));
        }
        if (r.has_body() && r.head() != "drop")
            s->bodies.emplace(r.head(), std::move(*r.take_body()));
        return pf::ok(response("ok:" + r.head()));
    });
}

template <class S>
auto start(transport t, S service, protokit::proto::connection_options options = {},
           protokit::proto::connection_control* control = nullptr)
{
    return pf::spawn(ps::multiplex::server_connection(tagged_text{}, std::move(t),
                                                      std::move(service), options, control));
}

using pt::settle;

inline auto drain(body& b)
{
    return pt::drain_body(b);
}

/// The multiplexed ordering, for the shared cases.
struct kind {
    using transport = proto_streaming_multiplex::transport;
    static frame head(std::uint64_t id, std::string h, bool has_body = false)
    {
        return proto_streaming_multiplex::head(id, std::move(h), has_body);
    }
    static frame chunk(std::uint64_t id, std::string c)
    {
        return proto_streaming_multiplex::chunk(id, std::move(c));
    }
    static frame end(std::uint64_t id) { return proto_streaming_multiplex::end(id); }
    static std::string head_text(frame f)
    {
        return f.inner.type() == plain::kind::message ? f.inner.head() : std::string();
    }
    template <class S>
    static auto serve(transport t, S service, protokit::proto::connection_options options,
                      protokit::proto::connection_control* control)
    {
        return start(std::move(t), std::move(service), options, control);
    }
};

} // namespace

#include "cases.ipp"

BOOST_AUTO_TEST_CASE(interleaved_request_bodies_reach_their_own_streams)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = start(t, stashing_service(s));
    auto n = pt::make_counting_notify();
    ctl.send(head(2, "two", true));
    ctl.send(head(4, "four", true));
    ctl.send(chunk(4, "4a"));
    ctl.send(chunk(2, "2a"));
    ctl.send(chunk(4, "4b"));
    ctl.send(end(2));
    ctl.send(end(4));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{head(2, "ok:two"), head(4, "ok:four")}));
    auto two = drain(s->bodies.at("two"));
    auto four = drain(s->bodies.at("four"));
    BOOST_TEST(two.chunks == std::vector<std::string>{"2a"});
    BOOST_TEST((two.ended && !two.error));
    BOOST_TEST(four.chunks == (std::vector<std::string>{"4a", "4b"}));
    BOOST_TEST((four.ended && !four.error));
}

BOOST_AUTO_TEST_CASE(a_stalled_body_pauses_reading_until_the_server_aborts_it_then_others_go_on)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    protokit::proto::connection_options options;
    options.body_window = 2;
    protokit::proto::connection_control control;
    auto conn = start(t, stashing_service(s), options, &control);
    auto n = pt::make_counting_notify();
    ctl.send(head(1, "slow", true));
    for (int i = 0; i < 5; ++i)
        ctl.send(chunk(1, "s" + std::to_string(i)));
    ctl.send(head(2, "quick"));
    ctl.send(end(1));
    BOOST_TEST(settle(conn, n).is_not_ready());
    // Window of 2 taken, the third chunk parked: reading waits, and says so.
    BOOST_TEST(control.body_stalled);
    BOOST_TEST(ctl.written() == (std::vector<frame>{head(1, "ok:slow")}));
    BOOST_TEST(s->calls == std::vector<std::string>{"slow"});

    // The server's stall timeout fires (tcp_server arms it): the slow body gives up.
    control.abort_stalled_body = true;
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(!control.body_stalled);
    BOOST_TEST(ctl.written() == (std::vector<frame>{head(1, "ok:slow"), head(2, "ok:quick")}));
    BOOST_TEST(ctl.unread() == 0u); // the rest of the slow body was read and discarded
    auto slow = drain(s->bodies.at("slow"));
    BOOST_TEST(slow.chunks == (std::vector<std::string>{"s0", "s1"}));
    BOOST_TEST(slow.error == protokit::error::body_stalled);
}

BOOST_AUTO_TEST_CASE(a_consumer_that_keeps_up_never_stalls_the_others)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    protokit::proto::connection_options options;
    options.body_window = 2;
    protokit::proto::connection_control control;
    auto conn = start(t, stashing_service(s), options, &control);
    auto n = pt::make_counting_notify();
    ctl.send(head(1, "reader", true));
    std::vector<std::string> got;
    for (int i = 0; i < 10; ++i) {
        ctl.send(chunk(1, std::to_string(i)));
        ctl.send(head(100 + static_cast<std::uint64_t>(i), "q" + std::to_string(i)));
        (void)settle(conn, n);
        auto d = drain(s->bodies.at("reader"));
        got.insert(got.end(), d.chunks.begin(), d.chunks.end());
    }
    BOOST_TEST(!control.body_stalled);
    BOOST_TEST(got.size() == 10u);
    BOOST_TEST(ctl.written().size() == 11u);
}

BOOST_AUTO_TEST_CASE(response_bodies_interleave_and_a_body_error_fails_only_its_id)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = start(t, stashing_service(s));
    auto n = pt::make_counting_notify();
    ctl.send(head(7, "stream-a"));
    ctl.send(head(8, "stream-b"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.written() ==
               (std::vector<frame>{head(7, "s:stream-a", true), head(8, "s:stream-b", true)}));
    BOOST_TEST(s->senders.at("stream-b").start_send("b1").is_accepted());
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(s->senders.at("stream-a").start_send("a1").is_accepted());
    BOOST_TEST(settle(conn, n).is_not_ready());
    s->senders.at("stream-a").fail(io_error());
    BOOST_TEST(s->senders.at("stream-b").close().is_ready());
    BOOST_TEST(settle(conn, n).is_not_ready());
    std::vector<frame> want{head(7, "s:stream-a", true), head(8, "s:stream-b", true),
                            chunk(8, "b1"), chunk(7, "a1")};
    BOOST_REQUIRE(ctl.written().size() == 6u);
    BOOST_TEST((std::vector<frame>(ctl.written().begin(), ctl.written().begin() + 4) == want));
    auto const& last_two = std::vector<frame>(ctl.written().begin() + 4, ctl.written().end());
    BOOST_TEST((std::count(last_two.begin(), last_two.end(), failed(7, io_error())) == 1));
    BOOST_TEST((std::count(last_two.begin(), last_two.end(), end(8)) == 1));
    ctl.send(head(9, "after"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST((ctl.written().back() == head(9, "ok:after")));
}

BOOST_AUTO_TEST_CASE(a_service_error_is_an_error_frame_for_its_id_and_the_connection_goes_on)
{
    transport t;
    auto ctl = t.get_control();
    auto conn = start(t, protokit::service::service_fn([](request r) -> pf::boxed_future<response> {
                          if (r.head() == "bad")
                              return pf::err<response>(io_error());
                          return pf::ok(response("ok:" + r.head()));
                      }));
    auto n = pt::make_counting_notify();
    ctl.send(head(1, "bad"));
    ctl.send(head(2, "good"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{failed(1, io_error()), head(2, "ok:good")}));
}

BOOST_AUTO_TEST_CASE(a_one_way_message_is_served_without_an_answer)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = start(t, stashing_service(s));
    auto n = pt::make_counting_notify();
    ctl.send(head(3, "fire", false, true));
    ctl.send(head(4, "asked"));
    ctl.send_eof();
    BOOST_TEST(settle(conn, n).is_ready());
    BOOST_TEST(s->calls == (std::vector<std::string>{"fire", "asked"}));
    BOOST_TEST(ctl.written() == (std::vector<frame>{head(4, "ok:asked")}));
}

BOOST_AUTO_TEST_CASE(a_chunk_for_an_id_with_no_body_is_a_protocol_error)
{
    transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = start(t, stashing_service(s));
    auto n = pt::make_counting_notify();
    ctl.send(chunk(5, "stray"));
    auto r = settle(conn, n);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == protokit::error::unexpected_frame);
}

BOOST_AUTO_TEST_CASE(client_error_frame_fails_one_call_and_response_bodies_find_their_calls)
{
    protokit::reactor::core core;
    transport t;
    auto ctl = t.get_control();
    auto client = ps::multiplex::bind_client(tagged_text{}, core.get_handle(), t);
    auto n = pt::make_counting_notify();
    auto a = pf::spawn(client.call(request("a")));
    auto b = pf::spawn(client.call(request("b")));
    auto c = pf::spawn(client.call(request("c")));
    BOOST_TEST(a.poll_future_notify(n, 1).is_not_ready());
    BOOST_TEST(b.poll_future_notify(n, 2).is_not_ready());
    BOOST_TEST(c.poll_future_notify(n, 3).is_not_ready());
    core.turn(std::chrono::milliseconds(0));
    BOOST_REQUIRE(ctl.written().size() == 3u);
    auto id_a = ctl.written()[0].id;
    auto id_b = ctl.written()[1].id;
    auto id_c = ctl.written()[2].id;
    ctl.send(head(id_b, "B", true));
    ctl.send(head(id_a, "A", true));
    ctl.send(chunk(id_a, "a1"));
    ctl.send(chunk(id_b, "b1"));
    ctl.send(failed(id_c, io_error()));
    ctl.send(end(id_a));
    ctl.send(end(id_b));
    core.turn(std::chrono::milliseconds(0));
    auto rc = c.poll_future_notify(n, 3);
    BOOST_TEST(rc.is_error());
    BOOST_TEST(rc.error() == io_error());
    auto ra = a.poll_future_notify(n, 1);
    auto rb = b.poll_future_notify(n, 2);
    BOOST_REQUIRE(ra.is_ready());
    BOOST_REQUIRE(rb.is_ready());
    BOOST_TEST(ra.value().head() == "A");
    BOOST_TEST(drain(ra.value().body()).chunks == std::vector<std::string>{"a1"});
    BOOST_TEST(drain(rb.value().body()).chunks == std::vector<std::string>{"b1"});
    auto later = pf::spawn(client.call(request("d")));
    BOOST_TEST(later.poll_future_notify(n, 4).is_not_ready()); // the connection goes on
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/pipeline.hpp>

#include <protokit/future/future.hpp>
#include <protokit/future/unsync/oneshot.hpp>
#include <protokit/service/service_fn.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_transport.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// tokio-proto's pipeline server catalogue, on a mock transport polled by hand; the
// cases multiplex shares are in dispatch_server_cases.ipp.

namespace pf = protokit::future;
namespace pp = protokit::pipeline;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(proto_pipeline)

namespace {

using transport = pt::mock_transport<std::string, std::string>;

/// A pipelined protocol whose Io is already the transport.
struct line_proto : pp::server_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

/// The same protocol, answering a service error with "ERR <message>".
struct forgiving_proto : line_proto {
    std::optional<std::string> error_response(pf::error_code const& ec) const
    {
        return "ERR " + ec.message();
    }
};

auto echo_service()
{
    return protokit::service::service_fn([](std::string s) { return pf::ok(s); });
}

/// A service whose responses the test sends by hand, in any order.
struct manual_service {
    std::shared_ptr<std::vector<pf::unsync::oneshot::sender<std::string>>> senders =
        std::make_shared<std::vector<pf::unsync::oneshot::sender<std::string>>>();
    std::shared_ptr<std::vector<std::string>> requests =
        std::make_shared<std::vector<std::string>>();

    auto service() const
    {
        return protokit::service::service_fn([s = senders, r = requests](std::string req) {
            auto [tx, rx] = pf::unsync::oneshot::channel<std::string>();
            s->push_back(std::move(tx));
            r->push_back(std::move(req));
            return rx;
        });
    }

    void respond(std::size_t i, std::string v) const
    {
        (void)std::move((*senders)[i]).send(std::move(v));
    }
};

template <class Proto = line_proto, class S>
auto start(transport t, S service, protokit::proto::connection_options options = {},
           protokit::proto::connection_control* control = nullptr)
{
    return pf::spawn(
        pp::server_connection(Proto{}, std::move(t), std::move(service), options, control));
}

pf::error_code io_error()
{
    return pf::error_code(ECONNRESET, boost::system::generic_category());
}

/// The pipelined ordering, for the cases shared with multiplex.
struct kind {
    using transport = ::proto_pipeline::transport;

    static std::string request(std::uint64_t, std::string body) { return body; }
    static std::string const& body(std::string const& frame) { return frame; }

    template <class S>
    static auto serve(transport t, S service, protokit::proto::connection_options options = {})
    {
        return pf::spawn(
            pp::server_connection(line_proto{}, std::move(t), std::move(service), options));
    }
};

} // namespace

#include "dispatch_server_cases.ipp"

BOOST_AUTO_TEST_CASE(echo_then_eof)
{
    transport t;
    auto ctl = t.get_control();
    auto conn = start(t, echo_service());
    auto n = pt::make_counting_notify();
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    ctl.send("hello");
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == std::vector<std::string>{"hello"});
    BOOST_TEST(ctl.flushes() >= 1u);
    ctl.send_eof();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl.closed());
}

BOOST_AUTO_TEST_CASE(delayed_response_is_written_when_it_completes)
{
    transport t;
    auto ctl = t.get_control();
    manual_service svc;
    auto conn = start(t, svc.service());
    auto n = pt::make_counting_notify();
    ctl.send("a");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written().empty());
    BOOST_TEST(svc.requests->size() == 1u);
    n->take();
    svc.respond(0, "A");
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == std::vector<std::string>{"A"});
}

BOOST_AUTO_TEST_CASE(responses_leave_in_request_order_whatever_the_completion_order)
{
    transport t;
    auto ctl = t.get_control();
    manual_service svc;
    auto conn = start(t, svc.service());
    auto n = pt::make_counting_notify();
    ctl.send("1");
    ctl.send("2");
    ctl.send("3");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(svc.requests->size() == 3u); // read while the first is processed
    svc.respond(2, "three");
    svc.respond(1, "two");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written().empty());
    svc.respond(0, "one");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<std::string>{"one", "two", "three"}));
}

BOOST_AUTO_TEST_CASE(reading_stops_while_a_response_waits_for_the_transport)
{
    transport t;
    auto ctl = t.get_control();
    protokit::proto::connection_options options;
    options.max_in_flight = 4;
    auto conn = start(t, echo_service(), options);
    auto n = pt::make_counting_notify();
    ctl.set_writable(false);
    for (int i = 0; i < 10; ++i)
        ctl.send(std::to_string(i));
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.unread() == 6u); // the answers are ready, but cannot leave: no more is read
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.unread() == 6u);
    ctl.set_writable(true);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.unread() == 0u);
    BOOST_TEST(ctl.written().size() == 10u);
    BOOST_TEST(ctl.written().front() == "0");
    BOOST_TEST(ctl.written().back() == "9");
}

BOOST_AUTO_TEST_CASE(the_request_past_max_in_flight_waits_until_one_finishes)
{
    transport t;
    auto ctl = t.get_control();
    manual_service svc;
    auto conn = start(t, svc.service());
    auto n = pt::make_counting_notify();
    for (int i = 0; i < 33; ++i)
        ctl.send(std::to_string(i));
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(svc.requests->size() == 32u);
    BOOST_TEST(ctl.unread() == 1u);
    svc.respond(0, "r0");
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(svc.requests->size() == 33u);
    BOOST_TEST(ctl.written() == std::vector<std::string>{"r0"});
}

BOOST_AUTO_TEST_CASE(a_configured_limit_bounds_what_is_read_however_much_is_pipelined)
{
    transport t;
    auto ctl = t.get_control();
    manual_service svc;
    protokit::proto::connection_options options;
    options.max_in_flight = 4;
    auto conn = start(t, svc.service(), options);
    auto n = pt::make_counting_notify();
    for (int i = 0; i < 10000; ++i)
        ctl.send(std::to_string(i));
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(svc.requests->size() == 4u);
    BOOST_TEST(ctl.unread() == 9996u);
}

BOOST_AUTO_TEST_CASE(a_wake_up_polls_only_the_call_that_was_notified)
{
    // Each call's future counts its polls.
    struct counted_call {
        using item_type = std::string;
        using error_type = pf::error_code;
        pf::unsync::oneshot::receiver<std::string> inner;
        std::shared_ptr<std::vector<int>> polls;
        std::size_t index;
        pf::poll_result<std::string> poll()
        {
            ++(*polls)[index];
            return inner.poll();
        }
    };
    auto polls = std::make_shared<std::vector<int>>();
    auto senders = std::make_shared<std::vector<pf::unsync::oneshot::sender<std::string>>>();
    auto svc = protokit::service::service_fn([polls, senders](std::string) {
        auto [tx, rx] = pf::unsync::oneshot::channel<std::string>();
        senders->push_back(std::move(tx));
        polls->push_back(0);
        return counted_call{std::move(rx), polls, polls->size() - 1};
    });
    transport t;
    auto ctl = t.get_control();
    auto conn = start(t, svc);
    auto n = pt::make_counting_notify();
    for (int i = 0; i < 10; ++i)
        ctl.send(std::to_string(i));
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    // Each call is polled twice as it starts: a first look under the no-op
    // task (a ready call would skip the ordered set), then under its own task.
    BOOST_REQUIRE(polls->size() == 10u);
    for (int p : *polls)
        BOOST_TEST(p == 2);
    (void)std::move((*senders)[7]).send("seven");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    for (std::size_t i = 0; i < polls->size(); ++i)
        BOOST_TEST((*polls)[i] == (i == 7 ? 3 : 2));
    BOOST_TEST(ctl.written().empty());
}

BOOST_AUTO_TEST_CASE(a_service_error_closes_after_the_responses_before_it)
{
    transport t;
    auto ctl = t.get_control();
    auto first = std::make_shared<std::optional<pf::unsync::oneshot::sender<std::string>>>();
    auto svc = protokit::service::service_fn([first](
                                                 std::string s) -> pf::boxed_future<std::string> {
        if (s == "slow") {
            auto [tx, rx] = pf::unsync::oneshot::channel<std::string>();
            first->emplace(std::move(tx));
            return rx;
        }
        if (s == "bad")
            return pf::err<std::string>(pf::error_code(EINVAL, boost::system::generic_category()));
        return pf::ok(s);
    });
    auto conn = start(t, svc);
    auto n = pt::make_counting_notify();
    for (auto s : {"slow", "bad", "after"})
        ctl.send(s);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written().empty());
    (void)std::move(**first).send("SLOW");
    auto r = conn.poll_future_notify(n, 0);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error().value() == EINVAL);
    BOOST_TEST(ctl.written() == std::vector<std::string>{"SLOW"});
    BOOST_TEST(ctl.closed());
}

BOOST_AUTO_TEST_CASE(a_protocol_error_response_takes_the_failed_request_place)
{
    transport t;
    auto ctl = t.get_control();
    auto svc = protokit::service::service_fn([](std::string s) -> pf::boxed_future<std::string> {
        if (s == "bad")
            return pf::err<std::string>(make_error_code(protokit::error::invalid_frame));
        return pf::ok(s);
    });
    auto conn = start<forgiving_proto>(t, svc);
    auto n = pt::make_counting_notify();
    for (auto s : {"a", "bad", "b"})
        ctl.send(s);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<std::string>{"a", "ERR invalid frame", "b"}));
    ctl.send_eof();
    BOOST_TEST(conn.poll_future_notify(n, 0).is_ready());
}

BOOST_AUTO_TEST_CASE(a_half_closed_peer_still_gets_its_responses)
{
    transport t;
    auto ctl = t.get_control();
    manual_service svc;
    auto conn = start(t, svc.service());
    auto n = pt::make_counting_notify();
    ctl.send("a");
    ctl.send_eof();
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(!ctl.closed());
    svc.respond(0, "A");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl.written() == std::vector<std::string>{"A"});
    BOOST_TEST(ctl.closed());
}

BOOST_AUTO_TEST_CASE(a_busy_connection_yields_after_its_budget)
{
    transport t;
    auto ctl = t.get_control();
    protokit::proto::connection_options options;
    options.poll_budget = 8;
    auto conn = start(t, echo_service(), options);
    auto n = pt::make_counting_notify();
    for (int i = 0; i < 20; ++i)
        ctl.send(std::to_string(i));
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(n->take() == 1); // it woke itself to come back
    BOOST_TEST(ctl.written().size() == 8u);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written().size() == 16u);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written().size() == 20u);
}

BOOST_AUTO_TEST_CASE(draining_stops_reading_and_finishes_what_is_in_flight)
{
    transport t;
    auto ctl = t.get_control();
    manual_service svc;
    protokit::proto::connection_control control;
    auto conn = start(t, svc.service(), {}, &control);
    auto n = pt::make_counting_notify();
    ctl.send("a");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control.in_flight == 1u);
    BOOST_TEST(control.activity == 1u);
    ctl.send("b");
    control.draining = true;
    n->take();
    control.task.notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(svc.requests->size() == 1u);
    svc.respond(0, "A");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl.written() == std::vector<std::string>{"A"});
    BOOST_TEST(ctl.closed());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/multiplex.hpp>

#include <protokit/future/future.hpp>
#include <protokit/future/unsync/oneshot.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/service/service_fn.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_transport.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// tokio-proto's multiplex server and client catalogue, on a mock transport; the cases
// pipeline shares are in dispatch_server_cases.ipp and dispatch_client_cases.ipp.

namespace pf = protokit::future;
namespace pm = protokit::multiplex;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(proto_multiplex)

namespace {

using frame = std::pair<std::uint64_t, std::string>;
using transport = pt::mock_transport<frame, frame>;

struct mux_proto : pm::server_proto, pm::client_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

struct manual_service {
    std::shared_ptr<std::vector<pf::unsync::oneshot::sender<std::string>>> senders =
        std::make_shared<std::vector<pf::unsync::oneshot::sender<std::string>>>();

    auto service() const
    {
        return protokit::service::service_fn([s = senders](std::string) {
            auto [tx, rx] = pf::unsync::oneshot::channel<std::string>();
            s->push_back(std::move(tx));
            return rx;
        });
    }

    void respond(std::size_t i, std::string v) const
    {
        (void)std::move((*senders)[i]).send(std::move(v));
    }
};

template <class S>
auto start(transport t, S service, protokit::proto::connection_options options = {})
{
    return pf::spawn(pm::server_connection(mux_proto{}, std::move(t), std::move(service), options));
}

pf::error_code io_error()
{
    return pf::error_code(ECONNRESET, boost::system::generic_category());
}

/// The multiplexed ordering, for the cases shared with pipeline.
struct kind {
    using transport = ::proto_multiplex::transport;

    static frame request(std::uint64_t id, std::string body) { return {id, std::move(body)}; }
    static std::string const& body(frame const& f) { return f.second; }
    static frame answer(frame const& request, std::string body)
    {
        return {request.first, std::move(body)};
    }

    template <class S>
    static auto serve(transport t, S service, protokit::proto::connection_options options = {})
    {
        return start(std::move(t), std::move(service), options);
    }

    static auto bind_client(protokit::reactor::handle const& h, transport const& t,
                            std::size_t max_in_flight)
    {
        return pm::bind_client(mux_proto{}, h, t, max_in_flight);
    }
};

} // namespace

#include "dispatch_client_cases.ipp"
#include "dispatch_server_cases.ipp"

BOOST_AUTO_TEST_CASE(server_echoes_with_the_request_id)
{
    transport t;
    auto ctl = t.get_control();
    auto conn =
        start(t, protokit::service::service_fn([](std::string s) { return pf::ok(s + "!"); }));
    auto n = pt::make_counting_notify();
    ctl.send({7, "a"});
    ctl.send({3, "b"});
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{{7, "a!"}, {3, "b!"}}));
    ctl.send_eof();
    BOOST_TEST(conn.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl.closed());
}

BOOST_AUTO_TEST_CASE(server_answers_in_completion_order)
{
    transport t;
    auto ctl = t.get_control();
    manual_service svc;
    auto conn = start(t, svc.service());
    auto n = pt::make_counting_notify();
    ctl.send({1, "a"});
    ctl.send({2, "b"});
    ctl.send({3, "c"});
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    svc.respond(2, "C");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    svc.respond(0, "A");
    svc.respond(1, "B");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_REQUIRE(ctl.written().size() == 3u);
    BOOST_TEST((ctl.written()[0] == frame{3, "C"}));
    // A and B completed in the same turn: both out, each with its own id.
    std::vector<frame> rest(ctl.written().begin() + 1, ctl.written().end());
    std::sort(rest.begin(), rest.end());
    BOOST_TEST(rest == (std::vector<frame>{{1, "A"}, {2, "B"}}));
}

BOOST_AUTO_TEST_CASE(server_sends_a_call_ready_at_once_before_slower_earlier_ones)
{
    transport t;
    auto ctl = t.get_control();
    auto slow = std::make_shared<std::optional<pf::unsync::oneshot::sender<std::string>>>();
    auto svc =
        protokit::service::service_fn([slow](std::string s) -> pf::boxed_future<std::string> {
            if (s == "slow") {
                auto [tx, rx] = pf::unsync::oneshot::channel<std::string>();
                slow->emplace(std::move(tx));
                return std::move(rx)
                    .map_err([](auto) { return pf::error_code(protokit::error::canceled); })
                    .boxed();
            }
            if (s == "bad")
                return pf::err<std::string>(pf::error_code(protokit::error::invalid_frame)).boxed();
            return pf::ok(s + "!").boxed();
        });
    auto conn = start(t, svc);
    auto n = pt::make_counting_notify();
    ctl.send({1, "slow"});
    ctl.send({2, "a"});
    ctl.send({3, "b"});
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{{2, "a!"}, {3, "b!"}}));
    (void)std::move(**slow).send("late");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{{2, "a!"}, {3, "b!"}, {1, "late"}}));
    // A call that fails at once ends the connection after what came before it.
    ctl.send({4, "c"});
    ctl.send({5, "bad"});
    ctl.send({6, "d"});
    auto r = conn.poll_future_notify(n, 0);
    BOOST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::invalid_frame);
    BOOST_TEST((ctl.written().back() == frame{4, "c!"}));
}

BOOST_AUTO_TEST_CASE(server_refuses_a_duplicate_live_id)
{
    transport t;
    auto ctl = t.get_control();
    manual_service svc;
    auto conn = start(t, svc.service());
    auto n = pt::make_counting_notify();
    ctl.send({5, "a"});
    ctl.send({5, "again"});
    auto r = conn.poll_future_notify(n, 0);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == protokit::error::duplicate_request_id);
    BOOST_TEST(svc.senders->size() == 1u);
}

BOOST_AUTO_TEST_CASE(server_reuses_an_id_once_its_response_is_out)
{
    transport t;
    auto ctl = t.get_control();
    auto conn = start(t, protokit::service::service_fn([](std::string s) { return pf::ok(s); }));
    auto n = pt::make_counting_notify();
    ctl.send({5, "a"});
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    ctl.send({5, "b"});
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<frame>{{5, "a"}, {5, "b"}}));
}

BOOST_AUTO_TEST_CASE(server_waits_at_max_in_flight)
{
    transport t;
    auto ctl = t.get_control();
    manual_service svc;
    auto conn = start(t, svc.service());
    auto n = pt::make_counting_notify();
    for (std::uint64_t i = 0; i < 33; ++i)
        ctl.send({i, "x"});
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(svc.senders->size() == 32u);
    svc.respond(17, "done");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(svc.senders->size() == 33u);
    BOOST_TEST(ctl.written() == (std::vector<frame>{{17, "done"}}));
}

BOOST_AUTO_TEST_CASE(client_assigns_ids_from_zero_and_matches_out_of_order_responses)
{
    protokit::reactor::core core;
    transport t;
    auto ctl = t.get_control();
    auto client = pm::bind_client(mux_proto{}, core.get_handle(), t);
    auto a = pf::spawn(client.call("a"));
    auto b = pf::spawn(client.call("b"));
    auto n = pt::make_counting_notify();
    BOOST_TEST(a.poll_future_notify(n, 1).is_not_ready());
    BOOST_TEST(b.poll_future_notify(n, 2).is_not_ready());
    core.turn(std::chrono::milliseconds(0));
    BOOST_REQUIRE(ctl.written().size() == 2u);
    BOOST_TEST(ctl.written()[0].first == 0u);
    BOOST_TEST(ctl.written()[1].first == 1u);
    ctl.send({ctl.written()[1].first, "B"});
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 2u);
    auto rb = b.poll_future_notify(n, 2);
    BOOST_TEST(rb.is_ready());
    BOOST_TEST(rb.value() == "B");
    ctl.send({ctl.written()[0].first, "A"});
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(a.poll_future_notify(n, 1).value() == "A");
}

BOOST_AUTO_TEST_CASE(client_never_reuses_a_live_id)
{
    protokit::reactor::core core;
    transport t;
    auto ctl = t.get_control();
    auto client = pm::bind_client(mux_proto{}, core.get_handle(), t, 4);
    auto n = pt::make_counting_notify();
    auto slow = pf::spawn(client.call("slow"));
    BOOST_TEST(slow.poll_future_notify(n, 0).is_not_ready());
    std::vector<std::uint64_t> ids;
    for (int round = 0; round < 50; ++round) {
        auto f = pf::spawn(client.call("x"));
        BOOST_TEST(f.poll_future_notify(n, 1).is_not_ready());
        core.turn(std::chrono::milliseconds(0));
        auto id = ctl.written().back().first;
        BOOST_TEST(id != ctl.written().front().first);
        ids.push_back(id);
        ctl.send({id, "y"});
        core.turn(std::chrono::milliseconds(0));
        BOOST_TEST(f.poll_future_notify(n, 1).value() == "y");
    }
    std::sort(ids.begin(), ids.end());
    BOOST_TEST((std::adjacent_find(ids.begin(), ids.end()) == ids.end()));
    ctl.send({ctl.written().front().first, "SLOW"});
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(slow.poll_future_notify(n, 0).value() == "SLOW");
}

BOOST_AUTO_TEST_CASE(client_fails_every_pending_call_on_an_unknown_id)
{
    protokit::reactor::core core;
    transport t;
    auto ctl = t.get_control();
    auto client = pm::bind_client(mux_proto{}, core.get_handle(), t);
    auto n = pt::make_counting_notify();
    auto a = pf::spawn(client.call("a"));
    auto b = pf::spawn(client.call("b"));
    BOOST_TEST(a.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(b.poll_future_notify(n, 0).is_not_ready());
    core.turn(std::chrono::milliseconds(0));
    ctl.send({999, "who?"});
    core.turn(std::chrono::milliseconds(0));
    auto ra = a.poll_future_notify(n, 0);
    auto rb = b.poll_future_notify(n, 0);
    BOOST_TEST(ra.is_error());
    BOOST_TEST(ra.error() == protokit::error::unexpected_response);
    BOOST_TEST(rb.is_error());
    BOOST_TEST(rb.error() == protokit::error::unexpected_response);
    auto later = pf::spawn(client.call("c"));
    BOOST_TEST(later.poll_future_notify(n, 0).is_error());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/family.hpp>

#include <protokit/future/future.hpp>
#include <protokit/proto/multiplex.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/reactor/core.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_transport.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

// The generic entry points (bind_client, bind_server, client_connection)
// and what every family's client promises about its in-flight limit and ids.

namespace pf = protokit::future;
namespace pkp = protokit::proto;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(proto_family)

namespace {

struct ordered_lines : protokit::pipeline::client_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

/// A multiplexed protocol whose ids are one byte: 256 distinct ids.
struct byte_ids : protokit::multiplex::client_proto {
    using request_type = std::string;
    using response_type = std::string;
    using request_id_type = std::uint8_t;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

using byte_frame = std::pair<std::uint8_t, std::string>;

static_assert(std::same_as<pkp::client_service_t<ordered_lines>,
                           protokit::pipeline::client<std::string, std::string>>);
static_assert(std::same_as<pkp::client_service_t<byte_ids>,
                           protokit::multiplex::client<std::string, std::string, std::uint8_t>>);

} // namespace

BOOST_AUTO_TEST_CASE(max_in_flight_is_exact_not_rounded_up)
{
    protokit::reactor::core core;
    pt::mock_transport<std::string, std::string> t;
    auto ctl = t.get_control();
    auto client = pkp::bind_client(ordered_lines{}, core.get_handle(), t, 3);
    auto n = pt::make_counting_notify();
    std::vector<pf::spawned<pkp::client_service_t<ordered_lines>::future_type>> calls;
    for (auto s : {"a", "b", "c"})
        calls.push_back(pf::spawn(client.call(s)));
    pf::task waiting(n, 7);
    {
        pf::task_scope scope(waiting);
        BOOST_TEST(client.poll_ready().is_not_ready());
    }
    auto fourth = pf::spawn(client.call("d"));
    BOOST_TEST(fourth.poll_future_notify(n, 0).error() == protokit::error::limit_reached);
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(ctl.written() == (std::vector<std::string>{"a", "b", "c"}));
    ctl.send("A");
    core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(calls[0].poll_future_notify(n, 0).value() == "A");
    pf::task_scope scope(waiting);
    BOOST_TEST(client.poll_ready().is_ready());
}

BOOST_AUTO_TEST_CASE(a_narrow_id_type_caps_the_calls_in_flight_and_never_shares_an_id)
{
    protokit::reactor::core core;
    pt::mock_transport<byte_frame, byte_frame> t;
    auto ctl = t.get_control();
    auto client = pkp::bind_client(byte_ids{}, core.get_handle(), t, 1000);
    auto n = pt::make_counting_notify();
    std::vector<pf::spawned<pkp::client_service_t<byte_ids>::future_type>> calls;
    for (int i = 0; i < 256; ++i) {
        calls.push_back(pf::spawn(client.call(std::to_string(i))));
        BOOST_REQUIRE(calls.back().poll_future_notify(n, 0).is_not_ready());
    }
    auto refused = pf::spawn(client.call("one too many"));
    BOOST_TEST(refused.poll_future_notify(n, 0).error() == protokit::error::limit_reached);
    core.turn(std::chrono::milliseconds(0));
    BOOST_REQUIRE(ctl.written().size() == 256u);
    std::set<std::uint8_t> ids;
    for (auto const& [id, body] : ctl.written())
        ids.insert(id);
    BOOST_TEST(ids.size() == 256u);

    // Answered in reverse, each call gets its own response.
    for (auto it = ctl.written().rbegin(); it != ctl.written().rend(); ++it)
        ctl.send({it->first, "re:" + it->second});
    for (int turns = 0; turns < 4; ++turns) // the connection yields every 128 frames
        core.turn(std::chrono::milliseconds(0));
    for (int i = 0; i < 256; ++i)
        BOOST_TEST(calls[static_cast<std::size_t>(i)].poll_future_notify(n, 0).value() ==
                   "re:" + std::to_string(i));

    // Slots freed, ids reused: still no two live calls share one.
    std::vector<pf::spawned<pkp::client_service_t<byte_ids>::future_type>> again;
    for (int i = 0; i < 256; ++i) {
        again.push_back(pf::spawn(client.call("x")));
        BOOST_REQUIRE(again.back().poll_future_notify(n, 0).is_not_ready());
    }
    core.turn(std::chrono::milliseconds(0));
    BOOST_REQUIRE(ctl.written().size() == 512u);
    std::set<std::uint8_t> second;
    for (std::size_t i = 256; i < 512; ++i)
        second.insert(ctl.written()[i].first);
    BOOST_TEST(second.size() == 256u);
}

BOOST_AUTO_TEST_CASE(client_connection_hands_out_the_connection_to_run_anywhere)
{
    pt::mock_transport<std::string, std::string> t;
    auto ctl = t.get_control();
    auto [client, connection] = pkp::client_connection(ordered_lines{}, t, 4);
    auto n = pt::make_counting_notify();
    auto call = pf::spawn(client.call("ping"));
    auto conn = pf::spawn(std::move(connection));
    BOOST_TEST(call.poll_future_notify(n, 1).is_not_ready());
    BOOST_TEST(conn.poll_future_notify(n, 2).is_not_ready());
    BOOST_TEST(ctl.written() == std::vector<std::string>{"ping"});
    ctl.send("pong");
    BOOST_TEST(n->last_id() == 2u);
    BOOST_TEST(conn.poll_future_notify(n, 2).is_not_ready());
    BOOST_TEST(call.poll_future_notify(n, 1).value() == "pong");
    {
        auto gone = std::move(client);
    }
    BOOST_TEST(conn.poll_future_notify(n, 2).is_ready());
    BOOST_TEST(ctl.closed());
}

BOOST_AUTO_TEST_SUITE_END()

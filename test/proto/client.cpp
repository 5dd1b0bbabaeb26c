// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/client.hpp>

#include <protokit/future/future.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/reactor/core.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_transport.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <optional>
#include <string>
#include <vector>

// tokio-proto's pipeline client catalogue, and the leaks it had (#181, #194), on a mock
// transport; the cases multiplex shares are in dispatch_client_cases.ipp.

namespace pf = protokit::future;
namespace pp = protokit::pipeline;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(proto_client)

namespace {

using transport = pt::mock_transport<std::string, std::string>;

struct line_proto : pp::client_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

using client_type = pp::client<std::string, std::string>;
static_assert(protokit::service::ReadyService<client_type>);
static_assert(std::is_copy_constructible_v<client_type>);

/// A client on a mock transport, its connection run by a core the test turns.
struct fixture {
    protokit::reactor::core core;
    transport t;
    transport::control ctl = t.get_control();
    boost::intrusive_ptr<pt::counting_notify> n = pt::make_counting_notify();

    client_type bind(std::size_t max_in_flight = 32)
    {
        return pp::bind_client(line_proto{}, core.get_handle(), t, max_in_flight);
    }
    void turn() { core.turn(std::chrono::milliseconds(0)); }
};

pf::error_code io_error()
{
    return pf::error_code(ECONNRESET, boost::system::generic_category());
}

/// The pipelined ordering, for the cases shared with multiplex.
struct kind {
    using transport = ::proto_client::transport;

    static client_type bind_client(protokit::reactor::handle const& h, transport const& t,
                                   std::size_t max_in_flight)
    {
        return pp::bind_client(line_proto{}, h, t, max_in_flight);
    }
    static std::string answer(std::string const&, std::string body) { return body; }
    static std::string const& body(std::string const& frame) { return frame; }
};

} // namespace

#include "dispatch_client_cases.ipp"

BOOST_AUTO_TEST_CASE(ping_pong)
{
    fixture f;
    auto client = f.bind();
    auto call = pf::spawn(client.call("ping"));
    BOOST_TEST(call.poll_future_notify(f.n, 0).is_not_ready());
    f.turn();
    BOOST_TEST(f.ctl.written() == std::vector<std::string>{"ping"});
    f.ctl.send("pong");
    f.turn();
    BOOST_TEST(f.n->take() == 1);
    auto r = call.poll_future_notify(f.n, 0);
    BOOST_TEST(r.is_ready());
    BOOST_TEST(r.value() == "pong");
}

BOOST_AUTO_TEST_CASE(pipelined_calls_get_their_own_responses)
{
    fixture f;
    auto client = f.bind();
    std::vector<pf::spawned<client_type::future_type>> calls;
    for (auto s : {"a", "b", "c"})
        calls.push_back(pf::spawn(client.call(s)));
    f.turn();
    BOOST_TEST(f.ctl.written() == (std::vector<std::string>{"a", "b", "c"}));
    for (auto s : {"A", "B", "C"})
        f.ctl.send(s);
    f.turn();
    BOOST_TEST(calls[0].poll_future_notify(f.n, 0).value() == "A");
    BOOST_TEST(calls[1].poll_future_notify(f.n, 0).value() == "B");
    BOOST_TEST(calls[2].poll_future_notify(f.n, 0).value() == "C");
}

BOOST_AUTO_TEST_CASE(a_response_nobody_asked_for_is_a_connection_error)
{
    fixture f;
    auto client = f.bind();
    auto call = pf::spawn(client.call("a"));
    f.turn();
    f.ctl.send("A");
    f.ctl.send("surprise");
    f.turn();
    BOOST_TEST(call.poll_future_notify(f.n, 0).value() == "A");
    auto later = pf::spawn(client.call("b"));
    BOOST_TEST(later.poll_future_notify(f.n, 0).error() == protokit::error::unexpected_response);
}

BOOST_AUTO_TEST_CASE(dropping_a_call_before_it_is_written_withdraws_the_request)
{
    fixture f;
    auto client = f.bind();
    f.ctl.set_writable(false);
    std::optional<client_type::future_type> a(client.call("a"));
    auto b = pf::spawn(client.call("b"));
    f.turn();
    BOOST_TEST(f.ctl.written().empty());
    a.reset();
    f.ctl.set_writable(true);
    f.turn();
    BOOST_TEST(f.ctl.written() == std::vector<std::string>{"b"});
    f.ctl.send("B");
    f.turn();
    BOOST_TEST(b.poll_future_notify(f.n, 0).value() == "B");
}

BOOST_AUTO_TEST_CASE(dropping_a_call_after_it_is_written_discards_its_response)
{
    fixture f;
    auto client = f.bind();
    std::optional<client_type::future_type> a(client.call("a"));
    f.turn();
    a.reset();
    auto b = pf::spawn(client.call("b"));
    f.turn();
    BOOST_TEST(f.ctl.written() == (std::vector<std::string>{"a", "b"}));
    f.ctl.send("A");
    f.ctl.send("B");
    f.turn();
    BOOST_TEST(b.poll_future_notify(f.n, 0).value() == "B");
}

BOOST_AUTO_TEST_CASE(poll_ready_limits_the_calls_in_flight)
{
    fixture f;
    auto client = f.bind(2);
    auto a = pf::spawn(client.call("a"));
    auto b = pf::spawn(client.call("b"));
    pf::task t(f.n, 9);
    {
        pf::task_scope scope(t);
        BOOST_TEST(client.poll_ready().is_not_ready());
    }
    auto refused = pf::spawn(client.call("c"));
    BOOST_TEST(refused.poll_future_notify(f.n, 0).error() == protokit::error::limit_reached);
    f.turn();
    f.ctl.send("A");
    f.turn();
    BOOST_TEST(a.poll_future_notify(f.n, 0).value() == "A");
    BOOST_TEST(f.n->last_id() == 9u); // the task waiting for room was woken
    pf::task_scope scope(t);
    BOOST_TEST(client.poll_ready().is_ready());
}

BOOST_AUTO_TEST_SUITE_END()

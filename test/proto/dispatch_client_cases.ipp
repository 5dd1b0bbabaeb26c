// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The client cases both orderings share (tokio-proto's pipeline and
// multiplex client catalogues, and the leaks it had: #181, #194), on a mock
// transport. Included inside a suite, after `kind` names the ordering:
//   kind::transport                          the mock transport type
//   kind::bind_client(handle, transport, n)  a client on it
//   kind::answer(request_frame, body)        the response to a written request
//   kind::body(frame)                        a request frame's body
// and `io_error()` an I/O error code (ECONNRESET).

/// A client on a mock transport, its connection run by a core the test turns.
struct client_case {
    protokit::reactor::core core;
    kind::transport t;
    kind::transport::control ctl = t.get_control();
    boost::intrusive_ptr<pt::counting_notify> n = pt::make_counting_notify();

    auto bind(std::size_t max_in_flight = 32)
    {
        return kind::bind_client(core.get_handle(), t, max_in_flight);
    }
    void turn() { core.turn(std::chrono::milliseconds(0)); }

    /// The bodies of the requests written so far.
    std::vector<std::string> written_bodies()
    {
        std::vector<std::string> bodies;
        for (auto const& frame : ctl.written())
            bodies.push_back(kind::body(frame));
        return bodies;
    }

    /// True once the connection task has ended and let go of its transport (the test keeps one
    /// copy).
    bool connection_gone() const { return core.task_count() == 0 && ctl.transports() == 1; }
};

BOOST_AUTO_TEST_CASE(a_write_error_fails_pending_and_later_calls)
{
    client_case f;
    auto client = f.bind();
    f.ctl.fail_writes(io_error());
    auto call = pf::spawn(client.call("a"));
    BOOST_TEST(call.poll_future_notify(f.n, 0).is_not_ready());
    f.turn();
    BOOST_TEST(f.n->take() == 1);
    auto r = call.poll_future_notify(f.n, 0);
    BOOST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().value() == ECONNRESET);
    BOOST_TEST(f.ctl.written().empty());
    BOOST_TEST(f.connection_gone());
    auto later = pf::spawn(client.call("b"));
    auto rl = later.poll_future_notify(f.n, 0);
    BOOST_REQUIRE(rl.is_error());
    BOOST_TEST(rl.error().value() == ECONNRESET);
}

BOOST_AUTO_TEST_CASE(a_read_error_fails_pending_calls_with_it)
{
    client_case f;
    auto client = f.bind();
    auto a = pf::spawn(client.call("a"));
    auto b = pf::spawn(client.call("b"));
    BOOST_TEST(a.poll_future_notify(f.n, 1).is_not_ready());
    BOOST_TEST(b.poll_future_notify(f.n, 2).is_not_ready());
    f.turn();
    BOOST_TEST(f.written_bodies() == (std::vector<std::string>{"a", "b"}));
    f.ctl.send_error(io_error());
    f.turn();
    BOOST_TEST(f.n->take() == 2);
    for (auto* call : {&a, &b}) {
        auto r = call->poll_future_notify(f.n, 0);
        BOOST_REQUIRE(r.is_error());
        BOOST_TEST(r.error().value() == ECONNRESET);
    }
    BOOST_TEST(f.connection_gone());
    BOOST_TEST(pf::spawn(client.call("c")).poll_future_notify(f.n, 0).is_error());
}

BOOST_AUTO_TEST_CASE(the_transport_ending_fails_pending_and_later_calls)
{
    client_case f;
    auto client = f.bind();
    auto call = pf::spawn(client.call("a"));
    BOOST_TEST(call.poll_future_notify(f.n, 0).is_not_ready());
    f.turn();
    f.ctl.send_eof();
    f.turn();
    BOOST_TEST(f.n->take() == 1);
    auto r = call.poll_future_notify(f.n, 0);
    BOOST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::connection_closed);
    auto later = pf::spawn(client.call("b"));
    BOOST_TEST(later.poll_future_notify(f.n, 0).error() == protokit::error::connection_closed);
    BOOST_TEST(f.connection_gone());
}

BOOST_AUTO_TEST_CASE(the_connection_closes_when_the_last_handle_goes_and_nothing_is_pending)
{
    client_case f;
    {
        auto client = f.bind();
        auto copy = client;
        f.turn();
        BOOST_TEST(f.core.task_count() == 1u);
    }
    f.turn();
    BOOST_TEST(f.ctl.closed());
    BOOST_TEST(f.connection_gone());
}

BOOST_AUTO_TEST_CASE(a_dropped_client_keeps_its_pending_call_until_it_is_answered)
{
    client_case f;
    std::optional<pf::spawned<decltype(f.bind().call(""))>> call;
    {
        auto client = f.bind();
        call.emplace(pf::spawn(client.call("a")));
    }
    f.turn();
    BOOST_REQUIRE(f.ctl.written().size() == 1u);
    BOOST_TEST(!f.ctl.closed());
    BOOST_TEST(f.core.task_count() == 1u);
    f.ctl.send(kind::answer(f.ctl.written()[0], "A"));
    f.turn();
    BOOST_TEST(call->poll_future_notify(f.n, 0).value() == "A");
    f.turn();
    BOOST_TEST(f.ctl.closed());
    BOOST_TEST(f.connection_gone());
}

BOOST_AUTO_TEST_CASE(a_dropped_client_and_call_close_the_connection_without_an_answer)
{
    client_case f;
    {
        auto client = f.bind();
        auto call = pf::spawn(client.call("a"));
        f.turn();
        BOOST_TEST(f.ctl.written().size() == 1u);
    }
    f.turn();
    BOOST_TEST(f.ctl.closed());
    BOOST_TEST(f.connection_gone());
}

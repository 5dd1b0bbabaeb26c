// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The server cases both orderings share (tokio-proto's pipeline and
// multiplex server catalogues), on a mock transport polled by hand.
// Included inside a suite, after `kind` names the ordering:
//   kind::transport                     the mock transport type
//   kind::request(id, body)             a request frame
//   kind::body(frame)                   a response frame's body
//   kind::serve(transport, service, options)   the spawned server connection
// and `io_error()` an I/O error code (ECONNRESET).

/// The bodies of the responses written so far.
template <class Control>
std::vector<std::string> written_bodies(Control& ctl)
{
    std::vector<std::string> bodies;
    for (auto const& frame : ctl.written())
        bodies.push_back(kind::body(frame));
    return bodies;
}

/// An echo service that counts its calls.
auto counting_echo(int& calls)
{
    return protokit::service::service_fn([&calls](std::string s) {
        ++calls;
        return pf::ok(std::move(s));
    });
}

BOOST_AUTO_TEST_CASE(immediate_eof_ends_the_connection_cleanly)
{
    kind::transport t;
    auto ctl = t.get_control();
    int calls = 0;
    auto conn = kind::serve(std::move(t), counting_echo(calls));
    auto n = pt::make_counting_notify();
    ctl.send_eof();
    BOOST_TEST(conn.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl.closed());
    BOOST_TEST(calls == 0);
    BOOST_TEST(ctl.written().empty());
}

BOOST_AUTO_TEST_CASE(delayed_writability_holds_the_response)
{
    kind::transport t;
    auto ctl = t.get_control();
    int calls = 0;
    auto conn = kind::serve(std::move(t), counting_echo(calls));
    auto n = pt::make_counting_notify();
    ctl.set_writable(false);
    ctl.send(kind::request(1, "a"));
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(calls == 1);
    BOOST_TEST(ctl.written().empty());
    BOOST_TEST(n->take() == 0); // nothing to do until the transport takes the response
    ctl.set_writable(true);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(written_bodies(ctl) == std::vector<std::string>{"a"});
    ctl.send_eof();
    BOOST_TEST(conn.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl.closed());
}

BOOST_AUTO_TEST_CASE(a_read_error_answers_what_came_before_then_fails)
{
    kind::transport t;
    auto ctl = t.get_control();
    int calls = 0;
    auto conn = kind::serve(std::move(t), counting_echo(calls));
    auto n = pt::make_counting_notify();
    ctl.send(kind::request(1, "a"));
    ctl.send_error(io_error());
    ctl.send(kind::request(2, "never"));
    auto r = conn.poll_future_notify(n, 0);
    BOOST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().value() == ECONNRESET);
    BOOST_TEST(written_bodies(ctl) == std::vector<std::string>{"a"});
    BOOST_TEST(ctl.closed());
    BOOST_TEST(calls == 1);
    BOOST_TEST(ctl.unread() == 1u); // nothing read after the error
}

BOOST_AUTO_TEST_CASE(a_write_error_ends_the_connection_and_stops_reading)
{
    kind::transport t;
    auto ctl = t.get_control();
    int calls = 0;
    protokit::proto::connection_options options;
    options.max_in_flight = 1;
    {
        auto conn = kind::serve(std::move(t), counting_echo(calls), options);
        auto n = pt::make_counting_notify();
        ctl.fail_writes(io_error());
        ctl.send(kind::request(1, "a"));
        ctl.send(kind::request(2, "b"));
        ctl.send(kind::request(3, "c"));
        auto r = conn.poll_future_notify(n, 0);
        BOOST_REQUIRE(r.is_error());
        BOOST_TEST(r.error().value() == ECONNRESET);
        // The first request was read and answered into the failing write;
        // nothing was read after it.
        BOOST_TEST(calls == 1);
        BOOST_TEST(ctl.unread() == 2u);
        BOOST_TEST(ctl.written().empty());
        BOOST_TEST(ctl.transports() == 1u);
    }
    // The finished connection, once dropped (as its reactor does at once),
    // has let go of its transport: a socket would be closed.
    BOOST_TEST(ctl.transports() == 0u);
    BOOST_TEST(ctl.unread() == 2u);
}

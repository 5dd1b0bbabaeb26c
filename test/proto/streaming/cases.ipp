// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The server cases both streaming orderings share, on a mock transport
// polled by hand. Included inside a suite, after `kind` names the ordering:
//   kind::transport                              the mock transport type
//   kind::head(id, text, has_body), chunk(id, text), end(id)   inbound frames
//   kind::head_text(frame)                       the head a written frame carries ("" if none)
//   kind::serve(transport, service, options, control)   the spawned server connection
// and `stash`, `stashing_service`, `settle`, `drain`, `io_error` from the suite.

BOOST_AUTO_TEST_CASE(common_a_read_error_mid_body_fails_the_body_and_what_was_read_is_answered)
{
    kind::transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = kind::serve(t, stashing_service(s), {}, nullptr);
    auto n = pt::make_counting_notify();
    ctl.send(kind::head(1, "up", true));
    ctl.send(kind::chunk(1, "c1"));
    ctl.send_error(io_error());
    auto r = settle(conn, n);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == io_error());
    BOOST_TEST(ctl.closed());
    BOOST_REQUIRE(ctl.written().size() == 1u);
    BOOST_TEST(kind::head_text(ctl.written()[0]) == "ok:up");
    auto d = drain(s->bodies.at("up"));
    BOOST_TEST(d.chunks == std::vector<std::string>{"c1"});
    BOOST_TEST(d.error == io_error());
}

BOOST_AUTO_TEST_CASE(common_a_write_error_ends_the_connection_at_once)
{
    kind::transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = kind::serve(t, stashing_service(s), {}, nullptr);
    auto n = pt::make_counting_notify();
    pf::error_code const broken(EPIPE, boost::system::generic_category());
    ctl.fail_writes(broken);
    ctl.send(kind::head(1, "up", true));
    ctl.send(kind::chunk(1, "c1"));
    auto r = settle(conn, n);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == broken);
    auto d = drain(s->bodies.at("up"));
    BOOST_TEST(d.ended); // the body's consumer does not hang
}

BOOST_AUTO_TEST_CASE(common_a_body_the_service_drops_is_drained_and_the_next_request_works)
{
    kind::transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    auto conn = kind::serve(t, stashing_service(s), {}, nullptr);
    auto n = pt::make_counting_notify();
    ctl.send(kind::head(1, "drop", true));
    for (int i = 0; i < 40; ++i)
        ctl.send(kind::chunk(1, std::string(64, 'z')));
    ctl.send(kind::end(1));
    ctl.send(kind::head(2, "next"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.unread() == 0u);
    BOOST_REQUIRE(ctl.written().size() == 2u);
    BOOST_TEST(kind::head_text(ctl.written()[1]) == "ok:next");
}

BOOST_AUTO_TEST_CASE(common_draining_reads_the_open_body_to_its_end_and_no_new_request)
{
    kind::transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    protokit::proto::connection_control control;
    auto conn = kind::serve(t, stashing_service(s), {}, &control);
    auto n = pt::make_counting_notify();
    ctl.send(kind::head(1, "up", true));
    ctl.send(kind::chunk(1, "c1"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    control.draining = true; // tcp_server's graceful shutdown
    ctl.send(kind::chunk(1, "c2"));
    ctl.send(kind::end(1));
    ctl.send(kind::head(2, "late"));
    BOOST_TEST(settle(conn, n).is_ready());
    BOOST_TEST(ctl.closed());
    BOOST_TEST(ctl.unread() == 1u); // the late request was never read
    auto d = drain(s->bodies.at("up"));
    BOOST_TEST(d.chunks == (std::vector<std::string>{"c1", "c2"}));
    BOOST_TEST((d.ended && !d.error));
}

BOOST_AUTO_TEST_CASE(common_after_its_budget_of_frames_the_connection_yields)
{
    kind::transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    protokit::proto::connection_options options;
    options.poll_budget = 3;
    auto conn = kind::serve(t, stashing_service(s), options, nullptr);
    auto n = pt::make_counting_notify();
    ctl.send(kind::head(1, "up", true));
    for (int i = 0; i < 3; ++i)
        ctl.send(kind::chunk(1, std::to_string(i)));
    ctl.send(kind::end(1));
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.unread() == 2u);
    BOOST_TEST(n->take() == 1); // it notified itself, to come back after the others
    (void)drain(s->bodies.at("up"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(ctl.unread() == 0u);
}

BOOST_AUTO_TEST_CASE(common_a_body_waiting_for_the_peer_says_so_and_a_timeout_fails_it_then_closes)
{
    kind::transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    protokit::proto::connection_options options;
    options.body_window = 2;
    protokit::proto::connection_control control;
    auto conn = kind::serve(t, stashing_service(s), options, &control);
    auto n = pt::make_counting_notify();
    ctl.send(kind::head(1, "up", true));
    ctl.send(kind::chunk(1, "abc"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    // The body has room: the connection waits for the peer, and counts the bytes that came.
    BOOST_TEST(control.body_awaited);
    BOOST_TEST(control.body_bytes == 3u);
    ctl.send(kind::chunk(1, "de"));
    ctl.send(kind::chunk(1, "f"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    // Its window is full and a chunk waits for room: reading waits for the consumer, which is
    // not the peer's slowness.
    BOOST_TEST(!control.body_awaited);
    auto first = drain(s->bodies.at("up"));
    BOOST_TEST(first.chunks == (std::vector<std::string>{"abc", "de"}));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(control.body_awaited);
    BOOST_TEST(control.body_bytes == 6u);

    // tcp_server's body read timeout fires: the body fails, the answer owed is written, and the
    // connection ends with the timeout.
    control.body_timed_out = true;
    ctl.send(kind::head(2, "late")); // not read: reading has ended
    auto r = settle(conn, n);
    BOOST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::timed_out);
    BOOST_TEST(!control.body_awaited);
    BOOST_TEST(ctl.closed());
    BOOST_REQUIRE(ctl.written().size() == 1u);
    BOOST_TEST(kind::head_text(ctl.written()[0]) == "ok:up");
    auto rest = drain(s->bodies.at("up"));
    BOOST_TEST(rest.chunks == std::vector<std::string>{"f"});
    BOOST_TEST(rest.error == protokit::error::timed_out);
}

BOOST_AUTO_TEST_CASE(common_a_timeout_with_no_body_open_changes_nothing)
{
    kind::transport t;
    auto ctl = t.get_control();
    auto s = std::make_shared<stash>();
    protokit::proto::connection_control control;
    auto conn = kind::serve(t, stashing_service(s), {}, &control);
    auto n = pt::make_counting_notify();
    ctl.send(kind::head(1, "plain"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_TEST(!control.body_awaited);
    control.body_timed_out = true; // one that fired as the body ended
    ctl.send(kind::head(2, "next"));
    BOOST_TEST(settle(conn, n).is_not_ready());
    BOOST_REQUIRE(ctl.written().size() == 2u);
    BOOST_TEST(kind::head_text(ctl.written()[1]) == "ok:next");
}

// The test cases shared by the sync and unsync oneshot suites. Included
// inside a suite, after `namespace oneshot = <the oneshot namespace>;`.

BOOST_AUTO_TEST_CASE(delivers_the_value_and_notifies_the_waiting_receiver)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = oneshot::channel<int>();
    auto f = pf::spawn(std::move(rx));
    BOOST_TEST(f.poll_future_notify(n, 4).is_not_ready());
    BOOST_TEST(n->count() == 0);

    BOOST_TEST(std::move(tx).send(42).is_sent());
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 4u);
    auto r = f.poll_future_notify(n, 4);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 42);
}

BOOST_AUTO_TEST_CASE(a_value_sent_first_is_ready_at_once)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = oneshot::channel<std::unique_ptr<int>>();
    BOOST_TEST(static_cast<bool>(std::move(tx).send(std::make_unique<int>(7))));
    auto f = pf::spawn(std::move(rx));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(*r.value() == 7);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(dropping_the_sender_cancels_the_receiver)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = oneshot::channel<int>();
    auto f = pf::spawn(std::move(rx));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    {
        auto dropped = std::move(tx);
    }
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::canceled);
}

BOOST_AUTO_TEST_CASE(dropping_the_receiver_cancels_the_sender)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = oneshot::channel<std::string>();
    BOOST_TEST(!tx.is_canceled());
    BOOST_TEST(pt::in_task(n, 9, [&] { return tx.poll_cancel(); }).is_not_ready());
    BOOST_TEST(pt::in_task(n, 9, [&] { return tx.poll_cancel(); }).is_not_ready());
    BOOST_TEST(n->count() == 0);
    {
        auto dropped = std::move(rx);
    }
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 9u);
    BOOST_TEST(tx.is_canceled());
    BOOST_TEST(pt::in_task(n, 9, [&] { return tx.poll_cancel(); }).is_ready());

    auto back = std::move(tx).send("value");
    BOOST_TEST(!back);
    BOOST_TEST(back.is_disconnected());
    BOOST_TEST(!back.is_full());
    BOOST_TEST(back.error() == protokit::error::channel_closed);
    BOOST_TEST(back.item() == "value");
}

BOOST_AUTO_TEST_CASE(close_refuses_the_value_and_notifies_the_sender)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = oneshot::channel<int>();
    BOOST_TEST(pt::in_task(n, 1, [&] { return tx.poll_cancel(); }).is_not_ready());
    rx.close();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(tx.is_canceled());
    auto back = std::move(tx).send(3);
    BOOST_TEST_REQUIRE(back.is_disconnected());
    BOOST_TEST(back.item() == 3);
    auto f = pf::spawn(std::move(rx));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::canceled);
}

BOOST_AUTO_TEST_CASE(a_value_sent_before_close_is_still_delivered)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = oneshot::channel<int>();
    BOOST_TEST(std::move(tx).send(5).is_sent());
    rx.close();
    auto f = pf::spawn(std::move(rx));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 5);
}

BOOST_AUTO_TEST_CASE(the_receiver_has_the_future_combinators)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = oneshot::channel<int>();
    auto f = pf::spawn(std::move(rx).map([](int v) { return v + 1; }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(std::move(tx).send(1).is_sent());
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 2);
}

BOOST_AUTO_TEST_CASE(moving_an_end_keeps_the_channel)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = oneshot::channel<int>();
    auto [tx2, rx2] = oneshot::channel<int>();
    tx2 = std::move(tx);
    rx2 = std::move(rx);
    BOOST_TEST(std::move(tx2).send(8).is_sent());
    auto f = pf::spawn(std::move(rx2));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 8);
}

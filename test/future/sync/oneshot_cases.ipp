// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
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

namespace {

/// An executor whose tasks the test polls, and drops, by hand.
class manual_executor {
public:
    using task_type = pf::spawned<pf::boxed_future<pf::unit>>;

    template <pf::Future F>
    void spawn(F f) const
    {
        tasks_->emplace_back(pf::spawn(pf::boxed_future<pf::unit>(std::move(f))));
    }

    std::size_t size() const { return tasks_->size(); }

    /// Polls task `i` as the task (`n`, 50 + i).
    pf::poll_result<pf::unit> poll(std::size_t i, pf::notify_handle const& n) const
    {
        return (*tasks_)[i]->poll_future_notify(n, 50 + i);
    }

    /// Drops task `i`, as an executor shutting down would.
    void drop(std::size_t i) const { (*tasks_)[i].reset(); }

private:
    std::shared_ptr<std::vector<std::optional<task_type>>> tasks_ =
        std::make_shared<std::vector<std::optional<task_type>>>();
};

static_assert(pf::Executor<manual_executor>);

/// An error type that cannot be made from an `error_code`.
struct plain_error {
    int code = 0;
};

} // namespace

BOOST_AUTO_TEST_CASE(spawn_runs_the_future_on_the_executor_and_the_handle_gets_its_value)
{
    auto handle_task = pt::make_counting_notify();
    auto exec_task = pt::make_counting_notify();
    manual_executor ex;
    auto [f, c] = pt::make_test_future<std::string>();
    auto h = pf::spawn(oneshot::spawn(std::move(f), ex));
    BOOST_TEST_REQUIRE(ex.size() == 1u);
    BOOST_TEST(c.polls() == 0);
    BOOST_TEST(h.poll_future_notify(handle_task, 1).is_not_ready());

    BOOST_TEST(ex.poll(0, exec_task).is_not_ready());
    BOOST_TEST(c.polls() == 1);
    c.set_ready("done");
    BOOST_TEST(exec_task->take() == 1);
    BOOST_TEST(handle_task->count() == 0);
    BOOST_TEST(ex.poll(0, exec_task).is_ready());
    BOOST_TEST(handle_task->take() == 1);
    auto r = h.poll_future_notify(handle_task, 1);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == "done");
}

BOOST_AUTO_TEST_CASE(the_handle_gets_the_error_of_the_users_type)
{
    auto n = pt::make_counting_notify();
    manual_executor ex;
    auto h = pf::spawn(oneshot::spawn(pf::err<int>(plain_error{9}), ex));
    BOOST_TEST(ex.poll(0, n).is_ready());
    auto r = h.poll_future_notify(n, 1);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<int, plain_error>>);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().code == 9);
}

BOOST_AUTO_TEST_CASE(dropping_the_handle_drops_the_spawned_future)
{
    auto n = pt::make_counting_notify();
    manual_executor ex;
    auto [f, c] = pt::make_test_future<int>();
    std::optional<oneshot::spawn_handle<int, pf::error_code>> h(oneshot::spawn(std::move(f), ex));
    BOOST_TEST(ex.poll(0, n).is_not_ready());
    BOOST_TEST(c.polls() == 1);
    h.reset();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(ex.poll(0, n).is_ready());
    BOOST_TEST(c.polls() == 1);
    ex.drop(0);
    BOOST_TEST(c.is_dropped());
}

BOOST_AUTO_TEST_CASE(a_forgotten_handle_lets_the_future_run_to_completion)
{
    auto n = pt::make_counting_notify();
    manual_executor ex;
    auto [f, c] = pt::make_test_future<int>();
    {
        auto h = oneshot::spawn(std::move(f), ex);
        std::move(h).forget();
    }
    BOOST_TEST(ex.poll(0, n).is_not_ready());
    BOOST_TEST(c.polls() == 1);
    c.set_ready(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(ex.poll(0, n).is_ready());
    BOOST_TEST(c.polls() == 2);
}

BOOST_AUTO_TEST_CASE(a_spawned_future_the_executor_drops_fails_the_handle)
{
    auto n = pt::make_counting_notify();
    manual_executor ex;
    auto [f, c] = pt::make_test_future<int>();
    auto h = pf::spawn(oneshot::spawn(std::move(f), ex));
    BOOST_TEST(h.poll_future_notify(n, 1).is_not_ready());
    ex.drop(0);
    BOOST_TEST(n->take() == 1);
    auto r = h.poll_future_notify(n, 1);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::canceled);

    // With an error type that cannot say "canceled", the poll throws (futures 0.1 panics).
    auto g = pf::spawn(oneshot::spawn(
        pf::poll_fn([]() -> pf::poll_result<int, plain_error> { return pf::not_ready; }), ex));
    ex.drop(1);
    BOOST_CHECK_THROW(g.poll_future_notify(n, 2), std::logic_error);
}

BOOST_AUTO_TEST_CASE(a_receiver_fails_with_the_error_type_of_the_users_choice)
{
    struct my_error {
        explicit my_error(pf::error_code e) : ec(e) {}
        pf::error_code ec;
    };
    auto n = pt::make_counting_notify();
    auto [tx, rx] = oneshot::channel<int, my_error>();
    auto f = pf::spawn(std::move(rx));
    {
        auto gone = std::move(tx);
    }
    auto r = f.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<int, my_error>>);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().ec == protokit::error::canceled);
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The test cases shared by the sync and unsync mpsc suites. Included inside
// a suite, after `namespace mpsc = <the mpsc namespace>;`. The cases that
// depend on how much a bounded channel holds (its buffer plus one item per
// sender in sync, exactly its buffer in unsync) are in each suite's file.

namespace {

/// Polls the receiver once as the task (`n`, `id`).
template <class R>
auto next(R& rx, pf::notify_handle const& n, std::uint64_t id = 100)
{
    return pt::in_task(n, id, [&] { return rx.poll_next(); });
}

/// True if `r` is a poll with the item `v`.
template <class P, class T>
bool is_item(P const& r, T const& v)
{
    return r.is_ready() && r.value() && *r.value() == v;
}

/// True if `r` is the end of the stream.
template <class P>
bool is_end(P const& r)
{
    return r.is_ready() && !r.value();
}

} // namespace

BOOST_AUTO_TEST_CASE(delivers_items_in_order)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(8);
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(tx.try_send(i).is_sent());
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(is_item(next(rx, n), i));
    BOOST_TEST(next(rx, n).is_not_ready());
}

BOOST_AUTO_TEST_CASE(the_waiting_receiver_is_woken_when_an_item_arrives)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<std::string>(4);
    BOOST_TEST(next(rx, n, 7).is_not_ready());
    BOOST_TEST(tx.try_send("a").is_sent());
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 7u);
    BOOST_TEST(tx.try_send("b").is_sent());
    BOOST_TEST(n->count() == 0);
    BOOST_TEST(is_item(next(rx, n, 7), std::string("a")));
    BOOST_TEST(is_item(next(rx, n, 7), std::string("b")));
    BOOST_TEST(next(rx, n, 7).is_not_ready());
}

BOOST_AUTO_TEST_CASE(the_stream_ends_when_the_last_sender_is_gone)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(4);
    std::optional<mpsc::sender<int>> first(std::move(tx));
    std::optional<mpsc::sender<int>> second(*first);
    BOOST_TEST(first->try_send(1).is_sent());
    first.reset();
    BOOST_TEST(is_item(next(rx, n), 1));
    BOOST_TEST(next(rx, n).is_not_ready());
    BOOST_TEST(n->count() == 0);

    second.reset();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(is_end(next(rx, n)));
}

BOOST_AUTO_TEST_CASE(queued_items_outlive_the_senders)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(4);
    {
        auto gone = std::move(tx);
        BOOST_TEST(gone.try_send(1).is_sent());
        BOOST_TEST(gone.try_send(2).is_sent());
    }
    BOOST_TEST(is_item(next(rx, n), 1));
    BOOST_TEST(is_item(next(rx, n), 2));
    BOOST_TEST(is_end(next(rx, n)));
}

BOOST_AUTO_TEST_CASE(close_delivers_the_queued_items_then_ends)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(4);
    BOOST_TEST(tx.try_send(1).is_sent());
    BOOST_TEST(tx.try_send(2).is_sent());
    rx.close();
    BOOST_TEST(tx.is_closed());
    BOOST_TEST(tx.try_send(3).is_disconnected());
    BOOST_TEST(is_item(next(rx, n), 1));
    BOOST_TEST(is_item(next(rx, n), 2));
    BOOST_TEST(is_end(next(rx, n)));
}

BOOST_AUTO_TEST_CASE(close_channel_ends_the_stream_for_every_sender)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(4);
    auto other = tx;
    BOOST_TEST(other.try_send(1).is_sent());
    BOOST_TEST(is_item(next(rx, n), 1));
    BOOST_TEST(next(rx, n).is_not_ready());
    tx.close_channel();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(other.try_send(2).is_disconnected());
    BOOST_TEST(is_end(next(rx, n)));
}

BOOST_AUTO_TEST_CASE(closing_the_sink_releases_this_sender)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(4);
    auto s = pf::spawn(std::move(tx));
    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(next(rx, n).is_ready());
    BOOST_TEST(next(rx, n).is_not_ready());
    BOOST_TEST(s.close_notify(n, 0).is_ready());
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(is_end(next(rx, n)));
    BOOST_TEST(s.start_send_notify(2, n, 0).is_error());
}

BOOST_AUTO_TEST_CASE(send_all_moves_a_stream_through_a_small_channel)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int>(1);
    auto f = pf::spawn(std::move(tx).send_all(pt::range_stream(0, 50)));
    std::vector<int> got;
    bool done = false;
    for (int round = 0; round < 200 && !done; ++round) {
        auto r = f.poll_future_notify(n, 0);
        BOOST_TEST_REQUIRE(!r.is_error());
        done = r.is_ready();
        for (int k = 0; k < 10; ++k) {
            auto item = next(rx, n, 1);
            if (!item.is_ready() || !item.value())
                break;
            got.push_back(*item.value());
        }
    }
    BOOST_TEST(done);
    for (int k = 0; k < 10; ++k) {
        auto item = next(rx, n, 1);
        if (!item.is_ready() || !item.value())
            break;
        got.push_back(*item.value());
    }
    std::vector<int> want(50);
    std::iota(want.begin(), want.end(), 0);
    BOOST_TEST(got == want);
}

BOOST_AUTO_TEST_CASE(carries_move_only_items)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<std::unique_ptr<int>>(1);
    BOOST_TEST(tx.try_send(std::make_unique<int>(3)).is_sent());
    auto r = next(rx, n);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(**r.value() == 3);
}

BOOST_AUTO_TEST_CASE(an_unbounded_channel_never_pushes_back)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::unbounded<int>();
    auto other = tx;
    for (int i = 0; i < 1000; ++i)
        BOOST_TEST_REQUIRE((i % 2 ? tx : other).unbounded_send(i).is_sent());
    BOOST_TEST(pt::in_task(n, 0, [&] { return tx.start_send(1000); }).is_accepted());
    BOOST_TEST(tx.poll_ready().is_ready());
    for (int i = 0; i <= 1000; ++i)
        BOOST_TEST_REQUIRE(is_item(next(rx, n), i));
    BOOST_TEST(next(rx, n).is_not_ready());

    {
        auto gone = std::move(rx);
    }
    auto back = tx.unbounded_send(5);
    BOOST_TEST(back.is_disconnected());
    BOOST_TEST(back.item() == 5);
    auto sent = pt::in_task(n, 0, [&] { return tx.start_send(6); });
    BOOST_TEST_REQUIRE(sent.is_error());
    BOOST_TEST(sent.error().code() == protokit::error::channel_closed);
    BOOST_TEST_REQUIRE(sent.error().has_item());
    BOOST_TEST(sent.error().item() == 6);
}

BOOST_AUTO_TEST_CASE(an_unbounded_stream_ends_when_its_senders_are_gone)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::unbounded<int>();
    BOOST_TEST(tx.unbounded_send(1).is_sent());
    BOOST_TEST(pt::in_task(n, 0, [&] { return tx.close(); }).is_ready());
    BOOST_TEST(tx.unbounded_send(2).is_disconnected());
    BOOST_TEST(is_item(next(rx, n), 1));
    BOOST_TEST(is_end(next(rx, n)));
}

BOOST_AUTO_TEST_CASE(start_send_on_a_closed_channel_hands_the_item_back)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<std::unique_ptr<int>>(4);
    rx.close();
    auto sent = pt::in_task(n, 0, [&] { return tx.start_send(std::make_unique<int>(7)); });
    BOOST_TEST_REQUIRE(sent.is_error());
    BOOST_TEST(sent.error().code() == protokit::error::channel_closed);
    pf::error_code const as_code = sent.error();
    BOOST_TEST(as_code == protokit::error::channel_closed);
    BOOST_TEST_REQUIRE(sent.error().has_item());
    std::unique_ptr<int> back = std::move(sent).error().into_item();
    BOOST_TEST(*back == 7);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(the_receiver_carries_the_error_type_of_the_users_choice)
{
    auto n = pt::make_counting_notify();
    auto [tx, rx] = mpsc::channel<int, std::string>(2);
    static_assert(std::is_same_v<decltype(rx)::error_type, std::string>);
    BOOST_TEST(tx.try_send(4).is_sent());
    auto r = next(rx, n);
    BOOST_TEST(is_item(r, 4));
    auto [utx, urx] = mpsc::unbounded<int, int>();
    static_assert(std::is_same_v<decltype(urx)::error_type, int>);
    BOOST_TEST(utx.unbounded_send(5).is_sent());
    BOOST_TEST(is_item(next(urx, n), 5));
}

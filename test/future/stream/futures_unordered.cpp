// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/futures_unordered.hpp>

#include <protokit/future/stream/collect.hpp>
#include <protokit/future/stream/into_future.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <numeric>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_futures_unordered)

/// The set under test, for the shared typed cases.
struct unordered_kind {
    template <class F>
    using set = pf::futures_unordered<F>;
    static constexpr bool ordered = false;
};

using set_kinds = std::tuple<unordered_kind>;

#include "futures_set_cases.ipp"

namespace {

/// Not ready for ever, and asks to be polled again each time.
struct spinning_future {
    using item_type = int;
    using error_type = pf::error_code;

    int* polls;

    pf::poll_result<int> poll()
    {
        ++*polls;
        pf::current_task().notify();
        return pf::not_ready;
    }
};

/// Hands out the task it is polled as; ready with `value` once `*done`.
struct grabbing_future {
    using item_type = int;
    using error_type = pf::error_code;

    std::optional<pf::task>* task;
    bool const* done;
    int* polls;
    int value;

    pf::poll_result<int> poll()
    {
        task->emplace(pf::current_task());
        if (polls != nullptr)
            ++*polls;
        if (*done)
            return pf::ready(value);
        return pf::not_ready;
    }
};

using test_set = pf::futures_unordered<pt::held_future<int>>;

} // namespace

BOOST_AUTO_TEST_CASE(yields_values_in_the_order_the_futures_finish)
{
    auto n = pt::make_counting_notify();
    test_set set;
    auto h = fill(set, 3);
    BOOST_TEST(set.size() == 3u);
    auto s = pf::spawn(std::move(set));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    h[2].set_value(20);
    h[0].set_value(0);
    BOOST_TEST(n->take() == 2);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 20", "item 0", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.get_ref().size() == 1u);
    h[1].set_value(10);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 10", "end"}), boost::test_tools::per_element());
    BOOST_TEST(s.get_ref().empty());
}

BOOST_AUTO_TEST_CASE(the_parent_is_woken_with_its_own_id_once_per_queued_member)
{
    auto n = pt::make_counting_notify();
    test_set set;
    auto h = fill(set, 2);
    auto s = pf::spawn(std::move(set));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 41)) == "not ready");
    BOOST_TEST(n->count() == 0);
    h[0].notify();
    h[0].notify();
    h[0].notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 41u);
    h[1].notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 41)) == "not ready");
    BOOST_TEST(h[0].polls() == 2);
    BOOST_TEST(h[1].polls() == 2);
}

BOOST_AUTO_TEST_CASE(a_newly_pushed_future_is_polled_at_the_next_poll)
{
    auto n = pt::make_counting_notify();
    test_set set;
    auto h = fill(set, 1);
    auto s = pf::spawn(std::move(set));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    auto [f, fh] = pt::make_held_future<int>();
    fh.set_value(5);
    s.get_ref().push(std::move(f));
    BOOST_TEST(fh.polls() == 0);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item 5");
    BOOST_TEST(h[0].polls() == 1);
}

BOOST_AUTO_TEST_CASE(an_error_of_a_member_is_yielded_and_the_others_go_on)
{
    auto n = pt::make_counting_notify();
    test_set set;
    auto h = fill(set, 2);
    auto s = pf::spawn(std::move(set));
    h[0].set_error(pt::test_error(4));
    h[1].set_value(1);
    BOOST_TEST(pt::drain(s, n) == (strings{"error 4", "item 1", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_member_that_keeps_waking_itself_cannot_starve_the_caller)
{
    auto n = pt::make_counting_notify();
    int polls = 0;
    pf::futures_unordered<spinning_future> set;
    set.push(spinning_future{&polls});
    set.push(spinning_future{&polls});
    auto s = pf::spawn(std::move(set));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(polls == 2);
    BOOST_TEST(n->take() >= 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(polls == 4);
}

BOOST_AUTO_TEST_CASE(members_notified_from_other_threads_are_each_repolled_once)
{
    constexpr int count = 400;
    test_set set;
    auto handles = fill(set, count);
    std::vector<std::thread> threads;
    for (int t = 0; t != 4; ++t) {
        threads.emplace_back([&handles, t] {
            for (int i = t; i < count; i += 4)
                handles[static_cast<std::size_t>(i)].set_value(i);
        });
    }
    auto r = pt::wait_bounded(std::move(set).collect(), std::chrono::seconds(60));
    for (auto& t : threads)
        t.join();
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST_REQUIRE(r->has_value());
    auto values = **r;
    BOOST_TEST(values.size() == static_cast<std::size_t>(count));
    BOOST_TEST(std::accumulate(values.begin(), values.end(), 0) == count * (count - 1) / 2);
    for (auto& h : handles)
        BOOST_TEST_REQUIRE(h.polls() <= 2);
}

BOOST_AUTO_TEST_CASE(a_wake_up_from_another_thread_reaches_a_waiting_task)
{
    test_set set;
    auto h = fill(set, 3);
    std::thread completer([&h] { h[1].set_value(11); });
    auto r = pt::wait_bounded(std::move(set).into_future(), std::chrono::seconds(60));
    completer.join();
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST_REQUIRE(r->has_value());
    BOOST_TEST(pt::describe((**r).first) == "11");
    BOOST_TEST((**r).second.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_notification_after_the_set_is_gone_is_harmless)
{
    auto n = pt::make_counting_notify();
    std::vector<pt::held_future_handle<int>> h;
    {
        test_set set;
        h = fill(set, 2);
        auto s = pf::spawn(std::move(set));
        BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
        BOOST_TEST(h[0].is_registered());
    }
    h[0].set_value(1);
    std::thread other([&h] { h[1].set_value(2); });
    other.join();
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(a_stale_notification_does_not_reach_the_member_that_reuses_the_slot)
{
    auto n = pt::make_counting_notify();
    std::optional<pf::task> first_task;
    std::optional<pf::task> second_task;
    bool first_done = false;
    bool second_done = false;
    int second_polls = 0;
    pf::futures_unordered<grabbing_future> set;
    set.push(grabbing_future{&first_task, &first_done, nullptr, 1});
    auto s = pf::spawn(std::move(set));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST_REQUIRE(first_task.has_value());
    pf::task const stale = *first_task;

    first_done = true;
    stale.notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item 1");

    s.get_ref().push(grabbing_future{&second_task, &second_done, &second_polls, 2});
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(s.get_ref().capacity() == 1u);
    BOOST_TEST(second_polls == 1);
    BOOST_TEST(!second_task->will_notify(stale));

    stale.notify();
    BOOST_TEST(n->count() == 0);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(second_polls == 1);

    second_done = true;
    second_task->notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item 2");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The test cases shared by the futures_ordered and futures_unordered suites,
// typed over the set: each suite includes this file inside itself, after
// defining `set_kinds`, a std::tuple of kinds, each with `template <class F>
// using set = ...;` and `static constexpr bool ordered`.

namespace {

/// Ready with `value` after telling its task to come back `remaining` times.
struct countdown_future {
    using item_type = int;
    using error_type = pf::error_code;

    int value;
    int remaining;

    pf::poll_result<int> poll()
    {
        if (remaining > 0) {
            --remaining;
            pf::current_task().notify();
            return pf::not_ready;
        }
        return pf::ready(value);
    }
};

/// Pushes `count` held futures into `set`; their handles.
template <class Set>
std::vector<pt::held_future_handle<int>> fill(Set& set, int count)
{
    std::vector<pt::held_future_handle<int>> handles;
    for (int i = 0; i != count; ++i) {
        auto [f, h] = pt::make_held_future<int>();
        set.push(std::move(f));
        handles.push_back(h);
    }
    return handles;
}

} // namespace

BOOST_AUTO_TEST_CASE_TEMPLATE(a_wake_up_repolls_only_the_notified_members, Kind, set_kinds)
{
    auto n = pt::make_counting_notify();
    typename Kind::template set<pt::held_future<int>> set;
    auto h = fill(set, 3);
    auto s = pf::spawn(std::move(set));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    h[1].notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(h[0].polls() == 1);
    BOOST_TEST(h[1].polls() == 2);
    BOOST_TEST(h[2].polls() == 1);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_empty_set_ends_and_may_be_filled_again, Kind, set_kinds)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(typename Kind::template set<countdown_future>());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    s.get_ref().push(countdown_future{5, 2});
    s.get_ref().push(countdown_future{6, 0});
    std::vector<int> got;
    for (int i = 0; i != 10 && got.size() != 2; ++i) {
        auto r = s.poll_stream_notify(n, 0);
        if (r.is_ready() && r.value())
            got.push_back(*r.value());
        else
            BOOST_TEST_REQUIRE(n->take() >= 1); // the member asked to come back
    }
    if constexpr (Kind::ordered)
        BOOST_TEST(got == (std::vector<int>{5, 6}), boost::test_tools::per_element());
    else
        BOOST_TEST(got == (std::vector<int>{6, 5}), boost::test_tools::per_element());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(built_from_a_range_it_holds_every_future_of_it, Kind, set_kinds)
{
    auto n = pt::make_counting_notify();
    std::vector<countdown_future> futures{{1, 1}, {2, 0}, {3, 0}};
    // An lvalue range is copied out of; an rvalue one moved out of.
    typename Kind::template set<countdown_future> copied(futures);
    BOOST_TEST(copied.size() == 3u);
    BOOST_TEST(futures.size() == 3u);
    auto s = pf::spawn(typename Kind::template set<countdown_future>(std::move(futures)));
    BOOST_TEST(s.get_ref().size() == 3u);
    std::vector<int> got;
    for (int i = 0; i != 10; ++i) {
        auto r = s.poll_stream_notify(n, 0);
        BOOST_TEST_REQUIRE(!r.is_error());
        if (r.is_ready() && !r.value())
            break;
        if (r.is_ready())
            got.push_back(*r.value());
    }
    if constexpr (Kind::ordered)
        BOOST_TEST(got == (std::vector<int>{1, 2, 3}), boost::test_tools::per_element());
    else
        BOOST_TEST(got == (std::vector<int>{2, 3, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(slots_are_reused_the_slab_stays_at_its_high_water_size, Kind,
                              set_kinds)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(typename Kind::template set<countdown_future>());
    auto& set = s.get_ref();
    constexpr int total = 10000;
    constexpr std::size_t bound = 32;
    int pushed = 0;
    int done = 0;
    long long sum = 0;
    bool in_order = true;
    for (int round = 0; round != 100000 && done != total; ++round) {
        while (set.size() < bound && pushed != total) {
            set.push(countdown_future{pushed, (pushed * 7) % 5});
            ++pushed;
        }
        auto r = s.poll_stream_notify(n, 0);
        BOOST_TEST_REQUIRE(!r.is_error());
        if (r.is_ready() && r.value()) {
            in_order = in_order && *r.value() == done;
            sum += *r.value();
            ++done;
        }
    }
    BOOST_TEST(done == total);
    BOOST_TEST(sum == static_cast<long long>(total) * (total - 1) / 2);
    if constexpr (Kind::ordered)
        BOOST_TEST(in_order);
    BOOST_TEST(set.capacity() == bound);
    BOOST_TEST(set.empty());
}

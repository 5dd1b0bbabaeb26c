#include <protokit/future/stream/futures_ordered.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_futures_ordered)

namespace {

using test_set = pf::futures_ordered<pt::held_future<int>>;

std::vector<pt::held_future_handle<int>> fill(test_set& set, int count)
{
    std::vector<pt::held_future_handle<int>> handles;
    for (int i = 0; i != count; ++i) {
        auto [f, h] = pt::make_held_future<int>();
        set.push(std::move(f));
        handles.push_back(h);
    }
    return handles;
}

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

} // namespace

BOOST_AUTO_TEST_CASE(yields_values_in_push_order_whatever_order_they_finish_in)
{
    auto n = pt::make_counting_notify();
    test_set set;
    auto h = fill(set, 4);
    auto s = pf::spawn(std::move(set));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    h[2].set_value(2);
    h[3].set_value(3);
    BOOST_TEST(n->take() == 2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    BOOST_TEST(s.get_ref().size() == 4u);
    h[0].set_value(0);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 0", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(h[2].polls() == 2);
    h[1].set_value(1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "item 2", "item 3", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(h[2].polls() == 2);
    BOOST_TEST(h[3].polls() == 2);
}

BOOST_AUTO_TEST_CASE(a_wake_up_repolls_only_the_notified_members)
{
    auto n = pt::make_counting_notify();
    test_set set;
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

BOOST_AUTO_TEST_CASE(an_error_is_yielded_at_once_and_its_place_is_skipped)
{
    auto n = pt::make_counting_notify();
    test_set set;
    auto h = fill(set, 3);
    auto s = pf::spawn(std::move(set));
    h[1].set_error(pt::test_error(6));
    BOOST_TEST(pt::drain(s, n) == (strings{"error 6", "not ready"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.get_ref().size() == 2u);
    h[2].set_value(2);
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "not ready");
    h[0].set_value(0);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 0", "item 2", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_empty_set_ends_and_may_be_filled_again)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::futures_ordered<countdown_future>());
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
    s.get_ref().push(countdown_future{5, 2});
    s.get_ref().push(countdown_future{6, 0});
    BOOST_TEST(pt::drain(s, n) == (strings{"not ready"}), boost::test_tools::per_element());
    BOOST_TEST(n->take() >= 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 5", "item 6", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(slots_are_reused_the_slab_stays_at_its_high_water_size)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::futures_ordered<countdown_future>());
    auto& set = s.get_ref();
    constexpr int total = 10000;
    constexpr std::size_t bound = 32;
    int pushed = 0;
    int expected = 0;
    bool in_order = true;
    for (int round = 0; round != 100000 && expected != total; ++round) {
        while (set.size() < bound && pushed != total) {
            set.push(countdown_future{pushed, (pushed * 7) % 5});
            ++pushed;
        }
        auto r = s.poll_stream_notify(n, 0);
        BOOST_TEST_REQUIRE(!r.is_error());
        if (r.is_ready() && r.value()) {
            in_order = in_order && *r.value() == expected;
            ++expected;
        }
    }
    BOOST_TEST(expected == total);
    BOOST_TEST(in_order);
    BOOST_TEST(set.capacity() == bound);
    BOOST_TEST(set.empty());
}

BOOST_AUTO_TEST_CASE(built_from_a_range_it_holds_every_future_of_it)
{
    auto n = pt::make_counting_notify();
    std::vector<countdown_future> futures{{1, 1}, {2, 0}, {3, 0}};
    // An lvalue range is copied out of; an rvalue one moved out of.
    pf::futures_ordered copied(futures);
    BOOST_TEST(copied.size() == 3u);
    BOOST_TEST(futures.size() == 3u);
    auto s = pf::spawn(pf::futures_ordered(std::move(futures)));
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
    BOOST_TEST(got == (std::vector<int>{1, 2, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

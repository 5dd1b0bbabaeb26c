// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/join.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <list>
#include <string>
#include <tuple>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_join)

BOOST_AUTO_TEST_CASE(joins_two_ready_futures)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok(1).join(pf::ok(std::string("two"))));
    auto r = f.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<std::tuple<int, std::string>>>);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(std::get<0>(r.value()) == 1);
    BOOST_TEST(std::get<1>(r.value()) == "two");
}

BOOST_AUTO_TEST_CASE(joins_five_futures)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok(1).join(pf::ok(2), pf::ok(3), pf::ok(), pf::ok(5)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    auto [a, b, c, d, e] = std::move(r).value();
    static_assert(std::is_same_v<decltype(d), pf::unit>);
    BOOST_TEST(a + b + c + e == 11);
}

BOOST_AUTO_TEST_CASE(waits_for_every_member_and_polls_only_the_unfinished)
{
    auto n = pt::make_counting_notify();
    auto [a, ca] = pt::make_test_future<int>();
    auto [b, cb] = pt::make_test_future<int>();
    auto [c, cc] = pt::make_test_future<int>();
    auto f = pf::spawn(std::move(a).join(std::move(b), std::move(c)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ca.is_registered());
    BOOST_TEST(cb.is_registered());
    BOOST_TEST(cc.is_registered());

    cb.set_ready(20);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(cb.polls() == 2);

    ca.set_ready(10);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(cb.polls() == 2);

    cc.set_ready(30);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(std::get<0>(r.value()) == 10);
    BOOST_TEST(std::get<1>(r.value()) == 20);
    BOOST_TEST(std::get<2>(r.value()) == 30);
    // Four polls of the join; b is not polled once it has its value.
    BOOST_TEST(ca.polls() == 3);
    BOOST_TEST(cb.polls() == 2);
    BOOST_TEST(cc.polls() == 4);
}

BOOST_AUTO_TEST_CASE(fails_fast_and_drops_the_others)
{
    auto n = pt::make_counting_notify();
    auto [a, ca] = pt::make_test_future<int>();
    auto [b, cb] = pt::make_test_future<int>();
    auto [c, cc] = pt::make_test_future<int>();
    auto f = pf::spawn(std::move(a).join(std::move(b), std::move(c)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());

    cb.set_error(pt::test_error(7));
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(7));
    BOOST_TEST(ca.is_dropped());
    BOOST_TEST(cb.is_dropped());
    BOOST_TEST(cc.is_dropped());
    // The member after the failed one was not polled again.
    BOOST_TEST(cc.polls() == 1);
}

BOOST_AUTO_TEST_CASE(an_immediate_error_skips_the_later_members)
{
    auto n = pt::make_counting_notify();
    auto [b, cb] = pt::make_test_future<int>();
    auto f = pf::spawn(pf::err<int>(pt::test_error(1)).join(std::move(b)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(cb.polls() == 0);
    BOOST_TEST(cb.is_dropped());
}

BOOST_AUTO_TEST_CASE(join_all_collects_in_order)
{
    auto n = pt::make_counting_notify();
    std::vector<pt::test_future<int>> futures;
    std::vector<pt::test_future_control<int>> controls;
    for (int i = 0; i != 4; ++i) {
        auto [f, c] = pt::make_test_future<int>();
        futures.push_back(std::move(f));
        controls.push_back(c);
    }
    auto f = pf::spawn(pf::join_all(std::move(futures)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    for (auto& c : controls)
        BOOST_TEST(c.is_registered());

    controls[3].set_ready(3);
    controls[1].set_ready(1);
    BOOST_TEST(n->take() == 2);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());

    controls[0].set_ready(0);
    controls[2].set_ready(2);
    BOOST_TEST(n->take() == 2);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == (std::vector<int>{0, 1, 2, 3}), boost::test_tools::per_element());
    BOOST_TEST(controls[3].polls() == 2);
}

BOOST_AUTO_TEST_CASE(join_all_fails_fast)
{
    auto n = pt::make_counting_notify();
    std::vector<pt::test_future<int>> futures;
    std::vector<pt::test_future_control<int>> controls;
    for (int i = 0; i != 3; ++i) {
        auto [f, c] = pt::make_test_future<int>();
        futures.push_back(std::move(f));
        controls.push_back(c);
    }
    auto f = pf::spawn(pf::join_all(std::move(futures)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    controls[0].set_ready(0);
    controls[1].set_error(pt::test_error(9));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(9));
    BOOST_TEST(controls[2].is_dropped());
    BOOST_TEST(controls[2].polls() == 1);
}

BOOST_AUTO_TEST_CASE(join_all_of_nothing_is_ready)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::join_all(std::vector<pf::ready_future<int, pf::error_code>>{}));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value().empty());
}

BOOST_AUTO_TEST_CASE(join_all_copies_from_an_lvalue_range)
{
    auto n = pt::make_counting_notify();
    std::list<pf::ready_future<int, pf::error_code>> futures{pf::ok(1), pf::ok(2)};
    auto f = pf::spawn(pf::join_all(futures));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == (std::vector<int>{1, 2}), boost::test_tools::per_element());
    BOOST_TEST(futures.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/select.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <type_traits>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_select)

BOOST_AUTO_TEST_CASE(select_yields_the_winner_and_the_other_future)
{
    auto n = pt::make_counting_notify();
    auto [a, ca] = pt::make_test_future<int>();
    auto [b, cb] = pt::make_test_future<int>();
    auto f = pf::spawn(std::move(a).select(std::move(b)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ca.is_registered());
    BOOST_TEST(cb.is_registered());

    cb.set_ready(2);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    auto [value, rest] = std::move(r).value();
    static_assert(std::is_same_v<decltype(rest), pt::test_future<int>>);
    BOOST_TEST(value == 2);
    BOOST_TEST(!ca.is_dropped());

    // The loser runs on to completion.
    auto other = pf::spawn(std::move(rest));
    BOOST_TEST(other.poll_future_notify(n, 1).is_not_ready());
    ca.set_ready(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 1u);
    auto r2 = other.poll_future_notify(n, 1);
    BOOST_TEST_REQUIRE(r2.is_ready());
    BOOST_TEST(r2.value() == 1);
}

BOOST_AUTO_TEST_CASE(select_of_two_types_hands_back_an_either)
{
    auto n = pt::make_counting_notify();
    auto [b, cb] = pt::make_test_future<int>();
    auto f = pf::spawn(pf::err<int>(pt::test_error(3)).select(std::move(b)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    auto [error, rest] = std::move(r).error();
    BOOST_TEST(error == pt::test_error(3));
    BOOST_TEST(rest.index() == 1u);
    BOOST_TEST(cb.polls() == 0);

    auto other = pf::spawn(std::move(rest));
    BOOST_TEST(other.poll_future_notify(n, 0).is_not_ready());
    cb.set_ready(4);
    BOOST_TEST(n->take() == 1);
    auto r2 = other.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r2.is_ready());
    BOOST_TEST(r2.value() == 4);
}

BOOST_AUTO_TEST_CASE(select_prefers_the_first_when_both_are_ready)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok(1).select(pf::ok(2)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value().first == 1);
}

BOOST_AUTO_TEST_CASE(select2_tells_which_won)
{
    auto n = pt::make_counting_notify();
    auto [a, ca] = pt::make_test_future<int>();
    auto [b, cb] = pt::make_test_future<std::string>();
    auto f = pf::spawn(std::move(a).select2(std::move(b)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    cb.set_ready("b");
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST_REQUIRE(r.value().index() == 1u);
    auto [value, rest] = std::get<1>(std::move(r).value());
    BOOST_TEST(value == "b");

    auto other = pf::spawn(std::move(rest));
    BOOST_TEST(other.poll_future_notify(n, 0).is_not_ready());
    ca.set_ready(5);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(other.poll_future_notify(n, 0).value() == 5);
}

BOOST_AUTO_TEST_CASE(select2_passes_the_first_error)
{
    auto n = pt::make_counting_notify();
    auto [b, cb] = pt::make_test_future<std::string, std::string>();
    auto f = pf::spawn(pf::err<int>(pt::test_error(6)).select2(std::move(b)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST_REQUIRE(r.error().index() == 0u);
    BOOST_TEST(std::get<0>(r.error()).first == pt::test_error(6));
}

BOOST_AUTO_TEST_CASE(select_all_yields_the_first_with_its_index_and_the_rest)
{
    auto n = pt::make_counting_notify();
    std::vector<pt::test_future<int>> futures;
    std::vector<pt::test_future_control<int>> controls;
    for (int i = 0; i != 3; ++i) {
        auto [f, c] = pt::make_test_future<int>();
        futures.push_back(std::move(f));
        controls.push_back(c);
    }
    auto f = pf::spawn(pf::select_all(std::move(futures)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    for (auto& c : controls)
        BOOST_TEST(c.is_registered());

    controls[1].set_ready(11);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    auto [value, index, rest] = std::move(r).value();
    BOOST_TEST(value == 11);
    BOOST_TEST(index == 1u);
    BOOST_TEST(rest.size() == 2u);

    // The rest can be selected again.
    auto again = pf::spawn(pf::select_all(std::move(rest)));
    BOOST_TEST(again.poll_future_notify(n, 0).is_not_ready());
    controls[2].set_error(pt::test_error(2));
    BOOST_TEST(n->take() == 1);
    auto e = again.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(e.is_error());
    BOOST_TEST(std::get<0>(e.error()) == pt::test_error(2));
    BOOST_TEST(std::get<1>(e.error()) == 1u);
    BOOST_TEST(std::get<2>(e.error()).size() == 1u);
    BOOST_TEST(!controls[0].is_dropped());
}

BOOST_AUTO_TEST_CASE(select_ok_skips_failures)
{
    auto n = pt::make_counting_notify();
    std::vector<pt::test_future<int>> futures;
    std::vector<pt::test_future_control<int>> controls;
    for (int i = 0; i != 3; ++i) {
        auto [f, c] = pt::make_test_future<int>();
        futures.push_back(std::move(f));
        controls.push_back(c);
    }
    auto f = pf::spawn(pf::select_ok(std::move(futures)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());

    controls[0].set_error(pt::test_error(1));
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(controls[0].is_dropped());

    controls[2].set_ready(22);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value().first == 22);
    BOOST_TEST(r.value().second.size() == 1u);
    BOOST_TEST(!controls[1].is_dropped());
}

BOOST_AUTO_TEST_CASE(select_ok_fails_with_the_last_error)
{
    auto n = pt::make_counting_notify();
    std::vector<pf::ready_future<int, pf::error_code>> futures;
    futures.push_back(pf::err<int>(pt::test_error(1)));
    futures.push_back(pf::err<int>(pt::test_error(2)));
    auto f = pf::spawn(pf::select_ok(std::move(futures)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(2));
}

BOOST_AUTO_TEST_SUITE_END()

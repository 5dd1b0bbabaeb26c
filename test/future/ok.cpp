// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/ok.hpp>

#include <protokit/future/executor.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_ok)

BOOST_AUTO_TEST_CASE(ok_is_ready_at_once)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok(std::string("hi")));
    static_assert(pf::Future<pf::ready_future<std::string, pf::error_code>>);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.is_ready());
    BOOST_TEST(r.value() == "hi");
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(ok_takes_a_move_only_value)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok(std::make_unique<int>(3)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(*r.value() == 3);
}

BOOST_AUTO_TEST_CASE(ok_of_nothing_is_unit)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok());
    auto r = f.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<pf::unit>>);
    BOOST_TEST(r.is_ready());
}

BOOST_AUTO_TEST_CASE(err_fails_at_once)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::err<int>(pt::test_error(4)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(4));
}

BOOST_AUTO_TEST_CASE(result_with_a_value_is_ready)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::result(boost::system::result<int>(7)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 7);
}

BOOST_AUTO_TEST_CASE(result_with_an_error_fails)
{
    auto n = pt::make_counting_notify();
    boost::system::result<int, std::string> in(boost::system::in_place_error, "bad");
    auto f = pf::spawn(pf::result(in));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == "bad");
}

BOOST_AUTO_TEST_CASE(result_of_void_is_a_unit_future)
{
    auto n = pt::make_counting_notify();
    auto good = pf::spawn(pf::result(boost::system::result<void>()));
    auto r = good.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<pf::unit>>);
    BOOST_TEST(r.is_ready());

    auto bad = pf::spawn(pf::result(boost::system::result<void>(pt::test_error(9))));
    auto e = bad.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(e.is_error());
    BOOST_TEST(e.error().value() == 9);
}

BOOST_AUTO_TEST_CASE(finished_failed_and_done_are_the_older_names)
{
    auto n = pt::make_counting_notify();
    auto a = pf::spawn(pf::finished(std::string("v")));
    BOOST_TEST(a.poll_future_notify(n, 0).value() == "v");

    auto b = pf::spawn(pf::failed<int>(pt::test_error(4)));
    auto rb = b.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(rb), pf::poll_result<int, pf::error_code>>);
    BOOST_TEST_REQUIRE(rb.is_error());
    BOOST_TEST(rb.error() == pt::test_error(4));

    auto c = pf::spawn(pf::done(boost::system::result<int>(7)));
    BOOST_TEST(c.poll_future_notify(n, 0).value() == 7);
    auto d = pf::spawn(pf::done(boost::system::result<void>(pt::test_error(2))));
    auto rd = d.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(rd), pf::poll_result<pf::unit, pf::error_code>>);
    BOOST_TEST(rd.error() == pt::test_error(2));
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(wait_returns_the_value)
{
    auto v = pf::wait(pf::ok(11));
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST(*v == 11);
}

BOOST_AUTO_TEST_SUITE_END()

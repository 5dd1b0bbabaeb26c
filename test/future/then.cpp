// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/then.hpp>

#include <protokit/future/future.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <type_traits>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_then)

namespace {

struct wide_error {
    wide_error(pf::error_code ec) : code(ec.value()) {}
    int code;
};

} // namespace

BOOST_AUTO_TEST_CASE(then_sees_a_value)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok(2).then([](boost::system::result<int> r) {
        return pf::ok(std::string(r.has_value() ? "value" : "error") + std::to_string(*r));
    }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == "value2");
}

BOOST_AUTO_TEST_CASE(then_sees_an_error_and_may_recover)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::err<int>(pt::test_error(3)).then([](boost::system::result<int> r) {
        return boost::system::result<int, std::string>(r.has_error() ? r.error().value() * 10 : 0);
    }));
    auto r = f.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<int, std::string>>);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 30);
}

BOOST_AUTO_TEST_CASE(then_waits_for_both_futures)
{
    auto n = pt::make_counting_notify();
    auto [first, c1] = pt::make_test_future<int>();
    auto [second, c2] = pt::make_test_future<std::string>();
    int calls = 0;
    auto f = pf::spawn(std::move(first).then(
        [&, second = std::move(second)](boost::system::result<int> r) mutable {
            ++calls;
            BOOST_TEST(*r == 1);
            return std::move(second);
        }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(c1.is_registered());
    BOOST_TEST(calls == 0);

    c1.set_ready(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(calls == 1);
    BOOST_TEST(c2.is_registered());
    BOOST_TEST(n->count() == 0);

    c2.set_error(pt::test_error(5));
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(5));
    BOOST_TEST(c1.polls() == 2);
    BOOST_TEST(c2.polls() == 2);
}

BOOST_AUTO_TEST_CASE(and_then_chains_on_a_value)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::ok(20).and_then([](int v) { return pf::ok(v + 22); }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 42);
}

BOOST_AUTO_TEST_CASE(and_then_skips_the_function_on_error)
{
    auto n = pt::make_counting_notify();
    bool called = false;
    auto f = pf::spawn(pf::err<int>(pt::test_error(1)).and_then([&](int v) {
        called = true;
        return pf::ok(v);
    }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(1));
    BOOST_TEST(!called);
}

BOOST_AUTO_TEST_CASE(and_then_takes_a_result_and_a_unit)
{
    auto n = pt::make_counting_notify();
    auto good = pf::spawn(pf::ok().and_then([] { return boost::system::result<int>(6); }));
    auto r = good.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 6);

    auto bad = pf::spawn(
        pf::ok(1).and_then([](int) { return boost::system::result<void>(pt::test_error(8)); }));
    auto e = bad.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(e), pf::poll_result<pf::unit>>);
    BOOST_TEST_REQUIRE(e.is_error());
    BOOST_TEST(e.error().value() == 8);
}

BOOST_AUTO_TEST_CASE(and_then_converts_the_second_error)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(
        pf::ok<wide_error>(1).and_then([](int) { return pf::err<int>(pt::test_error(4)); }));
    auto r = f.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<int, wide_error>>);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().code == 4);
}

BOOST_AUTO_TEST_CASE(and_then_registers_through_a_not_ready_second)
{
    auto n = pt::make_counting_notify();
    auto [second, control] = pt::make_test_future<int>();
    auto f = pf::spawn(
        pf::ok(1).and_then([s = std::move(second)](int) mutable { return std::move(s); }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control.is_registered());
    control.set_ready(9);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 9);
}

BOOST_AUTO_TEST_CASE(or_else_recovers_from_an_error)
{
    auto n = pt::make_counting_notify();
    auto [first, control] = pt::make_test_future<int>();
    auto f = pf::spawn(std::move(first).or_else(
        [](pf::error_code ec) { return pf::ok<std::string>(ec.value() + 100); }));
    static_assert(
        std::is_same_v<decltype(f.poll_future_notify(n, 0)), pf::poll_result<int, std::string>>);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control.is_registered());
    control.set_error(pt::test_error(2));
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 102);
}

BOOST_AUTO_TEST_CASE(or_else_skips_the_function_on_a_value)
{
    auto n = pt::make_counting_notify();
    bool called = false;
    auto f = pf::spawn(pf::ok(5).or_else([&](pf::error_code ec) {
        called = true;
        return boost::system::result<int>(ec);
    }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 5);
    BOOST_TEST(!called);
}

BOOST_AUTO_TEST_CASE(or_else_may_fail_again)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::err<int>(pt::test_error(2)).or_else([](pf::error_code ec) {
        return pf::err<int>(std::string("again ") + std::to_string(ec.value()));
    }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == "again 2");
}

BOOST_AUTO_TEST_SUITE_END()

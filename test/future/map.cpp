// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/map.hpp>

#include <protokit/future/ok.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <type_traits>

namespace pf = protokit::future;

BOOST_AUTO_TEST_SUITE(future_map)

BOOST_AUTO_TEST_CASE(maps_a_ready_value)
{
    auto n = protokit::test::make_counting_notify();
    auto f = pf::spawn(pf::ok(20).map([](int v) { return v * 2 + 2; }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.is_ready());
    BOOST_TEST(r.value() == 42);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(passes_an_error_through_without_calling)
{
    auto n = protokit::test::make_counting_notify();
    bool called = false;
    auto f = pf::spawn(pf::err<int>(pf::error_code(5, boost::system::generic_category()))
                           .map([&](int v) {
                               called = true;
                               return v;
                           }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error().value() == 5);
    BOOST_TEST(!called);
}

BOOST_AUTO_TEST_CASE(unit_and_void_are_interchangeable)
{
    auto n = protokit::test::make_counting_notify();
    int calls = 0;
    auto f = pf::spawn(pf::ok().map([&] { ++calls; }));
    auto r = f.poll_future_notify(n, 0);
    static_assert(std::is_same_v<typename decltype(r)::value_type, pf::unit>);
    BOOST_TEST(r.is_ready());
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(map_err_transforms_the_error)
{
    auto n = protokit::test::make_counting_notify();
    auto f = pf::spawn(pf::err<int>(pf::error_code(7, boost::system::generic_category()))
                           .map_err([](pf::error_code ec) { return std::to_string(ec.value()); }));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == "7");
}

BOOST_AUTO_TEST_CASE(map_waits_for_a_not_ready_future)
{
    auto n = protokit::test::make_counting_notify();
    auto [inner, control] = protokit::test::make_test_future<int>();
    int calls = 0;
    auto f = pf::spawn(std::move(inner).map([&](int v) {
        ++calls;
        return v + 1;
    }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control.is_registered());
    BOOST_TEST(calls == 0);
    BOOST_TEST(n->count() == 0);

    control.set_ready(1);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 2);
    BOOST_TEST(calls == 1);
    BOOST_TEST(control.polls() == 2);
}

BOOST_AUTO_TEST_CASE(map_err_leaves_a_value_alone)
{
    auto n = protokit::test::make_counting_notify();
    auto f = pf::spawn(pf::ok(3).map_err([](pf::error_code ec) { return ec.value(); }));
    auto r = f.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<int, int>>);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 3);
}

BOOST_AUTO_TEST_CASE(map_err_waits_for_a_not_ready_future)
{
    auto n = protokit::test::make_counting_notify();
    auto [inner, control] = protokit::test::make_test_future<int>();
    auto f = pf::spawn(std::move(inner).map_err([](pf::error_code ec) { return ec.value(); }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control.is_registered());
    control.set_error(protokit::test::test_error(3));
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == 3);
}

namespace {

struct wide_error {
    wide_error(pf::error_code ec) : code(ec.value()) {}
    int code;
};

} // namespace

BOOST_AUTO_TEST_CASE(from_err_converts_the_error)
{
    auto n = protokit::test::make_counting_notify();
    auto f = pf::spawn(pf::err<int>(protokit::test::test_error(12)).from_err<wide_error>());
    auto r = f.poll_future_notify(n, 0);
    static_assert(std::is_same_v<decltype(r), pf::poll_result<int, wide_error>>);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().code == 12);
}

BOOST_AUTO_TEST_CASE(from_err_passes_values_and_not_ready)
{
    auto n = protokit::test::make_counting_notify();
    auto [inner, control] = protokit::test::make_test_future<int>();
    auto f = pf::spawn(std::move(inner).from_err<wide_error>());
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(control.is_registered());
    control.set_ready(4);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 4);
}

BOOST_AUTO_TEST_SUITE_END()

#include <protokit/future/map.hpp>

#include <protokit/future/ok.hpp>

#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

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

BOOST_AUTO_TEST_SUITE_END()

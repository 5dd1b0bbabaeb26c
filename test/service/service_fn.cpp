// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/service_fn.hpp>

#include <protokit/future/map.hpp>

#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace pf = protokit::future;
namespace ps = protokit::service;

BOOST_AUTO_TEST_SUITE(service_service_fn)

BOOST_AUTO_TEST_CASE(a_function_returning_a_future_is_a_service)
{
    auto doubler = ps::service_fn([](std::uint64_t n) { return pf::ok(n * 2); });
    static_assert(ps::Service<decltype(doubler)>);
    static_assert(std::is_same_v<decltype(doubler)::request_type, std::uint64_t>);
    auto n = protokit::test::make_counting_notify();
    auto f = pf::spawn(doubler.call(21));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.is_ready());
    BOOST_TEST(r.value() == 42u);
}

BOOST_AUTO_TEST_CASE(a_function_returning_a_value_or_result_is_a_service)
{
    auto upper = ps::service_fn<std::string>([](std::string s) {
        for (auto& c : s)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return s;
    });
    auto n = protokit::test::make_counting_notify();
    auto f = pf::spawn(upper.call("abc"));
    BOOST_TEST(f.poll_future_notify(n, 0).value() == "ABC");

    auto checked = ps::service_fn([](int v) -> boost::system::result<int> {
        if (v < 0)
            return boost::system::error_code(EINVAL, boost::system::generic_category());
        return v;
    });
    auto bad = pf::spawn(checked.call(-1));
    auto r = bad.poll_future_notify(n, 0);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error().value() == EINVAL);
    auto good = pf::spawn(checked.call(3));
    BOOST_TEST(good.poll_future_notify(n, 0).value() == 3);
}

BOOST_AUTO_TEST_CASE(services_without_poll_ready_are_always_ready)
{
    auto s = ps::service_fn([](int v) { return pf::ok(v); });
    static_assert(!ps::ReadyService<decltype(s)>);
    auto n = protokit::test::make_counting_notify();
    protokit::future::task t(n, 0);
    protokit::future::task_scope scope(t);
    BOOST_TEST(ps::poll_ready(s).is_ready());
}

BOOST_AUTO_TEST_CASE(a_callable_returning_a_service_is_a_new_service)
{
    auto make = [] { return ps::service_fn([](int v) { return pf::ok(v + 1); }); };
    static_assert(ps::NewService<decltype(make)>);
    auto s = ps::new_service(make);
    BOOST_REQUIRE(s.has_value());
    auto n = protokit::test::make_counting_notify();
    auto f = pf::spawn(s->call(1));
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 2);

    auto refuse = []() -> boost::system::result<decltype(ps::service_fn([](int v) { return pf::ok(v); }))> {
        return boost::system::error_code(EMFILE, boost::system::generic_category());
    };
    static_assert(ps::NewService<decltype(refuse)>);
    auto r = ps::new_service(refuse);
    BOOST_TEST(!r.has_value());
    BOOST_TEST(r.error().value() == EMFILE);
}

BOOST_AUTO_TEST_SUITE_END()

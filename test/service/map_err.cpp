// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/map_err.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/service/service_fn.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_error.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <type_traits>

namespace pf = protokit::future;
namespace ps = protokit::service;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(service_map_err)

/// A user's error type, made from an `error_code`.
struct app_error {
    explicit app_error(pf::error_code e) : code(e.value()) {}
    int code;
};

/// A service with a user error type and backpressure: not ready until `open`.
struct gated_service {
    using request_type = int;
    using response_type = int;
    using error_type = std::string;

    bool open = false;
    bool broken = false;

    pf::ready_future<int, std::string> call(int v)
    {
        if (v < 0)
            return pf::err<int>(std::string("negative"));
        return pf::ok<std::string>(v + 1);
    }

    pf::poll_result<pf::unit, std::string> poll_ready()
    {
        if (broken)
            return pf::fail(std::string("broken"));
        if (!open)
            return pf::not_ready;
        return pf::ready();
    }
};

BOOST_AUTO_TEST_CASE(map_err_maps_the_errors_of_calls_and_of_poll_ready)
{
    auto n = pt::make_counting_notify();
    auto s = ps::map_err(gated_service{}, [](std::string const& e) { return e.size(); });
    static_assert(ps::ReadyService<decltype(s)>);
    static_assert(std::is_same_v<decltype(s)::error_type, std::size_t>);

    auto ok = pf::spawn(s.call(1));
    BOOST_TEST(ok.poll_future_notify(n, 0).value() == 2);
    auto bad = pf::spawn(s.call(-1));
    auto r = bad.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == 8u);

    BOOST_TEST(s.poll_ready().is_not_ready());
    s.get_ref().open = true;
    BOOST_TEST(s.poll_ready().is_ready());
    s.get_ref().broken = true;
    auto p = s.poll_ready();
    BOOST_TEST_REQUIRE(p.is_error());
    BOOST_TEST(p.error() == 6u);
}

BOOST_AUTO_TEST_CASE(from_err_converts_the_errors_to_the_users_type)
{
    auto n = pt::make_counting_notify();
    auto inner = ps::service_fn([](int v) -> boost::system::result<int> {
        if (v < 0)
            return pt::test_error(9);
        return v * 2;
    });
    auto s = ps::from_err<app_error>(inner);
    static_assert(ps::Service<decltype(s)>);
    static_assert(!ps::ReadyService<decltype(s)>);
    static_assert(std::is_same_v<decltype(s)::error_type, app_error>);
    auto good = pf::spawn(s.call(4));
    BOOST_TEST(good.poll_future_notify(n, 0).value() == 8);
    auto bad = pf::spawn(s.call(-4));
    auto r = bad.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().code == 9);
    // poll_ready of a service without one: always ready.
    BOOST_TEST(ps::poll_ready(s).is_ready());
}

BOOST_AUTO_TEST_SUITE_END()

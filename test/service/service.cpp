// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/service.hpp>

#include <protokit/future/ok.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_error.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace pf = protokit::future;
namespace ps = protokit::service;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(service_service)

/// A service written by hand, without `poll_ready`.
struct echo {
    using request_type = std::string;
    using response_type = std::string;
    using error_type = pf::error_code;

    pf::ready_future<std::string, pf::error_code> call(std::string s)
    {
        return pf::ok(std::move(s));
    }
};

/// A service with backpressure: ready once `open`.
struct gate : echo {
    bool open = false;
    pf::poll_result<pf::unit> poll_ready()
    {
        if (!open)
            return pf::not_ready;
        return pf::ready();
    }
};

/// A service whose error is not an `error_code`.
struct picky {
    using request_type = int;
    using response_type = int;
    using error_type = std::string;
    pf::ready_future<int, std::string> call(int) { return pf::err<int>(std::string("no")); }
};

static_assert(ps::Service<echo>);
static_assert(!ps::ReadyService<echo>);
static_assert(ps::ReadyService<gate>);
static_assert(!ps::Service<int>);
static_assert(
    std::is_same_v<ps::call_future_t<echo>, pf::ready_future<std::string, pf::error_code>>);

BOOST_AUTO_TEST_CASE(poll_ready_is_the_services_own_or_always_ready)
{
    echo e;
    BOOST_TEST(ps::poll_ready(e).is_ready());
    gate g;
    BOOST_TEST(ps::poll_ready(g).is_not_ready());
    g.open = true;
    BOOST_TEST(ps::poll_ready(g).is_ready());
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(g.call("hi"));
    BOOST_TEST(f.poll_future_notify(n, 0).value() == "hi");
}

BOOST_AUTO_TEST_CASE(to_error_code_keeps_an_error_code_and_names_other_errors)
{
    BOOST_TEST(ps::to_error_code(pt::test_error(4)) == pt::test_error(4));
    BOOST_TEST(ps::to_error_code(std::string("no")) == protokit::error::service_error);
    picky p;
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(p.call(1));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(ps::to_error_code(r.error()) == protokit::error::service_error);
}

BOOST_AUTO_TEST_CASE(a_new_service_is_any_callable_making_a_service_or_a_result_of_one)
{
    auto plain = [] { return echo{}; };
    static_assert(ps::NewService<decltype(plain)>);
    static_assert(std::is_same_v<ps::new_service_t<decltype(plain)>, echo>);
    BOOST_TEST(ps::new_service(plain).has_value());

    bool refuse = true;
    auto checked = [&refuse]() -> boost::system::result<echo> {
        if (refuse)
            return pt::test_error(8);
        return echo{};
    };
    static_assert(ps::NewService<decltype(checked)>);
    auto refused = ps::new_service(checked);
    BOOST_TEST_REQUIRE(refused.has_error());
    BOOST_TEST(refused.error() == pt::test_error(8));
    refuse = false;
    BOOST_TEST(ps::new_service(checked).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

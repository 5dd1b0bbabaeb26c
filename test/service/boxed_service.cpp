// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/service/boxed_service.hpp>

#include <protokit/future/future.hpp>
#include <protokit/service/service_fn.hpp>

#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace ps = protokit::service;

BOOST_AUTO_TEST_SUITE(service_boxed_service)

namespace {

/// A service that is ready only while `open` is set.
struct gate_service {
    using request_type = int;
    using response_type = int;
    using error_type = pf::error_code;

    bool* open;

    pf::poll_result<pf::unit> poll_ready()
    {
        if (*open)
            return pf::ready();
        return pf::not_ready;
    }
    pf::ready_future<int, pf::error_code> call(int v) { return pf::ok(v + 100); }
};

} // namespace

BOOST_AUTO_TEST_CASE(services_of_different_types_share_one_type)
{
    using boxed = ps::boxed_service<int, int>;
    static_assert(ps::ReadyService<boxed>);
    bool open = true;
    std::vector<boxed> services;
    services.emplace_back(ps::service_fn([](int v) { return pf::ok(v * 2); }));
    services.emplace_back(gate_service{&open});
    services.emplace_back(ps::service_fn([](int v) { return pf::ok(v).map([](int x) { return x - 1; }); }));
    auto n = protokit::test::make_counting_notify();
    std::vector<int> answers;
    for (auto& s : services) {
        auto f = pf::spawn(s.call(10));
        answers.push_back(f.poll_future_notify(n, 0).value());
    }
    BOOST_TEST(answers == (std::vector<int>{20, 110, 9}));
}

BOOST_AUTO_TEST_CASE(poll_ready_is_the_boxed_service_s)
{
    bool open = false;
    ps::boxed_service<int, int> s = gate_service{&open};
    auto n = protokit::test::make_counting_notify();
    pf::task t(n, 0);
    pf::task_scope scope(t);
    BOOST_TEST(s.poll_ready().is_not_ready());
    open = true;
    BOOST_TEST(s.poll_ready().is_ready());
    ps::boxed_service<int, int> always = ps::service_fn([](int v) { return pf::ok(v); });
    BOOST_TEST(always.poll_ready().is_ready());
}

BOOST_AUTO_TEST_CASE(a_boxed_service_moves)
{
    ps::boxed_service<std::string, std::string> a = ps::service_fn([](std::string s) { return pf::ok(s + "!"); });
    auto b = std::move(a);
    auto n = protokit::test::make_counting_notify();
    auto f = pf::spawn(b.call("hi"));
    BOOST_TEST(f.poll_future_notify(n, 0).value() == "hi!");
}

BOOST_AUTO_TEST_SUITE_END()

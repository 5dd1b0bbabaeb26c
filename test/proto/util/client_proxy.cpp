// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/util/client_proxy.hpp>

#include <protokit/future/future.hpp>
#include <protokit/future/sync/oneshot.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/service/service_fn.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pf = protokit::future;
namespace pu = protokit::util;

BOOST_AUTO_TEST_SUITE(proto_util_client_proxy)

namespace {

using proxy_type = pu::client_proxy<int, int>;

/// A reactor thread serving a proxy of a doubling service until stopped.
struct served_proxy {
    std::optional<proxy_type> proxy;
    std::optional<pf::sync::oneshot::sender<pf::unit>> stop;
    std::thread thread;

    served_proxy()
    {
        auto [stop_tx, stop_rx] = pf::sync::oneshot::channel<pf::unit>();
        stop.emplace(std::move(stop_tx));
        auto [p, rx] = pu::proxy_pair<int, int>();
        proxy.emplace(std::move(p));
        thread = std::thread([rx = std::move(rx), stop_rx = std::move(stop_rx)]() mutable {
            protokit::reactor::core core;
            auto service = protokit::service::service_fn([](int v) -> pf::boxed_future<int> {
                if (v < 0)
                    return pf::err<int>(make_error_code(protokit::error::invalid_frame));
                return pf::ok(v * 2);
            });
            core.get_handle().spawn(pu::serve_proxy(std::move(rx), service));
            (void)core.run(std::move(stop_rx));
        });
    }

    void shut()
    {
        if (stop) {
            (void)std::move(*stop).send(pf::unit{});
            stop.reset();
            thread.join();
        }
    }

    ~served_proxy() { shut(); }
};

} // namespace

BOOST_AUTO_TEST_CASE(calls_from_other_threads_reach_the_served_service)
{
    served_proxy s;
    auto r = pf::wait(s.proxy->call(21));
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(*r == 42);
    auto e = pf::wait(s.proxy->call(-1));
    BOOST_TEST(e.has_error());
    BOOST_TEST(e.error() == protokit::error::invalid_frame);
}

BOOST_AUTO_TEST_CASE(proxies_are_copyable_and_thread_safe)
{
    served_proxy s;
    std::atomic<int> right{0};
    std::vector<std::thread> callers;
    for (int t = 0; t < 4; ++t)
        callers.emplace_back([&, proxy = *s.proxy, t]() mutable {
            for (int i = 0; i < 250; ++i) {
                auto r = pf::wait(proxy.call(t * 1000 + i));
                if (r && *r == 2 * (t * 1000 + i))
                    ++right;
            }
        });
    for (auto& c : callers)
        c.join();
    BOOST_TEST(right.load() == 1000);
}

BOOST_AUTO_TEST_CASE(calls_fail_cleanly_once_the_serving_task_is_gone)
{
    served_proxy s;
    BOOST_TEST(*pf::wait(s.proxy->call(1)) == 2);
    s.shut();
    auto r = pf::wait(s.proxy->call(2));
    BOOST_TEST(r.has_error());
    BOOST_TEST(r.error() == protokit::error::connection_closed);
}

BOOST_AUTO_TEST_CASE(dropping_the_response_future_drops_the_proxied_call)
{
    protokit::reactor::core core;
    auto [pending, control] = protokit::test::make_test_future<int>();
    std::optional<protokit::test::test_future<int>> next(std::move(pending));
    auto service = protokit::service::service_fn([&next](int) { return std::move(*next); });
    auto [proxy, rx] = pu::proxy_pair<int, int>();
    core.get_handle().spawn(pu::serve_proxy(std::move(rx), service));

    auto n = protokit::test::make_counting_notify();
    std::optional<pf::spawned<proxy_type::future_type>> call(pf::spawn(proxy.call(1)));
    BOOST_TEST(call->poll_future_notify(n, 0).is_not_ready());
    for (int turns = 0; turns < 20 && control.polls() == 0; ++turns)
        core.turn(std::chrono::milliseconds(0));
    BOOST_REQUIRE(control.polls() == 1);
    BOOST_TEST(!control.is_dropped());

    call.reset();
    for (int turns = 0; turns < 20 && !control.is_dropped(); ++turns)
        core.turn(std::chrono::milliseconds(0));
    BOOST_TEST(control.is_dropped());
    BOOST_TEST(control.polls() == 1);
}

BOOST_AUTO_TEST_SUITE_END()

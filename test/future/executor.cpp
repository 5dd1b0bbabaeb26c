// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/executor.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/future/stream/iter_ok.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"
#include "../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <thread>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_executor)

/// An executor that keeps what it is given, to show the concept.
struct keeping_executor {
    std::shared_ptr<int> spawned = std::make_shared<int>(0);

    template <pf::Future F>
    void spawn(F) const
    {
        ++*spawned;
    }
};

struct not_an_executor {
    void spawn(int) const {}
};

static_assert(pf::Executor<keeping_executor>);
static_assert(!pf::Executor<not_an_executor>);
static_assert(!pf::Executor<int>);

BOOST_AUTO_TEST_CASE(generic_code_spawns_on_any_executor)
{
    keeping_executor e;
    auto start = [](pf::Executor auto const& executor) { executor.spawn(pf::ok(1)); };
    start(e);
    start(e);
    BOOST_TEST(*e.spawned == 2);
}

BOOST_AUTO_TEST_CASE(spawned_polls_futures_streams_and_sinks_as_the_given_task)
{
    auto n = pt::make_counting_notify();
    auto [f, ctl] = pt::make_test_future<int>();
    auto sf = pf::spawn(std::move(f));
    BOOST_TEST(sf.poll_future_notify(n, 7).is_not_ready());
    ctl.set_ready(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 7u);
    BOOST_TEST(sf.poll_future_notify(n, 7).value() == 1);

    auto ss = pf::spawn(pf::iter_ok({5}));
    BOOST_TEST(*ss.poll_stream_notify(n, 1).value() == 5);

    auto [sink, sctl] = pt::make_test_sink<int>();
    auto sk = pf::spawn(std::move(sink));
    sctl->credit = 0;
    BOOST_TEST(sk.start_send_notify(3, n, 9).is_not_ready());
    sctl->give(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 9u);
    BOOST_TEST(sk.start_send_notify(3, n, 9).is_accepted());
    BOOST_TEST(sk.poll_complete_notify(n, 9).is_ready());
    BOOST_TEST(sk.close_notify(n, 9).is_ready());
    BOOST_TEST(sk.get_ref().control().closed);
}

BOOST_AUTO_TEST_CASE(wait_blocks_until_another_thread_completes_the_future)
{
    auto [f, ctl] = pt::make_test_future<int>();
    std::thread completer([c = ctl]() mutable { c.set_ready(11); });
    auto r = pf::wait(std::move(f));
    completer.join();
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(*r == 11);
    auto e = pf::wait(pf::err<int>(pt::test_error(3)));
    BOOST_TEST(e.error() == pt::test_error(3));
}

BOOST_AUTO_TEST_SUITE_END()

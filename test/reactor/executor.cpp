// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/executor.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/reactor/core.hpp>

#include "../support/test_reactor.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(reactor_executor)

namespace {

/// Generic code that only knows it has an executor.
template <pr::Executor E>
void start_counter(E const& executor, int& counter)
{
    executor.spawn(pt::poll_fn([&counter]() -> pf::poll_result<pf::unit> {
        ++counter;
        return pf::ready();
    }));
}

struct not_an_executor {
    void spawn(int) const {}
};

} // namespace

static_assert(pr::Executor<pr::handle>);
static_assert(pr::Executor<pr::remote>);
static_assert(!pr::Executor<int>);
static_assert(!pr::Executor<not_an_executor>);

BOOST_AUTO_TEST_CASE(handle_and_remote_run_what_generic_code_spawns)
{
    pr::core c;
    int counter = 0;
    start_counter(c.get_handle(), counter);
    start_counter(c.get_remote(), counter);
    BOOST_TEST(counter == 0);
    for (int i = 0; i < 10 && counter < 2; ++i)
        c.turn(1s);
    BOOST_TEST(counter == 2);
    BOOST_TEST(c.task_count() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

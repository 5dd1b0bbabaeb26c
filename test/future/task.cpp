// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/task.hpp>

#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <thread>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_task)

BOOST_AUTO_TEST_CASE(notify_reaches_the_target_with_the_tasks_id)
{
    auto n = pt::make_counting_notify();
    pf::task const t(n, 42);
    BOOST_TEST(t.target() == n.get());
    BOOST_TEST(t.id() == 42u);
    t.notify();
    t.notify();
    BOOST_TEST(n->take() == 2);
    BOOST_TEST(n->last_id() == 42u);
    // From another thread too.
    std::thread other([t] { t.notify(); });
    other.join();
    BOOST_TEST(n->take() == 1);
}

BOOST_AUTO_TEST_CASE(will_notify_compares_target_and_id)
{
    auto n = pt::make_counting_notify();
    auto m = pt::make_counting_notify();
    pf::task const a(n, 1);
    BOOST_TEST(a.will_notify(pf::task(n, 1)));
    BOOST_TEST(!a.will_notify(pf::task(n, 2)));
    BOOST_TEST(!a.will_notify(pf::task(m, 1)));
}

BOOST_AUTO_TEST_CASE(the_current_task_is_the_innermost_scopes_and_none_outside)
{
    auto n = pt::make_counting_notify();
    BOOST_TEST(!pf::in_task());
    BOOST_CHECK_THROW(pf::current_task(), std::logic_error);
    pf::task const outer(n, 1);
    pf::task const inner(n, 2);
    {
        pf::task_scope a(outer);
        BOOST_TEST(pf::in_task());
        BOOST_TEST(pf::current_task().id() == 1u);
        {
            pf::task_scope b(inner);
            BOOST_TEST(pf::current_task().id() == 2u);
        }
        BOOST_TEST(pf::current_task().id() == 1u);
    }
    BOOST_TEST(!pf::in_task());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(the_noop_task_goes_nowhere)
{
    pf::task const& t = pf::noop_task();
    BOOST_TEST(&t == &pf::noop_task());
    t.notify();
    pf::task_scope scope(t);
    BOOST_TEST(pf::current_task().will_notify(t));
}

BOOST_AUTO_TEST_CASE(a_task_slot_keeps_the_registered_task)
{
    auto n = pt::make_counting_notify();
    pf::task_slot slot;
    BOOST_TEST(!slot.is_registered());
    slot.notify();
    slot.take_and_notify();
    BOOST_TEST(n->count() == 0);
    {
        pf::task t(n, 5);
        pf::task_scope scope(t);
        slot.register_current();
        slot.register_current();
    }
    BOOST_TEST(slot.is_registered());
    slot.notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(slot.is_registered());
    slot.take_and_notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 5u);
    BOOST_TEST(!slot.is_registered());
    slot.notify();
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

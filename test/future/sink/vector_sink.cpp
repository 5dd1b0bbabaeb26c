// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/vector_sink.hpp>

#include "../../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_vector_sink)

static_assert(pf::Sink<pf::vector_sink<int>>);

BOOST_AUTO_TEST_CASE(appends_and_is_always_ready)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::vector_sink<std::string>(std::vector<std::string>{"a"}));
    BOOST_TEST(s.start_send_notify(std::string("b"), n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(std::string("c"), n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(s.get_ref().items() == (std::vector<std::string>{"a", "b", "c"}));
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(takes_move_only_items)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::vector_sink<std::unique_ptr<int>>());
    BOOST_TEST(s.start_send_notify(std::make_unique<int>(5), n, 0).is_accepted());
    auto items = std::move(s).into_inner().into_items();
    BOOST_TEST_REQUIRE(items.size() == 1u);
    BOOST_TEST(*items[0] == 5);
}

BOOST_AUTO_TEST_CASE(refuses_items_after_close)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::vector_sink<int>());
    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(s.close_notify(n, 0).is_ready());
    BOOST_TEST(s.get_ref().is_closed());
    auto r = s.start_send_notify(2, n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::sink_closed);
    BOOST_TEST(s.get_ref().items() == std::vector<int>{1});
}

BOOST_AUTO_TEST_SUITE_END()

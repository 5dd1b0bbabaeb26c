// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/peekable.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_peekable)

BOOST_AUTO_TEST_CASE(peek_shows_the_next_item_without_taking_it)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({std::string("a"), std::string("b")}).peekable());
    pf::task t(n, 0);
    pf::task_scope scope(t);
    auto& p = s.get_ref();
    auto first = p.poll_peek();
    BOOST_TEST_REQUIRE(first.is_ready());
    BOOST_TEST(*first.value() == "a");
    auto again = p.poll_peek();
    BOOST_TEST(again.value() == first.value());
    again.value()->front() = 'A';
    BOOST_TEST(pt::next(p.poll_next()) == "item A");
    BOOST_TEST(*p.poll_peek().value() == "b");
    BOOST_TEST(pt::next(p.poll_next()) == "item b");
    BOOST_TEST((p.poll_peek().value() == nullptr));
    BOOST_TEST(pt::next(p.poll_next()) == "end");
    BOOST_TEST((p.poll_peek().value() == nullptr));
}

BOOST_AUTO_TEST_CASE(peek_passes_not_ready_and_errors_through)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).peekable());
    pf::task t(n, 6);
    pf::task_scope scope(t);
    auto& p = s.get_ref();
    BOOST_TEST(p.poll_peek().is_not_ready());
    BOOST_TEST(h.is_registered());
    h.send_error(pt::test_error(3));
    h.send(4);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 6u);
    auto e = p.poll_peek();
    BOOST_TEST_REQUIRE(e.is_error());
    BOOST_TEST(e.error().value() == 3);
    BOOST_TEST(*p.poll_peek().value() == 4);
    BOOST_TEST(pt::next(p.poll_next()) == "item 4");
    BOOST_TEST(pt::next(p.poll_next()) == "not ready");
}

BOOST_AUTO_TEST_SUITE_END()

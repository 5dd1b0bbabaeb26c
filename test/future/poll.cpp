// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/poll.hpp>

#include <boost/test/unit_test.hpp>

#include <memory>
#include <optional>
#include <string>

namespace pf = protokit::future;

BOOST_AUTO_TEST_SUITE(future_poll)

BOOST_AUTO_TEST_CASE(a_poll_result_is_ready_not_ready_or_an_error)
{
    pf::poll_result<int> ready = pf::ready(3);
    pf::poll_result<int> waiting = pf::not_ready;
    pf::poll_result<int> failed = pf::fail(pf::error_code(5, boost::system::generic_category()));
    BOOST_TEST(ready.is_ready());
    BOOST_TEST(ready.value() == 3);
    BOOST_TEST(waiting.is_not_ready());
    BOOST_TEST(!waiting.is_ready());
    BOOST_TEST(failed.is_error());
    BOOST_TEST(failed.error().value() == 5);
    BOOST_TEST((ready == pf::poll_result<int>(pf::ready(3))));
    BOOST_TEST((ready != waiting));

    pf::poll_result<pf::unit> u = pf::ready();
    BOOST_TEST(u.is_ready());
    pf::stream_poll_result<int> end = pf::end_of_stream;
    BOOST_TEST((end.is_ready() && !end.value()));
}

BOOST_AUTO_TEST_CASE(propagate_carries_not_ready_and_errors_to_another_item_type)
{
    pf::poll_result<int> waiting = pf::not_ready;
    pf::poll_result<std::string> a = std::move(waiting).propagate<std::string>();
    BOOST_TEST(a.is_not_ready());
    pf::poll_result<int> failed = pf::fail(pf::error_code(7, boost::system::generic_category()));
    pf::poll_result<std::string> b = std::move(failed).propagate<std::string>();
    BOOST_TEST_REQUIRE(b.is_error());
    BOOST_TEST(b.error().value() == 7);
}

pf::poll_result<std::string> twice(pf::poll_result<int> in, int& reached)
{
    PROTOKIT_TRY_READY(v, std::move(in));
    ++reached;
    return pf::ready(std::to_string(v * 2));
}

BOOST_AUTO_TEST_CASE(try_ready_returns_early_unless_ready)
{
    int reached = 0;
    BOOST_TEST(twice(pf::ready(4), reached).value() == "8");
    BOOST_TEST(reached == 1);
    BOOST_TEST(twice(pf::not_ready, reached).is_not_ready());
    auto e = twice(pf::fail(pf::error_code(2, boost::system::generic_category())), reached);
    BOOST_TEST(e.error().value() == 2);
    BOOST_TEST(reached == 1);
}

BOOST_AUTO_TEST_CASE(async_is_ready_or_not)
{
    pf::async<int> a = pf::ready(1);
    pf::async<int> b = pf::not_ready;
    BOOST_TEST(a.is_ready());
    BOOST_TEST(static_cast<bool>(a));
    BOOST_TEST(a.value() == 1);
    BOOST_TEST(b.is_not_ready());
    BOOST_TEST(!static_cast<bool>(b));
}

BOOST_AUTO_TEST_CASE(start_send_hands_a_refused_item_back)
{
    pf::start_send_result<std::unique_ptr<int>> taken = pf::accepted;
    BOOST_TEST(taken.is_accepted());
    pf::start_send_result<std::unique_ptr<int>> back = pf::not_ready_with(std::make_unique<int>(6));
    BOOST_TEST_REQUIRE(back.is_not_ready());
    std::unique_ptr<int> item = std::move(back).item();
    BOOST_TEST(*item == 6);
    pf::start_send_result<std::unique_ptr<int>> failed =
        pf::fail(pf::error_code(9, boost::system::generic_category()));
    BOOST_TEST(failed.is_error());
    BOOST_TEST(failed.error().value() == 9);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/with.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/future/sink/vector_sink.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_with)

BOOST_AUTO_TEST_CASE(sends_the_function_value)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::vector_sink<int>().with([](int x) { return x * 10; }));
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(s.get_ref())>::sink_item_type, int>);
    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(2, n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(s.get_ref().get_ref().items() == (std::vector<int>{10, 20}));
}

BOOST_AUTO_TEST_CASE(takes_the_item_type_given_explicitly)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::vector_sink<std::size_t>().with<std::string>(
        [](auto const& text) { return text.size(); }));
    static_assert(
        std::is_same_v<std::remove_cvref_t<decltype(s.get_ref())>::sink_item_type, std::string>);
    BOOST_TEST(s.start_send_notify(std::string("four"), n, 0).is_accepted());
    BOOST_TEST(s.get_ref().get_ref().items() == std::vector<std::size_t>{4});
}

BOOST_AUTO_TEST_CASE(a_result_error_fails_the_send)
{
    auto n = pt::make_counting_notify();
    auto checked = [](int x) -> boost::system::result<int> {
        if (x < 0)
            return pf::error_code(EDOM, boost::system::generic_category());
        return x;
    };
    auto s = pf::spawn(pf::vector_sink<int>().with(checked));
    BOOST_TEST(s.start_send_notify(3, n, 0).is_accepted());
    auto r = s.start_send_notify(-1, n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().value() == EDOM);
    BOOST_TEST(s.start_send_notify(4, n, 0).is_accepted());
    BOOST_TEST(s.get_ref().get_ref().items() == (std::vector<int>{3, 4}));
}

BOOST_AUTO_TEST_CASE(waits_for_the_future_before_the_next_item)
{
    auto n = pt::make_counting_notify();
    auto g = std::make_shared<pt::gate>();
    auto [sink, ctl] = pt::make_test_sink<int>();
    auto s =
        pf::spawn(std::move(sink).with([g](int x) { return pt::gated_future<int>(g, x + 1); }));

    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(ctl->start_sends == 0);
    auto r = s.start_send_notify(2, n, 0);
    BOOST_TEST_REQUIRE(r.is_not_ready());
    BOOST_TEST(r.item() == 2);
    BOOST_TEST(s.poll_complete_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->flushes == 0);
    BOOST_TEST(n->count() == 0);

    g->open();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.start_send_notify(2, n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{2, 3}));
}

BOOST_AUTO_TEST_CASE(converts_the_future_error_to_the_sink_error)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::vector_sink<int>().with(
        [](int) { return pf::err<int>(protokit::error::invalid_frame); }));
    auto r = s.start_send_notify(1, n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == protokit::error::invalid_frame);
    BOOST_TEST(s.get_ref().get_ref().items().empty());
}

BOOST_AUTO_TEST_CASE(holds_the_item_the_inner_sink_refused)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<std::string>();
    ctl->credit = 0;
    int calls = 0;
    auto s = pf::spawn(std::move(sink).with([&calls](int x) {
        ++calls;
        return std::to_string(x);
    }));

    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(2, n, 0).is_not_ready());
    BOOST_TEST(calls == 1);
    BOOST_TEST(s.close_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->closes == 0);

    ctl->give(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.close_notify(n, 0).is_ready());
    BOOST_TEST(ctl->closed);
    BOOST_TEST(ctl->flushed == std::vector<std::string>{"1"});
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/send.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_send)

BOOST_AUTO_TEST_CASE(sends_flushes_and_yields_the_sink)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    auto f = pf::spawn(std::move(sink).send(7));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(ctl->flushed == std::vector<int>{7});
    BOOST_TEST(ctl->flushes == 1);
    BOOST_TEST(&r.value().control() == ctl.get());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(waits_for_the_flush)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->flush_open = false;
    auto f = pf::spawn(std::move(sink).send(7));

    BOOST_TEST(f.poll_future_notify(n, 3).is_not_ready());
    BOOST_TEST(ctl->accepted == std::vector<int>{7});
    BOOST_TEST(ctl->flushed.empty());
    BOOST_TEST(n->count() == 0);

    ctl->open_flush();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 3u);
    BOOST_TEST(f.poll_future_notify(n, 3).is_ready());
    BOOST_TEST(ctl->flushed == std::vector<int>{7});
    BOOST_TEST(ctl->start_sends == 1);
}

BOOST_AUTO_TEST_CASE(offers_the_item_again_after_push_back)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<std::string>();
    ctl->credit = 0;
    auto f = pf::spawn(std::move(sink).send("hello"));

    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->start_sends == 1);
    BOOST_TEST(ctl->flushes == 0);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->start_sends == 2);
    BOOST_TEST(n->count() == 0);

    ctl->give(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl->flushed == std::vector<std::string>{"hello"});
}

BOOST_AUTO_TEST_CASE(fails_with_the_sink_error)
{
    auto n = pt::make_counting_notify();
    pf::error_code const broken(EPIPE, boost::system::generic_category());
    {
        auto [sink, ctl] = pt::make_test_sink<int>();
        ctl->send_error = broken;
        auto f = pf::spawn(std::move(sink).send(1));
        auto r = f.poll_future_notify(n, 0);
        BOOST_TEST_REQUIRE(r.is_error());
        BOOST_TEST(r.error() == broken);
        BOOST_TEST(ctl->flushes == 0);
    }
    {
        auto [sink, ctl] = pt::make_test_sink<int>();
        ctl->flush_error = broken;
        auto f = pf::spawn(std::move(sink).send(1));
        auto r = f.poll_future_notify(n, 0);
        BOOST_TEST_REQUIRE(r.is_error());
        BOOST_TEST(r.error() == broken);
        BOOST_TEST(ctl->accepted == std::vector<int>{1});
    }
}

BOOST_AUTO_TEST_SUITE_END()

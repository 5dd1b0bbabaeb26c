// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/send_all.hpp>

#include <protokit/future/sink/vector_sink.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_send_all)

BOOST_AUTO_TEST_CASE(sends_every_item_and_closes_the_sink_at_the_end)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    auto f = pf::spawn(std::move(sink).send_all(pt::range_stream(0, 5)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{0, 1, 2, 3, 4}));
    BOOST_TEST(ctl->accepted.empty());
    BOOST_TEST(ctl->closes == 1);
    BOOST_TEST(ctl->closed);
    BOOST_TEST(&r.value().first.control() == ctl.get());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(converts_items_into_the_sink_type)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pf::vector_sink<long>().send_all(pt::range_stream(1, 4)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value().first.items() == (std::vector<long>{1, 2, 3}));
}

BOOST_AUTO_TEST_CASE(flushes_whenever_it_waits_for_the_stream)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    auto [stream, sctl] = pt::make_scripted_stream<int>();
    sctl->push(1);
    sctl->push(2);
    auto f = pf::spawn(std::move(sink).send_all(std::move(stream)));

    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{1, 2}));
    BOOST_TEST(ctl->flushes == 1);
    BOOST_TEST(n->count() == 0);

    sctl->push(3);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{1, 2, 3}));

    sctl->end();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl->flushes == 3);
    BOOST_TEST(ctl->closed);
}

BOOST_AUTO_TEST_CASE(keeps_a_refused_item_for_the_next_poll)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    auto [stream, sctl] = pt::make_scripted_stream<int>();
    ctl->credit = 1;
    for (int i : {1, 2, 3})
        sctl->push(i);
    sctl->end();
    auto f = pf::spawn(std::move(sink).send_all(std::move(stream)));

    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->accepted == std::vector<int>{1});
    BOOST_TEST(sctl->polls == 2);
    BOOST_TEST(n->count() == 0);

    ctl->give(10);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{1, 2, 3}));
    BOOST_TEST(sctl->polls == 4);
}

BOOST_AUTO_TEST_CASE(waits_for_the_final_flush)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->flush_open = false;
    auto f = pf::spawn(std::move(sink).send_all(pt::range_stream(0, 2)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->accepted == (std::vector<int>{0, 1}));
    ctl->open_flush();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{0, 1}));
}

BOOST_AUTO_TEST_CASE(never_polls_the_stream_after_its_end_while_the_close_waits)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    auto [stream, sctl] = pt::make_scripted_stream<int>();
    ctl->flush_open = false;
    sctl->push(1);
    sctl->end();
    auto f = pf::spawn(std::move(sink).send_all(std::move(stream)));

    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(sctl->polls == 2);
    BOOST_TEST(ctl->closes == 1);
    BOOST_TEST(!ctl->closed);

    ctl->flush_open = false;
    ctl->task.notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(sctl->polls == 2);
    BOOST_TEST(ctl->closes == 2);

    ctl->open_flush();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(sctl->polls == 2);
    BOOST_TEST(ctl->closes == 3);
    BOOST_TEST(ctl->closed);
    BOOST_TEST(ctl->flushed == std::vector<int>{1});
}

BOOST_AUTO_TEST_CASE(fails_on_a_stream_or_sink_error)
{
    auto n = pt::make_counting_notify();
    pf::error_code const bad(EBADMSG, boost::system::generic_category());
    {
        auto [sink, ctl] = pt::make_test_sink<int>();
        auto [stream, sctl] = pt::make_scripted_stream<int>();
        sctl->push(1);
        sctl->push_error(bad);
        auto f = pf::spawn(std::move(sink).send_all(std::move(stream)));
        auto r = f.poll_future_notify(n, 0);
        BOOST_TEST_REQUIRE(r.is_error());
        BOOST_TEST(r.error() == bad);
        BOOST_TEST(ctl->accepted == std::vector<int>{1});
    }
    {
        auto [sink, ctl] = pt::make_test_sink<int>();
        ctl->send_error = bad;
        auto f = pf::spawn(std::move(sink).send_all(pt::range_stream(0, 3)));
        auto r = f.poll_future_notify(n, 0);
        BOOST_TEST_REQUIRE(r.is_error());
        BOOST_TEST(r.error() == bad);
        BOOST_TEST(ctl->start_sends == 1);
    }
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/wait.hpp>

#include <protokit/future/stream/wait.hpp>
#include <protokit/future/sync/mpsc.hpp>

#include "../../support/test_error.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <thread>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_wait)

BOOST_AUTO_TEST_CASE(send_flush_and_close_return_the_sinks_outcome)
{
    auto [inner, ctl] = pt::make_test_sink<int>();
    auto w = std::move(inner).wait();
    BOOST_TEST(w.send(1).has_value());
    BOOST_TEST(w.flush().has_value());
    BOOST_TEST(ctl->flushed == std::vector<int>{1}, boost::test_tools::per_element());
    ctl->send_error = pt::test_error(7);
    auto r = w.send(2);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error() == pt::test_error(7));
    BOOST_TEST(w.close().has_value());
    BOOST_TEST(ctl->closed);
}

BOOST_AUTO_TEST_CASE(a_full_channel_blocks_the_sender_until_the_other_thread_takes)
{
    auto [tx, rx] = pf::sync::mpsc::channel<int>(1);
    // Boost.Test's checks are not thread-safe: the consumer keeps what it got for the main thread.
    std::vector<int> got;
    std::thread consumer([rx = std::move(rx), &got]() mutable {
        for (auto r : std::move(rx).wait())
            got.push_back(r.has_value() ? *r : -1);
    });
    auto w = std::move(tx).wait();
    bool all_sent = true;
    for (int i = 0; i < 1000; ++i)
        all_sent = all_sent && w.send(i).has_value();
    BOOST_TEST(w.close().has_value());
    consumer.join();
    BOOST_TEST(all_sent);
    BOOST_TEST_REQUIRE(got.size() == 1000u);
    bool in_order = true;
    for (int i = 0; i < 1000; ++i)
        in_order = in_order && got[static_cast<std::size_t>(i)] == i;
    BOOST_TEST(in_order);
}

BOOST_AUTO_TEST_SUITE_END()

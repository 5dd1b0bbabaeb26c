// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/flush.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_flush)

BOOST_AUTO_TEST_CASE(is_ready_once_the_sink_is_flushed)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->accepted = {1, 2};
    ctl->flush_open = false;
    auto f = pf::spawn(std::move(sink).flush());

    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->flushes == 1);
    BOOST_TEST(n->count() == 0);

    ctl->open_flush();
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(ctl->flushed == (std::vector<int>{1, 2}));
    BOOST_TEST(&r.value().control() == ctl.get());
    BOOST_TEST(!ctl->closed);
}

BOOST_AUTO_TEST_CASE(fails_with_the_flush_error)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->flush_error = pf::error_code(EIO, boost::system::generic_category());
    auto f = pf::spawn(std::move(sink).flush());
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().value() == EIO);
}

BOOST_AUTO_TEST_SUITE_END()

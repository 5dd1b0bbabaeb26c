// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/map_err.hpp>

#include <protokit/future/sink/vector_sink.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_map_err)

BOOST_AUTO_TEST_CASE(maps_errors_of_every_operation)
{
    auto n = pt::make_counting_notify();
    auto to_string = [](pf::error_code ec) { return "failed: " + std::to_string(ec.value()); };

    auto [sink, ctl] = pt::make_test_sink<int>();
    auto s = pf::spawn(std::move(sink).sink_map_err(to_string));
    static_assert(
        std::is_same_v<std::remove_cvref_t<decltype(s.get_ref())>::sink_error_type, std::string>);

    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(ctl->flushed == std::vector<int>{1});

    ctl->flush_error = pf::error_code(EIO, boost::system::generic_category());
    auto c = s.poll_complete_notify(n, 0);
    BOOST_TEST_REQUIRE(c.is_error());
    BOOST_TEST(c.error() == "failed: " + std::to_string(EIO));
    auto cl = s.close_notify(n, 0);
    BOOST_TEST_REQUIRE(cl.is_error());

    ctl->send_error = pf::error_code(EPIPE, boost::system::generic_category());
    auto r = s.start_send_notify(2, n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == "failed: " + std::to_string(EPIPE));
}

BOOST_AUTO_TEST_CASE(hands_items_back_unchanged)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<int>();
    ctl->credit = 0;
    auto s = pf::spawn(std::move(sink).sink_map_err([](pf::error_code) { return 0; }));
    auto r = s.start_send_notify(9, n, 0);
    BOOST_TEST_REQUIRE(r.is_not_ready());
    BOOST_TEST(r.item() == 9);
    ctl->give(1);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.start_send_notify(9, n, 0).is_accepted());
}

BOOST_AUTO_TEST_SUITE_END()

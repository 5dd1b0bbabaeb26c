// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink/from_err.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_error.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <type_traits>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_from_err)

/// A user's error type, made from an `error_code`.
struct app_error {
    explicit app_error(pf::error_code e) : code(e.value()) {}
    int code;
};

BOOST_AUTO_TEST_CASE(converts_the_errors_of_every_call)
{
    auto n = pt::make_counting_notify();
    auto [inner, ctl] = pt::make_test_sink<int>();
    auto s = pf::spawn(std::move(inner).sink_from_err<app_error>());
    static_assert(std::is_same_v<pf::from_err_sink<pt::test_sink<int>, app_error>::sink_error_type,
                                 app_error>);
    BOOST_TEST(s.start_send_notify(1, n, 0).is_accepted());
    ctl->credit = 0;
    auto back = s.start_send_notify(2, n, 0);
    BOOST_TEST_REQUIRE(back.is_not_ready());
    BOOST_TEST(back.item() == 2);
    ctl->give(1);
    BOOST_TEST(n->take() == 1);

    ctl->send_error = pt::test_error(3);
    auto failed = s.start_send_notify(2, n, 0);
    BOOST_TEST_REQUIRE(failed.is_error());
    BOOST_TEST(failed.error().code == 3);

    ctl->flush_error = pt::test_error(4);
    auto flushed = s.poll_complete_notify(n, 0);
    BOOST_TEST_REQUIRE(flushed.is_error());
    BOOST_TEST(flushed.error().code == 4);
    auto closed = s.close_notify(n, 0);
    BOOST_TEST_REQUIRE(closed.is_error());
    BOOST_TEST(closed.error().code == 4);

    ctl->flush_error.reset();
    BOOST_TEST(s.close_notify(n, 0).is_ready());
    BOOST_TEST(ctl->closed);
    BOOST_TEST(ctl->flushed == std::vector<int>{1}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

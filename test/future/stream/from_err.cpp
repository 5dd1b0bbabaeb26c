// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/from_err.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <type_traits>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_from_err)

/// A user's error type, made from an `error_code`.
struct app_error {
    explicit app_error(pf::error_code e) : code(e.value()) {}
    int code;
};

BOOST_AUTO_TEST_CASE(converts_each_error_and_passes_items_through)
{
    auto n = pt::make_counting_notify();
    auto [src, h] = pt::make_test_stream<int>();
    auto s = pf::spawn(std::move(src).from_err<app_error>());
    h.send(1);
    h.send_error(pt::test_error(6));
    auto a = s.poll_stream_notify(n, 0);
    BOOST_TEST(*a.value() == 1);
    auto b = s.poll_stream_notify(n, 0);
    static_assert(std::is_same_v<decltype(b), pf::stream_poll_result<int, app_error>>);
    BOOST_TEST_REQUIRE(b.is_error());
    BOOST_TEST(b.error().code == 6);
    BOOST_TEST(s.poll_stream_notify(n, 0).is_not_ready());
    h.end();
    BOOST_TEST(n->take() == 1);
    auto c = s.poll_stream_notify(n, 0);
    BOOST_TEST((c.is_ready() && !c.value()));
}

BOOST_AUTO_TEST_SUITE_END()

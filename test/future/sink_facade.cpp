// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sink_facade.hpp>

#include <protokit/future/sink.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_sink_facade)

namespace {

using base = pt::test_sink<int>;
auto twice = [](int x) { return 2 * x; };
auto upto = [](int x) { return pt::range_stream(0, x); };
auto keep = [](pf::error_code ec) { return ec; };

static_assert(pf::Sink<pf::with_sink<base, int, decltype(twice)>>);
static_assert(pf::Sink<pf::with_flat_map_sink<base, int, decltype(upto)>>);
static_assert(pf::Sink<pf::buffer_sink<base>>);
static_assert(pf::Sink<pf::map_err_sink<base, decltype(keep)>>);
static_assert(pf::Sink<pf::fanout_sink<base, base>>);
static_assert(pf::Future<pf::send_future<base>>);
static_assert(pf::Future<pf::flush_future<base>>);
static_assert(pf::Future<pf::send_all_future<base, pt::range_stream>>);

/// An application's error, made from a transport error.
struct app_error {
    explicit app_error(pf::error_code e) : code(e) {}
    pf::error_code code;
};

} // namespace

BOOST_AUTO_TEST_CASE(combinators_chain_into_one_sink)
{
    auto n = pt::make_counting_notify();
    auto [sink, ctl] = pt::make_test_sink<std::string>();
    ctl->credit = 1;
    auto chained = std::move(sink)
                       .buffer(2)
                       .with([](int x) { return std::to_string(x); })
                       .with_flat_map([](int count) { return pt::range_stream(0, count); })
                       .sink_map_err([](pf::error_code ec) { return app_error(ec); });
    static_assert(std::is_same_v<decltype(chained)::sink_item_type, int>);
    static_assert(std::is_same_v<decltype(chained)::sink_error_type, app_error>);

    auto f = pf::spawn(std::move(chained).send_all(pt::vector_stream<int>({2, 3})));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl->accepted == std::vector<std::string>{"0"});
    BOOST_TEST(n->count() == 0);

    ctl->give(10);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(ctl->flushed == (std::vector<std::string>{"0", "1", "0", "1", "2"}));
    // send_all closes the sink at the end of the stream, through every layer.
    BOOST_TEST(ctl->closed);
}

BOOST_AUTO_TEST_CASE(send_then_flush_reuse_the_returned_sink)
{
    auto n = pt::make_counting_notify();
    auto f1 = pf::spawn(pf::vector_sink<int>().send(1));
    auto r1 = f1.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r1.is_ready());
    auto f2 = pf::spawn(std::move(r1).value().send(2));
    auto r2 = f2.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r2.is_ready());
    auto f3 = pf::spawn(std::move(r2).value().flush());
    auto r3 = f3.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r3.is_ready());
    BOOST_TEST(r3.value().items() == (std::vector<int>{1, 2}));
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/concepts.hpp>

#include <protokit/future/executor.hpp>

#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <type_traits>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_concepts)

/// The least a Future needs: the two types and `poll()`, no facade.
struct bare_future {
    using item_type = int;
    using error_type = std::string;
    pf::poll_result<int, std::string> poll() { return pf::ready(1); }
};

/// The least a Stream needs.
struct bare_stream {
    using item_type = int;
    using error_type = pf::error_code;
    int left = 1;
    pf::stream_poll_result<int> poll_next()
    {
        if (left == 0)
            return pf::end_of_stream;
        --left;
        return pf::ready(std::optional<int>(2));
    }
};

/// The least a Sink needs.
struct bare_sink {
    using sink_item_type = int;
    using sink_error_type = pf::error_code;
    int taken = 0;
    pf::start_send_result<int> start_send(int&& v)
    {
        taken += v;
        return pf::accepted;
    }
    pf::poll_result<pf::unit> poll_complete() { return pf::ready(); }
    pf::poll_result<pf::unit> close() { return pf::ready(); }
};

/// A poll with the wrong result type is not a Future.
struct wrong_poll {
    using item_type = int;
    using error_type = pf::error_code;
    int poll() { return 0; }
};

static_assert(pf::Future<bare_future> && !pf::Stream<bare_future> && !pf::Sink<bare_future>);
static_assert(pf::Stream<bare_stream> && !pf::Future<bare_stream>);
static_assert(pf::Sink<bare_sink> && !pf::Future<bare_sink>);
static_assert(!pf::Future<wrong_poll>);
static_assert(!pf::Future<int>);
static_assert(std::is_same_v<pf::item_t<bare_future>, int>);
static_assert(std::is_same_v<pf::error_t_of<bare_future>, std::string>);

BOOST_AUTO_TEST_CASE(types_that_model_the_concepts_are_polled_as_such)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(bare_future{});
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 1);
    auto s = pf::spawn(bare_stream{});
    BOOST_TEST(*s.poll_stream_notify(n, 0).value() == 2);
    auto end = s.poll_stream_notify(n, 0);
    BOOST_TEST((end.is_ready() && !end.value()));
    auto k = pf::spawn(bare_sink{});
    BOOST_TEST(k.start_send_notify(5, n, 0).is_accepted());
    BOOST_TEST(k.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(k.get_ref().taken == 5);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

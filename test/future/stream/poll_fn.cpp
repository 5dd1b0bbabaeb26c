// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/poll_fn.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_poll_fn)

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_CASE(each_poll_is_a_call_of_the_function)
{
    auto n = pt::make_counting_notify();
    int calls = 0;
    pf::task_slot waiter;
    auto s = pf::spawn(pf::stream_poll_fn([&]() -> pf::stream_poll_result<int> {
        ++calls;
        if (calls == 2) {
            waiter.register_current();
            return pf::not_ready;
        }
        if (calls == 4)
            return pf::fail(pt::test_error(2));
        if (calls > 5)
            return pf::end_of_stream;
        return pf::ready(std::optional<int>(calls * 10));
    }));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 10", "not ready"}),
               boost::test_tools::per_element());
    waiter.notify();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 30", "error 2", "item 50", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(calls == 6);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream_facade.hpp>

#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_facade)

/// A stream written by hand: 1, 2, ... `last`, then the end.
class counter : public pf::stream_facade<counter> {
public:
    using item_type = int;
    using error_type = pf::error_code;

    explicit counter(int last) : last_(last) {}

    pf::stream_poll_result<int> poll_next()
    {
        ++polls;
        if (next_ > last_)
            return pf::end_of_stream;
        return pf::ready(std::optional<int>(next_++));
    }

    int polls = 0;

private:
    int next_ = 1;
    int last_;
};

BOOST_AUTO_TEST_CASE(a_hand_written_stream_gets_the_combinators_from_the_facade_alone)
{
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(counter(6)
                           .filter([](int v) { return v % 2 == 0; })
                           .map([](int v) { return v * 10; })
                           .collect());
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == (std::vector<int>{20, 40, 60}), boost::test_tools::per_element());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(by_ref_takes_part_of_a_hand_written_stream)
{
    auto n = pt::make_counting_notify();
    counter c(5);
    auto first = pf::spawn(c.by_ref().take(2).fold(0, [](int a, int v) { return a + v; }));
    BOOST_TEST(first.poll_future_notify(n, 0).value() == 3);
    BOOST_TEST(c.polls == 2);
    auto rest = pf::spawn(std::move(c).into_future());
    auto r = rest.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(*r.value().first == 3);
}

BOOST_AUTO_TEST_SUITE_END()

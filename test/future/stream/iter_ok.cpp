// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <list>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_iter_ok)

BOOST_AUTO_TEST_CASE(yields_each_element_then_the_end_without_notifying)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok(std::vector<int>{1, 2, 3}));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 1", "item 2", "item 3", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(moves_the_elements_of_an_owned_container)
{
    auto n = pt::make_counting_notify();
    std::vector<std::unique_ptr<int>> v;
    v.push_back(std::make_unique<int>(7));
    auto s = pf::spawn(pf::iter_ok(std::move(v)));
    auto r = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(**r.value() == 7);
}

BOOST_AUTO_TEST_CASE(copies_an_lvalue_range_and_leaves_it_alone)
{
    auto n = pt::make_counting_notify();
    strings words{"a", "b"};
    auto s = pf::spawn(pf::iter_ok(words));
    BOOST_TEST(pt::drain(s, n) == (strings{"item a", "item b", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(words == (strings{"a", "b"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(copies_the_elements_of_a_view)
{
    auto n = pt::make_counting_notify();
    strings words{"x", "y"};
    auto s = pf::spawn(pf::iter_ok(std::span<std::string>(words)));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "item x");
    BOOST_TEST(words[0] == "x");
}

BOOST_AUTO_TEST_CASE(takes_an_iterator_pair)
{
    auto n = pt::make_counting_notify();
    std::list<int> l{4, 5, 6};
    auto s = pf::spawn(pf::iter_ok(std::next(l.begin()), l.end()));
    BOOST_TEST(pt::drain(s, n) == (strings{"item 5", "item 6", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(l.size() == 3u);
}

BOOST_AUTO_TEST_CASE(takes_a_braced_list_and_a_chosen_error_type)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok<std::string>({10, 20}));
    static_assert(
        std::is_same_v<std::remove_reference_t<decltype(s.get_ref())>::error_type, std::string>);
    BOOST_TEST(pt::drain(s, n) == (strings{"item 10", "item 20", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keeps_its_position_when_moved_after_polling)
{
    auto n = pt::make_counting_notify();
    auto s1 = pf::spawn(pf::iter_ok(std::string("abc")));
    BOOST_TEST(pt::next(s1.poll_stream_notify(n, 0)) == "item a");
    auto s2 = pf::spawn(std::move(s1).into_inner());
    BOOST_TEST(pt::drain(s2, n) == (strings{"item b", "item c", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_empty_range_ends_at_once)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok(std::vector<int>{}));
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_SUITE_END()

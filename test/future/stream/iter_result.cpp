// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/iter_result.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;
using result = boost::system::result<int, pf::error_code>;

BOOST_AUTO_TEST_SUITE(future_stream_iter_result)

BOOST_AUTO_TEST_CASE(yields_values_and_errors_and_goes_on_after_an_error)
{
    auto n = pt::make_counting_notify();
    std::vector<result> v{result(1), result(pt::test_error(5)), result(3)};
    auto s = pf::spawn(pf::iter_result(std::move(v)));
    strings seen;
    for (int i = 0; i != 4; ++i)
        seen.push_back(pt::next(s.poll_stream_notify(n, 0)));
    BOOST_TEST(seen == (strings{"item 1", "error 5", "item 3", "end"}),
               boost::test_tools::per_element());
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(takes_the_error_type_of_the_results)
{
    auto n = pt::make_counting_notify();
    using text_result = boost::system::result<int, std::string>;
    std::vector<text_result> v{text_result(boost::system::in_place_error, "bad")};
    auto s = pf::spawn(pf::iter_result(v));
    auto r = s.poll_stream_notify(n, 0);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == "bad");
    BOOST_TEST(pt::next(s.poll_stream_notify(n, 0)) == "end");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/merge.hpp>

#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(future_stream_merge)

namespace {

template <class S>
strings drain_merged(pf::spawned<S>& s, boost::intrusive_ptr<pt::counting_notify> const& n)
{
    strings out;
    for (int i = 0; i != 20; ++i) {
        auto r = s.poll_stream_notify(n, 0);
        if (r.is_ready() && r.value()) {
            auto& m = *r.value();
            std::string d = m.is_both() ? "both " : m.has_first() ? "first " : "second ";
            if (m.has_first())
                d += pt::describe(m.first_item());
            if (m.is_both())
                d += ",";
            if (m.has_second())
                d += pt::describe(m.second_item());
            out.push_back(d);
            continue;
        }
        out.push_back(r.is_not_ready() ? "not ready"
                      : r.is_error()   ? "error " + pt::describe(r.error())
                                       : "end");
        if (!r.is_error())
            break;
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(merges_streams_of_different_types)
{
    auto n = pt::make_counting_notify();
    auto s = pf::spawn(pf::iter_ok({1, 2, 3}).merge(pf::iter_ok({std::string("a")})));
    BOOST_TEST(drain_merged(s, n) == (strings{"both 1,a", "first 2", "first 3", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(yields_the_second_while_the_first_is_not_ready)
{
    auto n = pt::make_counting_notify();
    auto [a, ha] = pt::make_test_stream<int>();
    auto [b, hb] = pt::make_test_stream<std::string>();
    auto s = pf::spawn(std::move(a).merge(std::move(b)));
    BOOST_TEST(drain_merged(s, n) == (strings{"not ready"}), boost::test_tools::per_element());
    BOOST_TEST(ha.is_registered());
    BOOST_TEST(hb.is_registered());
    hb.send("x");
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(drain_merged(s, n) == (strings{"second x", "not ready"}),
               boost::test_tools::per_element());
    ha.end();
    hb.send("y");
    hb.end();
    BOOST_TEST(drain_merged(s, n) == (strings{"second y", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_error_of_the_second_with_an_item_of_the_first_comes_next)
{
    auto n = pt::make_counting_notify();
    auto [a, ha] = pt::make_test_stream<int>();
    auto [b, hb] = pt::make_test_stream<std::string>();
    auto s = pf::spawn(std::move(a).merge(std::move(b)));
    ha.send(1);
    hb.send_error(pt::test_error(7));
    ha.send_error(pt::test_error(8));
    BOOST_TEST(drain_merged(s, n) == (strings{"first 1", "error 7", "error 8", "not ready"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/lines.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"
#include "../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace io = protokit::io;
namespace pt = protokit::test;
using protokit::error;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_lines)

using strings = std::vector<std::string>;

BOOST_AUTO_TEST_CASE(yields_the_lines_of_a_reader_without_their_endings)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("one\r\ntw").read_would_block().read("o\nlast").read_eof();
    auto s = pf::spawn(io::lines(mock_io(m)));
    BOOST_TEST(pt::drain(s, n) == (strings{"item one", "not ready"}),
               boost::test_tools::per_element());
    m.wake_reader();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(pt::drain(s, n) == (strings{"item two", "item last", "end"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_line_over_the_limit_is_an_error)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("short\nmuch too long\nok\n").read_eof();
    auto s = pf::spawn(io::lines(mock_io(m), 8));
    auto a = s.poll_stream_notify(n, 0);
    BOOST_TEST(*a.value() == "short");
    auto b = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(b.is_error());
    BOOST_TEST(b.error() == error::frame_too_large);
    BOOST_TEST(*s.poll_stream_notify(n, 0).value() == "ok");
}

BOOST_AUTO_TEST_SUITE_END()

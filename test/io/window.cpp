// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/window.hpp>

#include <protokit/io/read.hpp>
#include <protokit/io/write.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace io = protokit::io;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_window)

BOOST_AUTO_TEST_CASE(covers_the_whole_buffer_until_moved)
{
    io::window<std::string> w(std::string("abcdef"));
    BOOST_TEST(w.start() == 0u);
    BOOST_TEST(w.end() == 6u);
    BOOST_TEST(std::string(w.data(), w.size()) == "abcdef");
    w.set_start(1).set_end(4);
    BOOST_TEST(std::string(w.data(), w.size()) == "bcd");
    BOOST_TEST(w.get_ref() == "abcdef");
    BOOST_TEST(std::move(w).into_inner() == "abcdef");
}

BOOST_AUTO_TEST_CASE(a_read_fills_only_the_window_and_the_buffer_comes_back_whole)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("XY");
    io::window<std::vector<char>> w(std::vector<char>{'a', 'b', 'c', 'd'});
    w.set_start(1).set_end(3);
    auto f = pf::spawn(io::read_exact(mock_io(m), std::move(w)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    std::vector<char> whole = std::move(r.value().second).into_inner();
    BOOST_TEST(std::string(whole.begin(), whole.end()) == "aXYd");
}

BOOST_AUTO_TEST_CASE(a_write_takes_only_the_window)
{
    auto n = make_counting_notify();
    mock_io m;
    io::window<std::string> w(std::string("--payload--"));
    w.set_start(2).set_end(9);
    auto f = pf::spawn(io::write_all(mock_io(m), std::move(w)));
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(m.written() == "payload");
}

BOOST_AUTO_TEST_SUITE_END()

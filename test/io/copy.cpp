// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/copy.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace pf = protokit::future;
namespace io = protokit::io;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_copy)

BOOST_AUTO_TEST_CASE(copies_everything_then_flushes)
{
    auto n = make_counting_notify();
    mock_io from;
    mock_io to;
    std::string big(20000, 'q');
    from.read("small ").read(big).read_eof();
    to.max_write_size(1000);
    auto f = pf::spawn(io::copy(from, to));
    static_assert(pf::Future<decltype(io::copy(from, to))>);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 6u + big.size());
    BOOST_TEST(to.written() == "small " + big);
    BOOST_TEST(to.flushes() == 1);
}

BOOST_AUTO_TEST_CASE(waits_on_either_side)
{
    auto n = make_counting_notify();
    mock_io from;
    mock_io to;
    from.read("abcdef").read_would_block().read("gh").read_eof();
    to.write_budget(2);
    auto f = pf::spawn(io::copy(from, to, 4));

    // The writer is full first.
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(to.written() == "ab");
    BOOST_TEST(to.writer_registered());
    BOOST_TEST(!from.reader_registered());
    to.allow_write(100);
    BOOST_TEST(n->take() == 1);

    // Then the reader has nothing.
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(to.written() == "abcdef");
    BOOST_TEST(f.get_ref().bytes_copied() == 6u);
    BOOST_TEST(from.reader_registered());
    from.wake_reader();
    BOOST_TEST(n->take() == 1);

    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.value() == 8u);
    BOOST_TEST(to.written() == "abcdefgh");
}

BOOST_AUTO_TEST_CASE(errors_on_either_side)
{
    auto n = make_counting_notify();
    mock_io from;
    mock_io to;
    from.read("abc").read_error(pf::error_code(104, boost::system::generic_category()));
    auto f = pf::spawn(io::copy(from, to));
    BOOST_TEST(f.poll_future_notify(n, 0).error().value() == 104);
    BOOST_TEST(to.written() == "abc");

    mock_io from2;
    mock_io to2;
    from2.read("abc").read_eof();
    to2.write_error(pf::error_code(32, boost::system::generic_category()));
    auto g = pf::spawn(io::copy(from2, to2));
    BOOST_TEST(g.poll_future_notify(n, 0).error().value() == 32);
}

BOOST_AUTO_TEST_CASE(an_empty_reader_copies_nothing)
{
    auto n = make_counting_notify();
    mock_io from;
    mock_io to;
    from.read_eof();
    auto f = pf::spawn(io::copy(from, to));
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 0u);
    BOOST_TEST(to.write_calls() == 0);
    BOOST_TEST(to.flushes() == 1);
}

BOOST_AUTO_TEST_CASE(copy_by_value_hands_both_back_with_the_count)
{
    auto n = make_counting_notify();
    mock_io from;
    mock_io to;
    from.read("abc").read_eof();
    auto f = pf::spawn(io::copy(mock_io(from), mock_io(to), 2));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    auto& [count, reader, writer] = r.value();
    BOOST_TEST(count == 3u);
    BOOST_TEST(writer.written() == "abc");
    BOOST_TEST(reader.read_script_done());
    BOOST_TEST(to.flushes() == 1);
}

BOOST_AUTO_TEST_SUITE_END()

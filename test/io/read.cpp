// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/read.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace pf = protokit::future;
namespace io = protokit::io;
using protokit::error;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_read)

BOOST_AUTO_TEST_CASE(read_exact_fills_the_buffer_across_reads)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("ab").read_would_block().read("cdefgh");
    std::array<char, 5> buf{};
    auto f = pf::spawn(io::read_exact(m, buf));
    static_assert(pf::Future<decltype(io::read_exact(m, buf))>);

    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(f.get_ref().bytes_read() == 2u);
    BOOST_TEST(m.reader_registered());
    BOOST_TEST(n->count() == 0);
    m.wake_reader();
    BOOST_TEST(n->take() == 1);

    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 5u);
    BOOST_TEST(std::string(buf.data(), buf.size()) == "abcde");

    // The rest stays in the object for the next read.
    std::array<char, 3> rest{};
    auto g = pf::spawn(io::read_exact(m, rest));
    BOOST_TEST(g.poll_future_notify(n, 0).value() == 3u);
    BOOST_TEST(std::string(rest.data(), 3) == "fgh");
}

BOOST_AUTO_TEST_CASE(read_exact_short_stream_is_unexpected_eof)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("abc").read_eof();
    std::array<char, 5> buf{};
    auto f = pf::spawn(io::read_exact(m, buf));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == error::unexpected_eof);
    BOOST_TEST(f.get_ref().bytes_read() == 3u);
}

BOOST_AUTO_TEST_CASE(read_exact_passes_errors_through)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read_error(pf::error_code(104, boost::system::generic_category()));
    std::array<char, 1> buf{};
    auto f = pf::spawn(io::read_exact(m, buf));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.error().value() == 104);
}

BOOST_AUTO_TEST_CASE(read_until_leaves_what_follows_the_delimiter)
{
    auto n = make_counting_notify();
    mock_io m;
    m.max_read_size(4).read("GET /").read_would_block().read(" x\r\nHost: h\r\n");
    std::string buf;
    auto f = pf::spawn(io::read_until(m, '\n', buf));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(buf == "GET /");
    m.wake_reader();
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(buf.substr(0, r.value()) == "GET / x\r\n");
    BOOST_TEST(buf.size() >= r.value());

    // Consume the first line; the second may already be in the buffer.
    buf.erase(0, r.value());
    int const reads = m.read_calls();
    auto g = pf::spawn(io::read_until(m, '\n', buf));
    auto r2 = g.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r2.is_ready());
    BOOST_TEST(buf.substr(0, r2.value()) == "Host: h\r\n");
    BOOST_TEST(m.read_calls() > reads);
}

BOOST_AUTO_TEST_CASE(read_until_with_the_delimiter_already_in_reads_nothing)
{
    auto n = make_counting_notify();
    mock_io m;
    std::vector<char> buf{'a', ';', 'b'};
    auto f = pf::spawn(io::read_until(m, ';', buf));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.value() == 2u);
    BOOST_TEST(m.read_calls() == 0);
}

BOOST_AUTO_TEST_CASE(read_until_at_the_end_yields_the_last_piece)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("tail").read_eof();
    std::string buf;
    auto f = pf::spawn(io::read_until(m, '\n', buf));
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 4u);
    BOOST_TEST(buf == "tail");

    buf.clear();
    auto g = pf::spawn(io::read_until(m, '\n', buf));
    BOOST_TEST(g.poll_future_notify(n, 0).value() == 0u);
    BOOST_TEST(buf.empty());
}

BOOST_AUTO_TEST_CASE(read_until_bounded)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read(std::string(100, 'x'));
    std::string buf;
    auto f = pf::spawn(io::read_until(m, '\n', buf, 10));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == error::frame_too_large);
    BOOST_TEST(buf.size() == 10u);
}

BOOST_AUTO_TEST_CASE(read_until_not_ready_keeps_no_padding)
{
    auto n = make_counting_notify();
    mock_io m;
    std::string buf = "pre";
    auto f = pf::spawn(io::read_until(m, '\n', buf));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(buf == "pre");
}

BOOST_AUTO_TEST_CASE(read_to_end_appends_everything)
{
    auto n = make_counting_notify();
    mock_io m;
    std::string big(10000, 'b');
    m.read("head-").read_would_block().read(big).read_eof();
    std::vector<char> buf{'>'};
    auto f = pf::spawn(io::read_to_end(m, buf));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(buf.size() == 6u);
    m.wake_reader();
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 5u + big.size());
    BOOST_TEST(std::string(buf.begin(), buf.end()) == ">head-" + big);
}

BOOST_AUTO_TEST_CASE(read_to_end_passes_errors_through)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("x").read_error(pf::error_code(9, boost::system::generic_category()));
    std::string buf;
    auto f = pf::spawn(io::read_to_end(m, buf));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.error().value() == 9);
    BOOST_TEST(buf == "x");
}

BOOST_AUTO_TEST_CASE(read_reads_once_and_is_ready_with_the_count)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read_would_block().read("abcdef").read_eof();
    std::array<char, 4> buf{};
    auto f = pf::spawn(io::read(m, buf));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    m.wake_reader();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 4u);
    BOOST_TEST(std::string(buf.data(), 4) == "abcd");
    auto g = pf::spawn(io::read(m, buf));
    BOOST_TEST(g.poll_future_notify(n, 0).value() == 2u);
    auto end = pf::spawn(io::read(m, buf));
    BOOST_TEST(end.poll_future_notify(n, 0).value() == 0u);
}

BOOST_AUTO_TEST_CASE(read_by_value_hands_the_io_and_the_buffer_back)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("hello");
    auto f = pf::spawn(io::read(mock_io(m), std::vector<char>(8)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    auto& [back, buf, count] = r.value();
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(back)>, mock_io>);
    BOOST_TEST(count == 5u);
    BOOST_TEST(std::string(buf.data(), count) == "hello");
    BOOST_TEST(buf.size() == 8u);
}

BOOST_AUTO_TEST_CASE(read_exact_by_value_chains_as_in_tokio)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("ab").read_would_block().read("cdefg");
    // The callback takes the elements of the {io, buf} pair.
    auto f = pf::spawn(
        io::read_exact(mock_io(m), std::array<char, 3>{})
            .and_then([](mock_io io, std::array<char, 3> head) {
                std::string first(head.data(), head.size());
                return io::read_exact(std::move(io), std::string(2, '\0'))
                    .map([first](auto io_and_rest) { return first + "|" + io_and_rest.second; });
            }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    m.wake_reader();
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == "abc|de");
}

BOOST_AUTO_TEST_CASE(read_exact_by_value_drops_both_on_an_error)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("ab").read_eof();
    auto f = pf::spawn(io::read_exact(mock_io(m), std::vector<char>(4)));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == error::unexpected_eof);
    BOOST_TEST(f.get_ref().bytes_read() == 2u);
}

BOOST_AUTO_TEST_CASE(read_until_and_read_to_end_by_value)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("one\ntwo").read_eof();
    auto f = pf::spawn(io::read_until(mock_io(m), '\n', std::string()));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    auto [io1, line, count] = std::move(r).value();
    BOOST_TEST(count == 4u);
    BOOST_TEST(line.substr(0, count) == "one\n");
    line.erase(0, count);
    auto g = pf::spawn(io::read_to_end(std::move(io1), std::move(line)));
    auto rest = g.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(rest.is_ready());
    BOOST_TEST(rest.value().second == "two");
}

BOOST_AUTO_TEST_SUITE_END()

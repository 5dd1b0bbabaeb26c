// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/write.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace pf = protokit::future;
namespace io = protokit::io;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_write)

BOOST_AUTO_TEST_CASE(write_all_resumes_short_writes)
{
    auto n = make_counting_notify();
    mock_io m;
    m.max_write_size(3);
    std::string const data = "0123456789";
    auto f = pf::spawn(io::write_all(m, data));
    static_assert(pf::Future<decltype(io::write_all(m, data))>);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(r.value() == 10u);
    BOOST_TEST(m.written() == data);
    BOOST_TEST(m.write_calls() == 4);
    BOOST_TEST(m.flushes() == 0);
}

BOOST_AUTO_TEST_CASE(write_all_waits_for_writability)
{
    auto n = make_counting_notify();
    mock_io m;
    m.write_budget(4);
    auto f = pf::spawn(io::write_all(m, "hello world"));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(f.get_ref().bytes_written() == 4u);
    BOOST_TEST(m.writer_registered());
    BOOST_TEST(n->count() == 0);
    m.allow_write(100);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST(r.value() == 11u);
    BOOST_TEST(m.written() == "hello world");
}

BOOST_AUTO_TEST_CASE(write_all_takes_spans)
{
    auto n = make_counting_notify();
    mock_io m;
    std::vector<char> v{'a', 'b'};
    std::array<char const, 2> a{'c', 'd'};
    BOOST_TEST(pf::spawn(io::write_all(m, std::span(v))).poll_future_notify(n, 0).value() == 2u);
    BOOST_TEST(pf::spawn(io::write_all(m, std::span(a))).poll_future_notify(n, 0).value() == 2u);
    BOOST_TEST(pf::spawn(io::write_all(m, "ef")).poll_future_notify(n, 0).value() == 2u);
    BOOST_TEST(m.written() == "abcdef");
}

BOOST_AUTO_TEST_CASE(write_all_errors)
{
    auto n = make_counting_notify();
    mock_io m;
    m.write_error(pf::error_code(32, boost::system::generic_category()));
    auto f = pf::spawn(io::write_all(m, "x"));
    BOOST_TEST(f.poll_future_notify(n, 0).error().value() == 32);

    mock_io zero;
    zero.max_write_size(0);
    auto g = pf::spawn(io::write_all(zero, "x"));
    BOOST_TEST(g.poll_future_notify(n, 0).error() == boost::system::errc::io_error);

    auto empty = pf::spawn(io::write_all(zero, ""));
    BOOST_TEST(empty.poll_future_notify(n, 0).value() == 0u);
    BOOST_TEST(zero.write_calls() == 1);
}

BOOST_AUTO_TEST_CASE(flush_waits_for_the_object)
{
    auto n = make_counting_notify();
    mock_io m;
    m.flush_would_block();
    auto f = pf::spawn(io::flush(m));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(m.writer_registered());
    m.wake_writer();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(m.flushes() == 1);
}

BOOST_AUTO_TEST_CASE(shutdown_flushes_and_shuts_the_write_direction)
{
    auto n = make_counting_notify();
    mock_io m;
    auto f = pf::spawn(io::shutdown(m));
    BOOST_TEST(f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(m.is_shut_down());
}

BOOST_AUTO_TEST_CASE(write_all_flush_and_shutdown_by_value_hand_the_io_back)
{
    auto n = make_counting_notify();
    mock_io m;
    m.write_budget(3);
    auto f = pf::spawn(
        io::write_all(mock_io(m), std::string("hello"))
            .and_then([](mock_io io, std::string sent) {
                return io::flush(std::move(io)).map([sent](mock_io io2) {
                    return std::pair<mock_io, std::size_t>(std::move(io2), sent.size());
                });
            })
            .and_then([](mock_io io, std::size_t) { return io::shutdown(std::move(io)); }));
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(m.written() == "hel");
    m.allow_write(10);
    BOOST_TEST(n->take() == 1);
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(m.written() == "hello");
    BOOST_TEST(m.flushes() >= 1);
    BOOST_TEST(m.is_shut_down());
    BOOST_TEST(r.value().written() == "hello");
}

BOOST_AUTO_TEST_SUITE_END()

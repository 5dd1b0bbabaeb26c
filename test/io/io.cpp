// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/io.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <protokit/future/executor.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <string>

namespace pf = protokit::future;
namespace io = protokit::io;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_io)

namespace {

struct reader_only {
    io::poll_result<std::size_t> poll_read(std::span<char>) { return pf::ready(std::size_t{0}); }
};

struct writer_without_shutdown {
    io::poll_result<std::size_t> poll_write(std::span<char const> b) { return pf::ready(b.size()); }
    io::poll_result<io::unit> poll_flush() { return pf::ready(); }
};

struct wrong_error_type {
    pf::poll_result<std::size_t, int> poll_read(std::span<char>) { return pf::not_ready; }
};

/// Runs `f` as the task (n, 0): the mock registers the current task.
template <class F>
auto in_task(boost::intrusive_ptr<protokit::test::counting_notify> const& n, F f)
{
    pf::task t(n, 0);
    pf::task_scope scope(t);
    return f();
}

} // namespace

// The concepts check the whole contract (compile-time checks: no test case needed).
static_assert(io::AsyncRead<mock_io>);
static_assert(io::AsyncWrite<mock_io>);
static_assert(io::Io<mock_io>);
static_assert(io::AsyncRead<reader_only>);
static_assert(!io::AsyncWrite<reader_only>);
static_assert(!io::Io<reader_only>);
static_assert(!io::AsyncWrite<writer_without_shutdown>);
static_assert(!io::AsyncRead<wrong_error_type>);

BOOST_AUTO_TEST_CASE(mock_reads_follow_the_script)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("hello")
        .read_would_block()
        .read("!")
        .read_error(pf::error_code(5, boost::system::generic_category()))
        .read_eof();
    std::array<char, 3> buf{};

    auto r = in_task(n, [&] { return m.poll_read(buf); });
    BOOST_TEST(r.value() == 3u);
    BOOST_TEST(std::string(buf.data(), 3) == "hel");
    r = in_task(n, [&] { return m.poll_read(buf); });
    BOOST_TEST(r.value() == 2u);
    BOOST_TEST(std::string(buf.data(), 2) == "lo");

    r = in_task(n, [&] { return m.poll_read(buf); });
    BOOST_TEST(r.is_not_ready());
    BOOST_TEST(m.reader_registered());
    BOOST_TEST(n->count() == 0);
    m.wake_reader();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(!m.reader_registered());

    r = in_task(n, [&] { return m.poll_read(buf); });
    BOOST_TEST(r.value() == 1u);
    r = in_task(n, [&] { return m.poll_read(buf); });
    BOOST_TEST(r.error().value() == 5);
    for (int i = 0; i < 2; ++i) {
        r = in_task(n, [&] { return m.poll_read(buf); });
        BOOST_TEST(r.value() == 0u);
    }
    BOOST_TEST(m.read_calls() == 7);
}

BOOST_AUTO_TEST_CASE(mock_read_past_the_script_blocks_until_fed)
{
    auto n = make_counting_notify();
    mock_io m;
    mock_io copy = m; // copies share the script
    std::array<char, 8> buf{};
    auto r = in_task(n, [&] { return copy.poll_read(buf); });
    BOOST_TEST(r.is_not_ready());
    m.feed("xy");
    BOOST_TEST(n->take() == 1);
    r = in_task(n, [&] { return copy.poll_read(buf); });
    BOOST_TEST(r.value() == 2u);
}

BOOST_AUTO_TEST_CASE(mock_writes_short_blocked_and_failed)
{
    auto n = make_counting_notify();
    mock_io m;
    m.max_write_size(2).write_ok().write_would_block().write_error(
        pf::error_code(7, boost::system::generic_category()));
    std::string_view data = "abcdef";

    auto w = in_task(n, [&] { return m.poll_write(data); });
    BOOST_TEST(w.value() == 2u);
    w = in_task(n, [&] { return m.poll_write(data.substr(2)); });
    BOOST_TEST(w.is_not_ready());
    BOOST_TEST(m.writer_registered());
    m.wake_writer();
    BOOST_TEST(n->take() == 1);
    w = in_task(n, [&] { return m.poll_write(data.substr(2)); });
    BOOST_TEST(w.error().value() == 7);

    m.write_budget(3);
    w = in_task(n, [&] { return m.poll_write(data.substr(2)); });
    BOOST_TEST(w.value() == 2u);
    w = in_task(n, [&] { return m.poll_write(data.substr(4)); });
    BOOST_TEST(w.value() == 1u);
    w = in_task(n, [&] { return m.poll_write(data.substr(5)); });
    BOOST_TEST(w.is_not_ready());
    m.allow_write(10);
    BOOST_TEST(n->take() == 1);
    w = in_task(n, [&] { return m.poll_write(data.substr(5)); });
    BOOST_TEST(w.value() == 1u);
    BOOST_TEST(m.written() == "abcdef");

    m.flush_would_block();
    auto f = in_task(n, [&] { return m.poll_flush(); });
    BOOST_TEST(f.is_not_ready());
    m.wake_writer();
    BOOST_TEST(n->take() == 1);
    f = in_task(n, [&] { return m.shutdown(); });
    BOOST_TEST(f.is_ready());
    BOOST_TEST(m.flushes() == 1);
    BOOST_TEST(m.is_shut_down());
    w = in_task(n, [&] { return m.poll_write(data); });
    BOOST_TEST(w.is_error());
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/split.hpp>

#include <protokit/io/framed.hpp>
#include <protokit/io/lines_codec.hpp>

#include "../support/child_abort.hpp"
#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <stdexcept>
#include <string>
#include <thread>

namespace pf = protokit::future;
namespace io = protokit::io;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_split)

BOOST_AUTO_TEST_CASE(halves_share_the_object)
{
    static_assert(io::AsyncRead<io::read_half<mock_io>>);
    static_assert(!io::AsyncWrite<io::read_half<mock_io>>);
    static_assert(io::AsyncWrite<io::write_half<mock_io>>);
    static_assert(!io::AsyncRead<io::write_half<mock_io>>);

    auto n = make_counting_notify();
    mock_io m;
    m.read("in");
    auto [r, w] = io::split(m);
    BOOST_TEST(r.is_pair_of(w));
    BOOST_TEST(w.is_pair_of(r));

    std::array<char, 4> buf{};
    pf::task t(n, 0);
    pf::task_scope scope(t);
    BOOST_TEST(r.poll_read(buf).value() == 2u);
    BOOST_TEST(w.poll_write(std::string_view("out")).value() == 3u);
    BOOST_TEST(w.poll_flush().is_ready());
    BOOST_TEST(m.written() == "out");
    BOOST_TEST(w.shutdown().is_ready());
    BOOST_TEST(m.is_shut_down());
}

BOOST_AUTO_TEST_CASE(two_tasks_wait_on_the_two_directions)
{
    auto reader_task = make_counting_notify();
    auto writer_task = make_counting_notify();
    mock_io m;
    m.write_budget(0);
    auto [r, w] = io::split(m);
    auto in = pf::spawn(io::framed_read<io::read_half<mock_io>, io::lines_codec>(std::move(r)));
    auto out = pf::spawn(io::framed_write<io::write_half<mock_io>, io::lines_codec>(std::move(w)));

    BOOST_TEST(in.poll_stream_notify(reader_task, 1).is_not_ready());
    BOOST_TEST(out.start_send_notify(std::string("reply"), writer_task, 2).is_accepted());
    BOOST_TEST(out.poll_complete_notify(writer_task, 2).is_not_ready());

    // Each direction wakes only the task that waits on it.
    m.feed("request\n");
    BOOST_TEST(reader_task->take() == 1);
    BOOST_TEST(reader_task->last_id() == 1u);
    BOOST_TEST(writer_task->count() == 0);
    auto got = in.poll_stream_notify(reader_task, 1);
    BOOST_TEST_REQUIRE(got.is_ready());
    BOOST_TEST(*got.value() == "request");

    m.allow_write(100);
    BOOST_TEST(writer_task->take() == 1);
    BOOST_TEST(writer_task->last_id() == 2u);
    BOOST_TEST(reader_task->count() == 0);
    BOOST_TEST(out.poll_complete_notify(writer_task, 2).is_ready());
    BOOST_TEST(m.written() == "reply\n");
}

BOOST_AUTO_TEST_CASE(unsplit_joins_the_halves)
{
    mock_io m;
    m.read("x");
    auto [r, w] = io::split(m);
    mock_io back = io::unsplit(std::move(r), std::move(w));
    BOOST_TEST(!back.read_script_done());

    auto [r1, w1] = io::split(mock_io());
    auto [r2, w2] = io::split(mock_io());
    BOOST_TEST(!r1.is_pair_of(w2));
    BOOST_CHECK_THROW(io::unsplit(std::move(r1), std::move(w2)), std::invalid_argument);
}

#if PROTOKIT_TEST_FORKED_CHILDREN

#ifdef NDEBUG
constexpr bool debug_build = false;
#else
constexpr bool debug_build = true;
#endif

BOOST_AUTO_TEST_CASE(halves_polled_on_two_threads_are_caught_in_debug_builds)
{
    auto out = protokit::test::run_in_child([] {
        mock_io m;
        m.read("in");
        auto [r, w] = io::split(m);
        auto n = make_counting_notify();
        {
            pf::task t(n, 0);
            pf::task_scope scope(t);
            std::array<char, 4> buf{};
            static_cast<void>(r.poll_read(buf));
        }
        std::thread other([&w, &n] {
            pf::task t(n, 0);
            pf::task_scope scope(t);
            static_cast<void>(w.poll_write(std::string_view("out")));
        });
        other.join();
    });
    if (debug_build) {
        BOOST_TEST(out.aborted);
        BOOST_TEST(out.stderr_text.find("io::write_half") != std::string::npos, out.stderr_text);
    } else {
        BOOST_TEST(!out.aborted);
        BOOST_TEST(out.exit_code == 0);
    }
}

BOOST_AUTO_TEST_CASE(halves_polled_on_the_thread_of_the_first_poll_are_fine)
{
    auto out = protokit::test::run_in_child([] {
        mock_io m;
        m.read("in");
        auto [r, w] = io::split(m);
        std::thread other([&] {
            auto n = make_counting_notify();
            pf::task t(n, 0);
            pf::task_scope scope(t);
            std::array<char, 4> buf{};
            static_cast<void>(r.poll_read(buf));
            static_cast<void>(w.poll_write(std::string_view("out")));
        });
        other.join();
    });
    BOOST_TEST(!out.aborted, out.stderr_text);
    BOOST_TEST(out.exit_code == 0);
}

#endif // PROTOKIT_TEST_FORKED_CHILDREN

BOOST_AUTO_TEST_SUITE_END()

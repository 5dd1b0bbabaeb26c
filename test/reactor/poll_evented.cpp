// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/poll_evented.hpp>

#include <protokit/io/io.hpp>
#include <protokit/reactor/core.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_reactor.hpp"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace pf = protokit::future;
namespace pr = protokit::reactor;
namespace pt = protokit::test;

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(reactor_poll_evented)

using descriptor = boost::asio::posix::stream_descriptor;

static_assert(protokit::io::Io<pr::poll_evented<descriptor>>);
static_assert(protokit::io::Io<pr::poll_evented<boost::asio::ip::tcp::socket>>);

/// The two ends of a pipe, as descriptors of `h`'s io_context.
std::pair<descriptor, descriptor> make_pipe(pr::handle const& h)
{
    int fds[2];
    BOOST_TEST_REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    return {descriptor(h.io_context(), fds[0]), descriptor(h.io_context(), fds[1])};
}

BOOST_AUTO_TEST_CASE(a_pipe_is_read_when_it_becomes_readable_and_its_task_is_woken_once)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [in, out] = make_pipe(h);
    auto reader = pr::poll_evented<descriptor>::create(h, std::move(in)).value();
    auto writer = pr::poll_evented<descriptor>::create(h, std::move(out)).value();

    auto n = pt::make_counting_notify();
    char buf[16];
    auto poll_read = [&] {
        pf::task t(n, 1);
        pf::task_scope scope(t);
        return reader.poll_read(buf);
    };
    BOOST_TEST(poll_read().is_not_ready());
    // The wait is armed: a poll before the wake-up makes no system call and stays not ready.
    BOOST_TEST(poll_read().is_not_ready());
    c.turn(0s);
    BOOST_TEST(n->count() == 0);

    {
        pf::task t(n, 2);
        pf::task_scope scope(t);
        BOOST_TEST(writer.poll_write_ready().is_ready());
        BOOST_TEST(writer.poll_write(std::string_view("pipe")).value() == 4u);
    }
    for (int i = 0; i < 100 && n->count() == 0; ++i)
        c.turn(100ms);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 1u);
    auto r = poll_read();
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(std::string(buf, r.value()) == "pipe");

    // Closing the writing end is the end of the stream.
    std::move(writer).into_inner().close();
    BOOST_TEST(poll_read().value() == 0u);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(need_read_and_poll_read_ready_drive_code_that_reads_by_itself)
{
    pr::core c;
    pr::handle h = c.get_handle();
    auto [in, out] = make_pipe(h);
    auto reader = pr::poll_evented<descriptor>::create(h, std::move(in)).value();
    int fd_out = out.native_handle();

    auto n = pt::make_counting_notify();
    pf::task t(n, 3);
    {
        pf::task_scope scope(t);
        BOOST_TEST(reader.poll_read_ready().is_ready()); // nothing known yet: try
        reader.need_read();                              // the read would have blocked
        BOOST_TEST(reader.poll_read_ready().is_not_ready());
    }
    BOOST_TEST(::write(fd_out, "x", 1) == 1);
    for (int i = 0; i < 100 && n->count() == 0; ++i)
        c.turn(100ms);
    BOOST_TEST(n->take() == 1);
    pf::task_scope scope(t);
    BOOST_TEST(reader.poll_read_ready().is_ready());
    char x = 0;
    BOOST_TEST(::read(reader.get_mut().native_handle(), &x, 1) == 1);
    BOOST_TEST(x == 'x');
}

BOOST_AUTO_TEST_SUITE_END()

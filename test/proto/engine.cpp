// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/engine.hpp>

#include <protokit/future/future.hpp>
#include <protokit/future/ok.hpp>

#include "../support/mock_notify.hpp"
#include "../support/mock_transport.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <vector>

// The engine driven by a Dispatch of the test's own (tokio-proto's
// `advanced` use): a protocol with rules of its own needs nothing else.

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(proto_engine)

namespace {

using transport = pt::mock_transport<std::string, std::string>;

/// Answers each line reversed, at most two answers waiting; "bye" is the last line it reads.
struct reverse_dispatch {
    using in_frame = std::string;
    using out_frame = std::string;

    struct log {
        int written = 0;
        int polls = 0;
        std::optional<pf::error_code> ended;
    };

    log* seen;
    std::deque<std::string> out;
    bool bye = false;

    void begin_poll() { ++seen->polls; }
    void end_poll() {}

    pf::poll_result<std::string> poll_write()
    {
        if (out.empty())
            return pf::not_ready; // woken by the next line read: the engine goes round again
        auto s = std::move(out.front());
        out.pop_front();
        return pf::ready(std::move(s));
    }
    void refused(std::string&& s) { out.push_front(std::move(s)); }
    void written() { ++seen->written; }

    bool reading() const { return !bye; }
    pf::poll_result<pf::unit> poll_read() const
    {
        if (out.size() >= 2)
            return pf::not_ready; // woken by the transport taking what waits
        return pf::ready();
    }
    pf::error_code read(std::string&& line)
    {
        if (line == "bye")
            bye = true;
        std::reverse(line.begin(), line.end());
        out.push_back(std::move(line));
        return {};
    }
    static bool read_ended(pf::error_code const&) { return true; }
    bool done(bool reading) const { return !reading && out.empty(); }
    void end(pf::error_code const& ec) { seen->ended = ec; }
};

static_assert(protokit::proto::Dispatch<reverse_dispatch>);

auto start(transport t, reverse_dispatch::log& log, std::size_t budget = 128)
{
    return pf::spawn(protokit::proto::connection_engine<pf::ready_future<transport, pf::error_code>,
                                                        reverse_dispatch>(
        pf::ready_future<transport, pf::error_code>(pf::ready(std::move(t))),
        reverse_dispatch{&log, {}, false}, budget));
}

} // namespace

BOOST_AUTO_TEST_CASE(a_dispatch_of_its_own_drives_a_connection_to_its_end)
{
    transport t;
    auto ctl = t.get_control();
    reverse_dispatch::log log;
    auto conn = start(t, log);
    auto n = pt::make_counting_notify();
    ctl.send("abc");
    ctl.send("bye");
    ctl.send("never read");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_ready());
    BOOST_TEST(ctl.written() == (std::vector<std::string>{"cba", "eyb"}));
    BOOST_TEST(ctl.closed());
    BOOST_TEST(ctl.unread() == 1u);
    BOOST_TEST(log.written == 2);
    BOOST_REQUIRE(log.ended);
    BOOST_TEST(!*log.ended);
}

BOOST_AUTO_TEST_CASE(reading_waits_while_the_dispatch_cannot_take_more_and_refused_frames_go_first)
{
    transport t;
    auto ctl = t.get_control();
    reverse_dispatch::log log;
    auto conn = start(t, log);
    auto n = pt::make_counting_notify();
    ctl.set_writable(false);
    for (auto s : {"1a", "2b", "3c", "4d"})
        ctl.send(s);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.unread() == 2u); // two answers wait: the dispatch takes no more
    ctl.set_writable(true);
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<std::string>{"a1", "b2", "c3", "d4"}));
    BOOST_TEST(ctl.unread() == 0u);
}

BOOST_AUTO_TEST_CASE(after_its_budget_the_engine_yields_and_comes_back)
{
    transport t;
    auto ctl = t.get_control();
    reverse_dispatch::log log;
    auto conn = start(t, log, 1);
    auto n = pt::make_counting_notify();
    ctl.send("x");
    ctl.send("y");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.unread() == 1u);
    BOOST_TEST(n->take() == 1); // it notified itself
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<std::string>{"x", "y"}));
}

BOOST_AUTO_TEST_CASE(a_transport_with_no_frame_is_asked_once_a_poll_and_again_when_it_wakes)
{
    // A transport that said it has no frame registered the task: asking it
    // again in the same poll (after writing the answers) would cost a read
    // that cannot succeed.
    transport t;
    auto ctl = t.get_control();
    reverse_dispatch::log log;
    auto conn = start(t, log);
    auto n = pt::make_counting_notify();
    ctl.send("ab");
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<std::string>{"ba"}));
    BOOST_TEST(ctl.reads() == 2u); // the frame, then the one not-ready
    BOOST_TEST(n->take() == 0);
    // A frame wakes the task; its poll reads it, and asks once more.
    ctl.send("cd");
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(ctl.written() == (std::vector<std::string>{"ba", "dc"}));
    BOOST_TEST(ctl.reads() == 4u);
}

BOOST_AUTO_TEST_CASE(a_write_error_ends_the_connection_and_the_dispatch_hears_of_it)
{
    transport t;
    auto ctl = t.get_control();
    reverse_dispatch::log log;
    auto conn = start(t, log);
    auto n = pt::make_counting_notify();
    pf::error_code const broken(EPIPE, boost::system::generic_category());
    ctl.fail_writes(broken);
    ctl.send("doomed");
    auto r = conn.poll_future_notify(n, 0);
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == broken);
    BOOST_REQUIRE(log.ended);
    BOOST_TEST(*log.ended == broken);
}

BOOST_AUTO_TEST_CASE(a_connection_dropped_before_its_end_tells_the_dispatch)
{
    transport t;
    reverse_dispatch::log log;
    {
        auto conn = start(t, log);
        auto n = pt::make_counting_notify();
        BOOST_TEST(conn.poll_future_notify(n, 0).is_not_ready());
    }
    BOOST_REQUIRE(log.ended);
    BOOST_TEST(*log.ended == protokit::error::connection_closed);
}

BOOST_AUTO_TEST_SUITE_END()

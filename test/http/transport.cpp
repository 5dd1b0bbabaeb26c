// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/http/transport.hpp>

#include <protokit/future/executor.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

// The HTTP transport over a scripted Io: requests read one byte at a time,
// the stream's end once the codec reads no more, a 100 Continue written as
// the body is asked for, and the answer to a bad request written at close,
// then the peer's leftovers read and dropped until it closes.

namespace ph = protokit::http;
namespace pf = protokit::future;
namespace pio = protokit::io;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(http_transport)

namespace {

using server_transport = ph::transport<mock_io, ph::server_codec>;
using notify_ptr = boost::intrusive_ptr<protokit::test::counting_notify>;

/// What came out of the stream until it was not ready, ended or failed.
struct polled {
    std::vector<std::string> events;
    bool ended = false;
    pf::error_code error;
};

polled poll_all(pf::spawned<server_transport>& t, notify_ptr const& n)
{
    polled out;
    for (int i = 0; i < 100000; ++i) {
        auto r = t.poll_stream_notify(n, 0);
        if (r.is_not_ready())
            return out;
        if (r.is_error()) {
            out.error = r.error();
            return out;
        }
        if (!r.value()) {
            out.ended = true;
            return out;
        }
        auto& f = *r.value();
        switch (f.type()) {
        case ph::request_frame::kind::message:
            out.events.push_back(std::string(f.head().target()));
            break;
        case ph::request_frame::kind::chunk:
            out.events.push_back("chunk " + std::string(f.chunk().view()));
            break;
        case ph::request_frame::kind::end_of_body: out.events.emplace_back("end"); break;
        case ph::request_frame::kind::error: out.events.emplace_back("error"); break;
        }
    }
    BOOST_FAIL("the stream never stopped");
    return out;
}

ph::response_head ok_head()
{
    ph::response_head h;
    h.result(ph::status::ok);
    h.version(11);
    return h;
}

} // namespace

BOOST_AUTO_TEST_CASE(pipelined_requests_read_one_byte_at_a_time_are_answered_in_order)
{
    mock_io io;
    io.max_read_size(1).read("GET /a HTTP/1.1\r\n\r\n"
                             "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "2\r\nhi\r\n0\r\n\r\n");
    auto t = pf::spawn(server_transport(io, ph::server_codec()));
    auto n = protokit::test::make_counting_notify();
    auto got = poll_all(t, n);
    std::vector<std::string> const expected{"/a", "/b", "chunk h", "chunk i", "end"};
    BOOST_TEST(got.events == expected, boost::test_tools::per_element());
    BOOST_TEST(!got.ended);
    BOOST_TEST(io.reader_registered());

    BOOST_TEST(
        t.start_send_notify(ph::response_frame::message(ok_head(), false), n, 0).is_accepted());
    BOOST_TEST(
        t.start_send_notify(ph::response_frame::message(ok_head(), true), n, 0).is_accepted());
    BOOST_TEST(
        t.start_send_notify(ph::response_frame::chunk(pio::bytes("ok")), n, 0).is_accepted());
    BOOST_TEST(t.start_send_notify(ph::response_frame::end_of_body(), n, 0).is_accepted());
    BOOST_TEST(t.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(io.written() == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                               "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "2\r\nok\r\n0\r\n\r\n");
}

BOOST_AUTO_TEST_CASE(the_stream_ends_after_a_request_that_closes_the_connection)
{
    mock_io io;
    io.read("GET /a HTTP/1.1\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
    auto t = pf::spawn(server_transport(io, ph::server_codec()));
    auto n = protokit::test::make_counting_notify();
    auto got = poll_all(t, n);
    BOOST_TEST(got.events == std::vector<std::string>{"/a"}, boost::test_tools::per_element());
    BOOST_TEST(got.ended);
}

BOOST_AUTO_TEST_CASE(a_100_continue_goes_out_when_the_body_is_asked_for)
{
    mock_io io;
    io.read("PUT /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
    auto t = pf::spawn(server_transport(io, ph::server_codec()));
    auto n = protokit::test::make_counting_notify();
    auto r = t.poll_stream_notify(n, 0); // the head: nothing is owed until the body is wanted
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(io.written().empty());
    auto got = poll_all(t, n);
    BOOST_TEST(got.events.empty());
    BOOST_TEST(io.written() == "HTTP/1.1 100 Continue\r\n\r\n");

    // A socket that takes the interim answer late: it goes out on a later poll.
    mock_io slow;
    slow.read("PUT /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
    slow.write_budget(0);
    auto s = pf::spawn(server_transport(slow, ph::server_codec()));
    BOOST_TEST_REQUIRE(s.poll_stream_notify(n, 0).is_ready());
    BOOST_TEST(s.poll_stream_notify(n, 0).is_not_ready());
    BOOST_TEST(slow.written().empty());
    BOOST_TEST(slow.writer_registered());
    slow.allow_write(1000);
    slow.feed("abc");
    auto rest = poll_all(s, n);
    BOOST_TEST(slow.written() == "HTTP/1.1 100 Continue\r\n\r\n");
    std::vector<std::string> const expected{"chunk abc", "end"};
    BOOST_TEST(rest.events == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(close_answers_a_bad_request_then_drops_what_the_peer_sends_until_it_closes)
{
    mock_io io;
    io.read("GET / HTTP/1.1\r\nNo colon here\r\n\r\nmore garbage").read_would_block();
    auto t = pf::spawn(server_transport(io, ph::server_codec()));
    auto n = protokit::test::make_counting_notify();
    auto got = poll_all(t, n);
    BOOST_TEST(got.error);
    auto c = t.close_notify(n, 0);
    BOOST_TEST(c.is_not_ready()); // waits for the peer to close
    BOOST_TEST(io.is_shut_down());
    BOOST_TEST(io.written() ==
               "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n"
               "Connection: close\r\n\r\nBad Request");
    io.read("still talking").read_eof();
    io.wake_reader();
    BOOST_TEST(t.close_notify(n, 0).is_ready());
}

BOOST_AUTO_TEST_CASE(a_clean_close_writes_nothing_more_and_does_not_wait)
{
    mock_io io;
    io.read("GET / HTTP/1.1\r\n\r\n");
    auto t = pf::spawn(server_transport(io, ph::server_codec()));
    auto n = protokit::test::make_counting_notify();
    poll_all(t, n);
    BOOST_TEST(
        t.start_send_notify(ph::response_frame::message(ok_head(), false), n, 0).is_accepted());
    BOOST_TEST(t.close_notify(n, 0).is_ready());
    BOOST_TEST(io.written() == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST(io.is_shut_down());
}

BOOST_AUTO_TEST_SUITE_END()

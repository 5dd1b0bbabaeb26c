// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/tcp_server.hpp>

#include <protokit/future/ok.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/lines_codec.hpp>
#include <protokit/service/service_fn.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

// tcp_server's PROXY protocol, draining and SO_REUSEPORT, over real loopback
// sockets: what the hooks and the service see, what follows the header, and
// what becomes of connections without a good header.

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(proto_tcp_server_proxy)

namespace {

namespace ppm = protokit::proto::proxy;
using tcp_px = boost::asio::ip::tcp;

/// Pipelined lines, up to 64 bytes each.
struct px_line_proto : protokit::pipeline::server_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    auto bind_transport(Io io) const
    {
        return protokit::io::framed<Io, protokit::io::lines_codec>(std::move(io),
                                                                   protokit::io::lines_codec(64));
    }
};

std::string text(tcp_px::endpoint const& ep)
{
    std::ostringstream s;
    s << ep;
    return s.str();
}

/** A server on its own thread: "who" answers "PEER LOCAL PROXIED" as the service was told
    them; any other line comes back upper-cased. Shut down and joined at the end.
*/
struct px_server {
    protokit::tcp_server<px_line_proto> server;
    protokit::server_handle handle;
    tcp_px::endpoint endpoint;
    std::thread thread;
    std::atomic<bool> stopped{false};
    std::mutex mutex;
    std::vector<std::string> errors;
    std::vector<std::string> peers;

    explicit px_server(std::function<void(protokit::tcp_server<px_line_proto>&)> configure,
                       tcp_px::endpoint at = {boost::asio::ip::make_address("127.0.0.1"), 0})
        : server(px_line_proto{}, at),
          handle(server.handle_signals(false).shutdown_grace(2s).get_handle())
    {
        server.on_error([this](boost::system::error_code const& ec, std::string_view what) {
            std::lock_guard lock(mutex);
            errors.push_back(std::string(what) + ": " + ec.message());
        });
        server.on_connection([this](tcp_px::endpoint const& peer) {
            std::lock_guard lock(mutex);
            peers.push_back(text(peer));
            return true;
        });
        if (configure)
            configure(server);
        thread = std::thread([this] {
            (void)server.serve([](protokit::proto::connection_info const& info) {
                std::string who = text(info.peer) + " " + text(info.local) + " " +
                                  (info.proxied ? "proxied" : "direct");
                return protokit::service::service_fn([who](std::string s) {
                    if (s == "who")
                        return protokit::future::ok(who);
                    for (auto& c : s)
                        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                    return protokit::future::ok(std::move(s));
                });
            });
            stopped = true;
        });
        if (handle.wait_listening(endpoint)) {
            thread.join();
            BOOST_FAIL("the server did not listen");
        }
    }

    ~px_server()
    {
        handle.shutdown();
        thread.join();
    }

    std::vector<std::string> error_log()
    {
        std::lock_guard lock(mutex);
        return errors;
    }

    std::vector<std::string> peer_log()
    {
        std::lock_guard lock(mutex);
        return peers;
    }
};

/// Waits (bounded) until `pred()` holds; whether it did.
template <class P>
bool px_eventually(P pred, std::chrono::steady_clock::duration limit = 5s)
{
    auto const end = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

/// A blocking client socket whose reads give up after 5 s.
struct px_client {
    boost::asio::io_context io;
    tcp_px::socket socket{io};

    explicit px_client(tcp_px::endpoint const& ep)
    {
        socket.connect(ep);
        timeval tv{5, 0};
        ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }

    void send(std::string const& bytes) { boost::asio::write(socket, boost::asio::buffer(bytes)); }

    /// One line (without its newline), or "<closed>" / "<error: ...>".
    std::string line()
    {
        std::string out;
        char c = 0;
        for (;;) {
            boost::system::error_code ec;
            std::size_t n = socket.read_some(boost::asio::buffer(&c, 1), ec);
            if (ec == boost::asio::error::eof)
                return "<closed>";
            if (ec)
                return "<error: " + ec.message() + ">";
            if (n == 1 && c == '\n')
                return out;
            out += c;
        }
    }
};

std::string v2_header_v4(std::string const& tlvs = {})
{
    // PROXY, TCP over IPv4: 203.0.113.9:4242 -> 127.0.0.1:80.
    std::string h("\r\n\r\n\0\r\nQUIT\n\x21\x11", 14);
    std::size_t const len = 12 + tlvs.size();
    h += static_cast<char>(len >> 8);
    h += static_cast<char>(len & 0xff);
    h += std::string("\xcb\x00\x71\x09\x7f\x00\x00\x01\x10\x92\x00\x50", 12);
    return h + tlvs;
}

/// The server closed the connection: end of stream, or a reset if it left bytes unread.
bool closed(std::string const& line)
{
    return line == "<closed>" || line == "<error: Connection reset by peer>";
}

bool logged(std::vector<std::string> const& log, std::string const& part)
{
    for (auto const& l : log)
        if (l.find(part) != std::string::npos)
            return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_CASE(v1_header_and_first_request_in_one_write)
{
    px_server s([](auto& server) { server.proxy_protocol(ppm::mode::required); });
    px_client c(s.endpoint);
    // The header, the first request and part of the second arrive in one segment.
    c.send("PROXY TCP4 203.0.113.9 127.0.0.1 4242 80\r\nwho\nhello\nwor");
    BOOST_TEST(c.line() == "203.0.113.9:4242 127.0.0.1:80 proxied");
    BOOST_TEST(c.line() == "HELLO");
    c.send("ld\n");
    BOOST_TEST(c.line() == "WORLD");
    BOOST_TEST(logged(s.peer_log(), "203.0.113.9:4242"));
    BOOST_TEST(!logged(s.peer_log(), "127.0.0.1:"));
}

BOOST_AUTO_TEST_CASE(v2_header_with_tlvs_byte_by_byte)
{
    px_server s([](auto& server) { server.proxy_protocol(ppm::mode::required); });
    px_client c(s.endpoint);
    std::string const all = v2_header_v4(std::string("\x04\x00\x05hello", 8)) + "who\n";
    for (char ch : all) {
        c.send(std::string(1, ch));
        std::this_thread::sleep_for(1ms);
    }
    BOOST_TEST(c.line() == "203.0.113.9:4242 127.0.0.1:80 proxied");
}

BOOST_AUTO_TEST_CASE(v2_ipv6_and_a_long_tlv_block)
{
    px_server s([](auto& server) { server.proxy_protocol(ppm::mode::required); });
    px_client c(s.endpoint);
    std::string h("\r\n\r\n\0\r\nQUIT\n\x21\x21", 14);
    std::string addresses(36, '\0');
    addresses[0] = '\x20', addresses[1] = '\x01', addresses[2] = '\x0d', addresses[3] = '\xb8';
    addresses[15] = '\x07';
    addresses[31] = '\x01';
    addresses[32] = '\x01', addresses[33] = '\x02', addresses[35] = '\x50';
    std::string const tlv = "\x04" + std::string("\x0f\xa0", 2) + std::string(4000, 'n');
    std::size_t const len = addresses.size() + tlv.size();
    h += static_cast<char>(len >> 8);
    h += static_cast<char>(len & 0xff);
    c.send(h + addresses + tlv + "who\nabc\n");
    BOOST_TEST(c.line() == "[2001:db8::7]:258 [::1]:80 proxied");
    BOOST_TEST(c.line() == "ABC");
}

BOOST_AUTO_TEST_CASE(local_command_and_unknown_keep_the_socket_address)
{
    px_server s([](auto& server) { server.proxy_protocol(ppm::mode::required); });
    px_client c(s.endpoint);
    c.send(std::string("\r\n\r\n\0\r\nQUIT\n\x20\x00\x00\x00", 16) + "who\n");
    auto const local = c.socket.local_endpoint();
    BOOST_TEST(c.line() == text(local) + " " + text(s.endpoint) + " direct");
    px_client u(s.endpoint);
    u.send("PROXY UNKNOWN\r\nwho\n");
    BOOST_TEST(u.line() == text(u.socket.local_endpoint()) + " " + text(s.endpoint) + " direct");
}

BOOST_AUTO_TEST_CASE(missing_or_malformed_header_closes_that_connection_only)
{
    px_server s([](auto& server) { server.proxy_protocol(ppm::mode::required); });
    px_client good(s.endpoint);
    good.send("PROXY TCP4 203.0.113.9 127.0.0.1 4242 80\r\n");

    px_client missing(s.endpoint);
    missing.send("hello\n");
    BOOST_TEST(closed(missing.line()));

    for (std::string bad : {std::string("PROXY TCP4 1.2.3.4 5.6.7.8 1 99999\r\nhello\n"),
                            std::string("PROXY ") + std::string(300, 'x'),
                            std::string("\r\n\r\n\0\r\nQUIT\n\x21\x11\x00\x04", 16) + "abcd",
                            std::string("\r\n\r\n\0\r\nQUIT\n\x13\x11\x00\x0c", 16)}) {
        px_client c(s.endpoint);
        c.send(bad);
        BOOST_TEST(closed(c.line()));
    }
    good.send("still here\n");
    BOOST_TEST(good.line() == "STILL HERE");
    BOOST_TEST(px_eventually([&] { return s.error_log().size() >= 5; }));
    auto const errors = s.error_log();
    BOOST_TEST(logged(errors, "no PROXY protocol header"));
    BOOST_TEST(logged(errors, "version 1: invalid port"));
    BOOST_TEST(logged(errors, "no CRLF within 107 bytes"));
    BOOST_TEST(logged(errors, "missing or invalid PROXY protocol header"));
    BOOST_TEST(px_eventually([&] { return s.handle.open_connections() == 1; }));
}

BOOST_AUTO_TEST_CASE(connect_check_is_not_an_error_but_eof_mid_header_is)
{
    px_server s([](auto& server) { server.proxy_protocol(ppm::mode::required); });
    {
        px_client check(s.endpoint); // a balancer's connect check: connect, close
    }
    BOOST_TEST(px_eventually([&] { return s.handle.open_connections() == 0; }));
    {
        px_client cut(s.endpoint);
        cut.send("PROXY TCP4 203.0");
    }
    BOOST_TEST(px_eventually([&] { return !s.error_log().empty(); }));
    auto const errors = s.error_log();
    BOOST_TEST(errors.size() == 1u);
    BOOST_TEST(logged(errors, "in the PROXY protocol header"));
}

BOOST_AUTO_TEST_CASE(stalled_header_is_dropped_by_the_idle_timeout)
{
    px_server s(
        [](auto& server) { server.proxy_protocol(ppm::mode::required).idle_timeout(200ms); });
    px_client c(s.endpoint);
    c.send("PROXY TCP4 203.0.113.9 ");
    auto const start = std::chrono::steady_clock::now();
    BOOST_TEST(c.line() == "<closed>");
    BOOST_TEST((std::chrono::steady_clock::now() - start < 3s));
    BOOST_TEST(logged(s.error_log(), "waiting for the PROXY header: timed out"));
    BOOST_TEST(px_eventually([&] { return s.handle.open_connections() == 0; }));
}

BOOST_AUTO_TEST_CASE(optional_mode_takes_either)
{
    px_server s([](auto& server) { server.proxy_protocol(ppm::mode::optional); });
    px_client plain(s.endpoint);
    plain.send("who\nplain\n");
    BOOST_TEST(plain.line() ==
               text(plain.socket.local_endpoint()) + " " + text(s.endpoint) + " direct");
    BOOST_TEST(plain.line() == "PLAIN");
    px_client proxied(s.endpoint);
    proxied.send(v2_header_v4() + "who\n");
    BOOST_TEST(proxied.line() == "203.0.113.9:4242 127.0.0.1:80 proxied");
    // "P" could start a version 1 header; "PUT" cannot, and is served as it is.
    px_client p(s.endpoint);
    p.send("P");
    std::this_thread::sleep_for(20ms);
    p.send("UT\n");
    BOOST_TEST(p.line() == "PUT");
}

BOOST_AUTO_TEST_CASE(off_reads_a_header_as_the_protocol)
{
    px_server s([](auto&) {});
    px_client c(s.endpoint);
    c.send("PROXY TCP4 203.0.113.9 127.0.0.1 4242 80\r\nwho\n");
    BOOST_TEST(c.line() == "PROXY TCP4 203.0.113.9 127.0.0.1 4242 80"); // the codec drops CR
    BOOST_TEST(c.line() == text(c.socket.local_endpoint()) + " " + text(s.endpoint) + " direct");
}

BOOST_AUTO_TEST_CASE(drain_delay_keeps_serving_while_draining)
{
    px_server s([](auto& server) { server.drain_delay(400ms); });
    px_client before(s.endpoint);
    BOOST_TEST(!s.handle.draining());
    s.handle.shutdown();
    BOOST_TEST(s.handle.draining());
    // Still accepting and serving, old connections and new ones.
    px_client during(s.endpoint);
    during.send("new\n");
    BOOST_TEST(during.line() == "NEW");
    before.send("old\n");
    BOOST_TEST(before.line() == "OLD");
    // Then it stops accepting, closes idle connections and returns.
    BOOST_TEST(before.line() == "<closed>");
    BOOST_TEST(px_eventually([&] { return s.stopped.load(); }));
    boost::asio::io_context io;
    tcp_px::socket late(io);
    boost::system::error_code ec;
    late.connect(s.endpoint, ec);
    BOOST_TEST(ec == boost::asio::error::connection_refused);
}

BOOST_AUTO_TEST_CASE(reuse_port_lets_a_second_server_share_the_port)
{
    px_server first([](auto& server) { server.reuse_port(true); });
    {
        // Without the option on both, the port is taken.
        protokit::tcp_server<px_line_proto> plain(px_line_proto{}, first.endpoint);
        auto ec = plain.handle_signals(false).on_error([](auto const&, auto) {}).serve([] {
            return protokit::service::service_fn(
                [](std::string s) { return protokit::future::ok(std::move(s)); });
        });
        BOOST_TEST(ec == boost::asio::error::address_in_use);
    }
    px_server second([](auto& server) { server.reuse_port(true); }, first.endpoint);
    BOOST_TEST(second.endpoint == first.endpoint);
    // The first drains away; the port keeps answering through the second.
    first.handle.shutdown();
    BOOST_TEST(px_eventually([&] { return first.stopped.load(); }));
    px_client c(first.endpoint);
    c.send("after\n");
    BOOST_TEST(c.line() == "AFTER");
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include "../support/child_process.hpp"

#include <boost/asio.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <string>
#include <vector>

// The example programs, run for real on 127.0.0.1 with free ports: the
// servers print "listening on HOST:PORT", serve real clients, survive bad
// input, and stop gracefully on SIGTERM. The test binary is given the
// programs' paths as arguments (by ctest and by b2).

namespace pt = protokit::test;
using boost::asio::ip::tcp;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(examples_examples)

namespace {

/// A server example started on a free port, stopped (SIGTERM) at the end.
struct server {
    pt::child_process process;
    std::string address;

    explicit server(std::string const& name, std::vector<std::string> extra = {})
        : process(pt::program_path(name), with_listen(std::move(extra)))
    {
        auto line = process.wait_for_line("listening on ");
        BOOST_REQUIRE_MESSAGE(line, name << " did not start: " << process.output());
        address = line->substr(std::string("listening on ").size());
    }

    unsigned short port() const
    {
        return static_cast<unsigned short>(std::stoi(address.substr(address.rfind(':') + 1)));
    }

    static std::vector<std::string> with_listen(std::vector<std::string> extra)
    {
        extra.insert(extra.begin(), {"--listen", "127.0.0.1:0"});
        return extra;
    }

    /// SIGTERM, then the exit code.
    std::optional<int> stop()
    {
        process.signal(SIGTERM);
        return process.wait();
    }
};

/** Sends `text` on a fresh connection, half-closes, and reads until the server closes.

    A server that refuses the input may close before it has all been sent:
    the write then fails (broken pipe, reset), and the answer is what came
    back before the close.
*/
std::string exchange(unsigned short port, std::string const& text)
{
    boost::asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    boost::system::error_code ec;
    boost::asio::write(s, boost::asio::buffer(text), ec);
    s.shutdown(tcp::socket::shutdown_send, ec);
    std::string answer;
    boost::asio::read(s, boost::asio::dynamic_buffer(answer), ec);
    return answer;
}

/// A mux_echo frame: 8-byte id and 4-byte length, big-endian, then the payload.
std::string mux_frame(std::uint64_t id, std::string const& payload)
{
    std::string f;
    for (int shift = 56; shift >= 0; shift -= 8)
        f += static_cast<char>((id >> shift) & 0xff);
    auto const n = static_cast<std::uint32_t>(payload.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        f += static_cast<char>((n >> shift) & 0xff);
    return f + payload;
}

/// The big-endian number in `bytes` bytes of `s` from `at`.
std::uint64_t big_endian(std::string const& s, std::size_t at, int bytes)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
    return v;
}

/// Runs `ioc` until `done()` holds, for at most `limit`; whether it held.
template <class P>
bool run_until(boost::asio::io_context& ioc, P done, std::chrono::steady_clock::duration limit)
{
    auto const end = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < end) {
        ioc.restart();
        ioc.run_one_for(end - std::chrono::steady_clock::now());
    }
    return done();
}

} // namespace

BOOST_AUTO_TEST_CASE(doubler_answers_and_survives_bad_input)
{
    server doubler("doubler");
    BOOST_TEST(exchange(doubler.port(), "1\n2\n21\n") == "2\n4\n42\n");
    // Not a number: the answers before it, then the connection closes; the server goes on.
    BOOST_TEST(exchange(doubler.port(), "5\nnot a number\n6\n") == "10\n");
    BOOST_TEST(exchange(doubler.port(), "18446744073709551615\n") == "18446744073709551614\n");
    BOOST_TEST(exchange(doubler.port(), std::string(100000, '7') + "\n").empty());
    BOOST_TEST(exchange(doubler.port(), "3\n") == "6\n");
    BOOST_TEST(doubler.stop().value_or(-1) == 0);
    BOOST_TEST(doubler.process.output().find("invalid frame") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(doubler_client_checks_every_answer)
{
    // The client and the server, each written with combinators and as coroutines.
    for (auto server_style : {"combinators", "coroutine"}) {
        server doubler("doubler", {"--threads", "2", "--style", server_style});
        for (auto client_style : {"combinators", "coroutine"}) {
            for (auto depth : {"1", "16"}) {
                pt::child_process client(pt::program_path("doubler_client"),
                                         {"--connect", doubler.address, "--count", "5000",
                                          "--depth", depth, "--style", client_style});
                BOOST_TEST(client.wait().value_or(-1) == 0, client.output());
                BOOST_TEST(client.output().find("5000 requests, depth " + std::string(depth) +
                                                ", 0 wrong") != std::string::npos,
                           server_style << " server, " << client_style
                                        << " client: " << client.output());
            }
        }
        // A coroutine service fails a bad line's connection like any other: the others go on.
        BOOST_TEST(exchange(doubler.port(), "12\nnot a number\n99\n") == "24\n");
        BOOST_TEST(exchange(doubler.port(), "3\n") == "6\n");
        BOOST_TEST(doubler.stop().value_or(-1) == 0);
    }
}

BOOST_AUTO_TEST_CASE(mux_echo_answers_out_of_order_and_the_client_verifies_them)
{
    server mux("mux_echo", {"--max-delay-ms", "20"});
    {
        // 64 requests in one write; each answer carries its request's id
        // and payload, and they come back in the order their random delays
        // end, not in the order sent.
        constexpr std::uint64_t count = 64;
        boost::asio::io_context ioc;
        tcp::socket s(ioc);
        s.connect({boost::asio::ip::make_address("127.0.0.1"), mux.port()});
        std::string requests;
        std::size_t expected_size = 0;
        for (std::uint64_t id = 0; id < count; ++id) {
            requests += mux_frame(id, "payload " + std::to_string(id));
            expected_size += 12 + ("payload " + std::to_string(id)).size();
        }
        boost::asio::write(s, boost::asio::buffer(requests));
        std::string answers;
        bool read_done = false;
        boost::system::error_code read_error;
        boost::asio::async_read(s, boost::asio::dynamic_buffer(answers),
                                boost::asio::transfer_exactly(expected_size),
                                [&](boost::system::error_code ec, std::size_t) {
                                    read_error = ec;
                                    read_done = true;
                                });
        BOOST_REQUIRE(run_until(
            ioc, [&] { return read_done; }, 10s));
        BOOST_REQUIRE_MESSAGE(!read_error, read_error.message());
        std::vector<std::uint64_t> order;
        std::size_t wrong_payloads = 0;
        for (std::size_t at = 0; at + 12 <= answers.size();) {
            auto const id = big_endian(answers, at, 8);
            auto const length = static_cast<std::size_t>(big_endian(answers, at + 8, 4));
            wrong_payloads += answers.substr(at + 12, length) != "payload " + std::to_string(id);
            order.push_back(id);
            at += 12 + length;
        }
        BOOST_TEST(wrong_payloads == 0u);
        BOOST_REQUIRE(order.size() == count);
        BOOST_TEST(!std::is_sorted(order.begin(), order.end()),
                   "answers came back in request order");
        std::sort(order.begin(), order.end());
        for (std::uint64_t id = 0; id < count; ++id)
            BOOST_TEST(order[id] == id);
    }
    for (auto style : {"combinators", "coroutine"}) {
        pt::child_process client(
            pt::program_path("mux_echo_client"),
            {"--connect", mux.address, "--count", "3000", "--depth", "64", "--style", style});
        BOOST_TEST(client.wait().value_or(-1) == 0, client.output());
        BOOST_TEST(client.output().find("3000 requests, depth 64, 0 mismatched") !=
                       std::string::npos,
                   style << ": " << client.output());
    }
    // A frame announcing 4 GiB is refused without allocating it; the server goes on.
    std::string huge("\0\0\0\0\0\0\0\1\xff\xff\xff\xff", 12);
    BOOST_TEST(exchange(mux.port(), huge + "payload").empty());
    pt::child_process again(pt::program_path("mux_echo_client"),
                            {"--connect", mux.address, "--count", "100"});
    BOOST_TEST(again.wait().value_or(-1) == 0, again.output());
    BOOST_TEST(mux.stop().value_or(-1) == 0);
    BOOST_TEST(mux.process.output().find("frame exceeds the maximum length") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(echo_serves_10000_lines_over_several_connections_at_once)
{
    server echo("echo");
    constexpr std::size_t connections = 8;
    boost::asio::io_context ioc;
    std::vector<tcp::socket> sockets;
    std::vector<std::string> sent(connections);
    std::vector<std::string> answers(connections);
    for (std::size_t c = 0; c < connections; ++c) {
        for (int i = 0; i < 1250; ++i)
            sent[c] += "connection " + std::to_string(c) + " line " + std::to_string(i) + "\n";
        sockets.emplace_back(ioc).connect(
            {boost::asio::ip::make_address("127.0.0.1"), echo.port()});
    }

    // At once: with all eight connections open, each gets its first line
    // back before any of them goes on or closes.
    std::size_t first_lines = 0;
    for (std::size_t c = 0; c < connections; ++c) {
        auto const first = sent[c].substr(0, sent[c].find('\n') + 1);
        boost::asio::write(sockets[c], boost::asio::buffer(first));
        boost::asio::async_read_until(
            sockets[c], boost::asio::dynamic_buffer(answers[c]), '\n',
            [&](boost::system::error_code ec, std::size_t) { first_lines += !ec; });
    }
    BOOST_REQUIRE(run_until(
        ioc, [&] { return first_lines == connections; }, 10s));
    for (std::size_t c = 0; c < connections; ++c)
        BOOST_TEST(answers[c] == sent[c].substr(0, answers[c].size()));

    // Then the rest on every connection together, each half-closed once sent.
    std::size_t finished = 0;
    for (std::size_t c = 0; c < connections; ++c) {
        auto const rest = boost::asio::buffer(sent[c]) + answers[c].size();
        boost::asio::async_write(sockets[c], rest,
                                 [&, c](boost::system::error_code ec, std::size_t) {
                                     if (!ec)
                                         sockets[c].shutdown(tcp::socket::shutdown_send, ec);
                                 });
        boost::asio::async_read(sockets[c], boost::asio::dynamic_buffer(answers[c]),
                                [&](boost::system::error_code, std::size_t) { ++finished; });
    }
    BOOST_REQUIRE(run_until(
        ioc, [&] { return finished == connections; }, 60s));
    for (std::size_t c = 0; c < connections; ++c)
        BOOST_TEST(answers[c] == sent[c]);
    BOOST_TEST(echo.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

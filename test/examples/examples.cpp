#include "../support/child_process.hpp"

#include <boost/asio.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>
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

    unsigned short port() const { return static_cast<unsigned short>(std::stoi(address.substr(address.rfind(':') + 1))); }

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
    server doubler("doubler", {"--threads", "2"});
    for (auto depth : {"1", "16"}) {
        pt::child_process client(pt::program_path("doubler_client"),
                                 {"--connect", doubler.address, "--count", "5000", "--depth", depth});
        BOOST_TEST(client.wait().value_or(-1) == 0, client.output());
        BOOST_TEST(client.output().find(" 0 wrong") != std::string::npos, client.output());
    }
    BOOST_TEST(doubler.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(mux_echo_answers_out_of_order_and_the_client_verifies_them)
{
    server mux("mux_echo", {"--max-delay-ms", "5"});
    pt::child_process client(pt::program_path("mux_echo_client"),
                             {"--connect", mux.address, "--count", "3000", "--depth", "64"});
    BOOST_TEST(client.wait().value_or(-1) == 0, client.output());
    BOOST_TEST(client.output().find(" 0 mismatched") != std::string::npos, client.output());
    // A frame announcing 4 GiB is refused without allocating it; the server goes on.
    std::string huge("\0\0\0\0\0\0\0\1\xff\xff\xff\xff", 12);
    BOOST_TEST(exchange(mux.port(), huge + "payload").empty());
    pt::child_process again(pt::program_path("mux_echo_client"), {"--connect", mux.address, "--count", "100"});
    BOOST_TEST(again.wait().value_or(-1) == 0, again.output());
    BOOST_TEST(mux.stop().value_or(-1) == 0);
    BOOST_TEST(mux.process.output().find("frame exceeds the maximum length") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(echo_serves_10000_lines_over_several_connections_at_once)
{
    server echo("echo");
    std::vector<std::thread> clients;
    std::vector<std::string> answers(8);
    std::vector<std::string> sent(8);
    for (std::size_t c = 0; c < sent.size(); ++c) {
        for (int i = 0; i < 1250; ++i)
            sent[c] += "connection " + std::to_string(c) + " line " + std::to_string(i) + "\n";
        clients.emplace_back([&, c] { answers[c] = exchange(echo.port(), sent[c]); });
    }
    for (auto& t : clients)
        t.join();
    for (std::size_t c = 0; c < sent.size(); ++c)
        BOOST_TEST(answers[c] == sent[c]);
    BOOST_TEST(echo.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include "../support/child_process.hpp"
#include "../support/tls_cert.hpp"

#include <boost/asio.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <vector>

// The doubler over TLS (--tls-cert, --tls-key) with a certificate the
// openssl program makes for the test: OpenSSL's own client and
// doubler_client --tls talk to it; a plain-text client is closed and the
// server goes on. The programs' paths come from ctest and b2.

namespace pt = protokit::test;
using boost::asio::ip::tcp;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(examples_tls)

namespace {

/// The doubler over TLS on a free port, stopped (SIGTERM) by `stop` or at the end.
struct tls_doubler {
    pt::tls_cert cert;
    std::optional<pt::child_process> process;
    std::string address;

    tls_doubler()
    {
        process.emplace(pt::program_path("doubler"),
                        std::vector<std::string>{"--listen", "127.0.0.1:0", "--tls-cert",
                                                 cert.cert.string(), "--tls-key",
                                                 cert.key.string()});
        auto line = process->wait_for_line("listening on ");
        BOOST_REQUIRE_MESSAGE(line, "doubler did not start: " << process->output());
        address = line->substr(std::string("listening on ").size());
    }

    std::string port() const { return address.substr(address.rfind(':') + 1); }

    /// SIGTERM, then the exit code.
    std::optional<int> stop()
    {
        process->signal(SIGTERM);
        return process->wait();
    }
};

/// True if a process exited, with status 0.
bool exited_ok(std::optional<int> status)
{
    return status == std::optional<int>(0);
}

/// Runs doubler_client over TLS against `server`, trusting its certificate: its exit code.
std::optional<int> run_client(tls_doubler& server, std::vector<std::string> extra,
                              std::string* output = nullptr)
{
    std::vector<std::string> args{"--connect", server.address, "--tls", "--count", "5000"};
    args.insert(args.end(), extra.begin(), extra.end());
    pt::child_process client(pt::program_path("doubler_client"), args);
    while (client.read_line()) {
    }
    if (output != nullptr)
        *output = client.output();
    auto status = client.wait();
    BOOST_TEST_MESSAGE("doubler_client: " << client.output());
    return status;
}

} // namespace

BOOST_AUTO_TEST_CASE(openssl_s_client_gets_doubled_numbers)
{
    tls_doubler server;
    pt::child_process client(pt::openssl_path(),
                             {"s_client", "-connect", "127.0.0.1:" + server.port(), "-quiet",
                              "-CAfile", server.cert.cert.string(), "-verify_return_error",
                              "-servername", "localhost"},
                             true);
    BOOST_TEST_REQUIRE(client.write_input("21\n100\n18446744073709551615\n"));
    // s_client prints what it verified among the answers: the answers come in order all the same.
    std::vector<std::string> const expected{"42", "200", "18446744073709551614"};
    std::size_t matched = 0;
    auto const end = std::chrono::steady_clock::now() + 20s;
    while (matched < expected.size() && std::chrono::steady_clock::now() < end) {
        auto line = client.read_line(10s);
        if (!line)
            break;
        if (*line == expected[matched])
            ++matched;
    }
    BOOST_TEST(matched == expected.size(), "s_client said: " << client.output());
    client.close_input();
    // A graceful shutdown closes the connection, which ends s_client.
    BOOST_TEST(exited_ok(server.stop()));
    BOOST_TEST(client.wait().has_value());
}

BOOST_AUTO_TEST_CASE(doubler_client_over_tls_checks_every_answer)
{
    tls_doubler server;
    std::string output;
    BOOST_TEST(exited_ok(run_client(server, {"--tls-ca", server.cert.cert.string()}, &output)));
    BOOST_TEST(output.find("5000 requests, depth 16, 0 wrong") != std::string::npos, output);
    BOOST_TEST(exited_ok(run_client(
        server, {"--tls-ca", server.cert.cert.string(), "--style", "coroutine", "--depth", "64"})));
    // By name: the certificate is for localhost too.
    BOOST_TEST(exited_ok(
        run_client(server, {"--tls-ca", server.cert.cert.string(), "--tls-name", "localhost"})));
    BOOST_TEST(exited_ok(server.stop()));
}

BOOST_AUTO_TEST_CASE(a_client_that_does_not_trust_the_certificate_fails_and_the_server_goes_on)
{
    tls_doubler server;
    // The system's authorities know nothing of a certificate made a moment ago.
    std::string output;
    auto const untrusted = run_client(server, {}, &output);
    BOOST_TEST((untrusted.has_value() && *untrusted != 0));
    BOOST_TEST(output.find("certificate verify failed") != std::string::npos, output);
    // Nor is the certificate for another name.
    BOOST_TEST(!exited_ok(
        run_client(server, {"--tls-ca", server.cert.cert.string(), "--tls-name", "example.com"})));
    BOOST_TEST(exited_ok(run_client(server, {"--tls-ca", server.cert.cert.string()})));
    BOOST_TEST(exited_ok(server.stop()));
}

BOOST_AUTO_TEST_CASE(a_plain_text_client_is_closed_and_logged_and_others_are_served)
{
    tls_doubler server;
    boost::asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect({boost::asio::ip::make_address("127.0.0.1"),
               static_cast<unsigned short>(std::stoi(server.port()))});
    boost::system::error_code ec;
    // More than a TLS record's 5-byte header: the server cannot take it for the start of one.
    boost::asio::write(s, boost::asio::buffer(std::string("21\n100\n")), ec);
    std::string answer;
    bool closed = false;
    boost::asio::async_read(s, boost::asio::dynamic_buffer(answer),
                            [&](boost::system::error_code, std::size_t) { closed = true; });
    ioc.run_for(10s);
    BOOST_TEST(closed);
    BOOST_TEST(answer.find("42") == std::string::npos);
    auto logged = server.process->wait_for_line("doubler: connection 127.0.0.1:", 10s);
    BOOST_TEST_REQUIRE(logged.has_value(), server.process->output());
    BOOST_TEST(logged->find("wrong version number") != std::string::npos, *logged);
    BOOST_TEST(exited_ok(run_client(server, {"--tls-ca", server.cert.cert.string()})));
    BOOST_TEST(exited_ok(server.stop()));
}

BOOST_AUTO_TEST_SUITE_END()

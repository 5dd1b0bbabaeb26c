#include <protokit/proto/tcp_server.hpp>

#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/lines_codec.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/service/service_fn.hpp>

#include "../support/deadline.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <ranges>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

// tcp_server and tcp_client over real loopback sockets (127.0.0.1, port 0).

namespace pf = protokit::future;
namespace pt = protokit::test;
using namespace std::chrono_literals;
using boost::asio::ip::tcp;

BOOST_AUTO_TEST_SUITE(proto_tcp_server)

namespace {

/// Pipelined lines, up to 64 bytes each.
struct line_proto : protokit::pipeline::server_proto, protokit::pipeline::client_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    auto bind_transport(Io io) const
    {
        return protokit::io::framed<Io, protokit::io::lines_codec>(std::move(io),
                                                                   protokit::io::lines_codec(64));
    }
};

/// Upper-cases each line; "sleep" answers after 200 ms; "throw" throws.
auto make_service(protokit::reactor::handle const& h)
{
    return [h] {
        return protokit::service::service_fn([h](std::string s) -> pf::boxed_future<std::string> {
            if (s == "throw")
                throw std::runtime_error("service threw");
            if (s == "sleep")
                return protokit::reactor::timeout(h, 200ms).map(
                    [] { return std::string("SLEPT"); });
            for (auto& c : s)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return pf::ok(std::move(s));
        });
    };
}

/// A server run on its own thread, shut down (and joined) at the end of the test.
struct running_server {
    protokit::tcp_server<line_proto> server;
    protokit::server_handle handle;
    tcp::endpoint endpoint;
    std::thread thread;
    std::mutex mutex;
    std::vector<std::string> errors;

    explicit running_server(std::function<void(protokit::tcp_server<line_proto>&)> configure = {})
        : server(line_proto{}, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)),
          handle(server.handle_signals(false).shutdown_grace(2s).get_handle())
    {
        server.on_error([this](boost::system::error_code const& ec, std::string_view what) {
            std::lock_guard lock(mutex);
            errors.push_back(std::string(what) + ": " + ec.message());
        });
        if (configure)
            configure(server);
        thread = std::thread([this] { server.with_handle(make_service); });
        BOOST_REQUIRE(!handle.wait_listening(endpoint));
    }

    ~running_server()
    {
        handle.shutdown();
        thread.join();
    }

    std::vector<std::string> error_log()
    {
        std::lock_guard lock(mutex);
        return errors;
    }

    /// Waits (bounded) until `pred()` holds; false if it never did.
    template <class P>
    static bool eventually(P pred, std::chrono::steady_clock::duration limit = 5s)
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        while (!pred()) {
            if (std::chrono::steady_clock::now() > end)
                return false;
            std::this_thread::sleep_for(5ms);
        }
        return true;
    }
};

using client_type = protokit::pipeline::client<std::string, std::string>;

client_type connect(protokit::reactor::core& core, tcp::endpoint const& ep)
{
    auto c = pt::run_for(core, protokit::tcp_client(line_proto{}).connect(ep, core.get_handle()));
    BOOST_REQUIRE(c.has_value());
    return std::move(*c);
}

} // namespace

BOOST_AUTO_TEST_CASE(serves_pipelined_requests_over_loopback)
{
    running_server s;
    protokit::reactor::core core;
    auto client = connect(core, s.endpoint);
    auto answers = pt::run_for(
        core, pf::iter_ok(std::views::iota(0, 100))
                  .map([client](int i) mutable { return client.call("n" + std::to_string(i)); })
                  .buffered(16)
                  .collect());
    BOOST_REQUIRE(answers.has_value());
    BOOST_REQUIRE(answers->size() == 100u);
    for (int i = 0; i < 100; ++i)
        BOOST_TEST((*answers)[static_cast<std::size_t>(i)] == "N" + std::to_string(i));
}

BOOST_AUTO_TEST_CASE(several_threads_serve_many_connections)
{
    running_server s([](auto& server) { server.threads(2); });
    protokit::reactor::core core;
    std::vector<client_type> clients;
    for (int c = 0; c < 20; ++c)
        clients.push_back(connect(core, s.endpoint));
    std::vector<pf::boxed_future<std::size_t>> work;
    for (auto& client : clients)
        work.push_back(
            pf::iter_ok(std::views::iota(0, 50))
                .map([client](int i) mutable { return client.call("x" + std::to_string(i)); })
                .buffered(8)
                .fold(std::size_t{0},
                      [](std::size_t n, std::string const& a) { return n + (a[0] == 'X'); }));
    auto done = pt::run_for(core, pf::join_all(std::move(work)));
    BOOST_REQUIRE(done.has_value());
    for (auto n : *done)
        BOOST_TEST(n == 50u);
}

BOOST_AUTO_TEST_CASE(the_connection_closes_when_the_client_is_dropped)
{
    running_server s;
    protokit::reactor::core core;
    {
        auto client = connect(core, s.endpoint);
        BOOST_TEST(pt::run_for(core, client.call("a")).value() == "A");
        BOOST_TEST(s.handle.open_connections() == 1u);
    }
    core.turn(0ms);
    BOOST_TEST(running_server::eventually([&] { return s.handle.open_connections() == 0; }));
}

BOOST_AUTO_TEST_CASE(bad_input_closes_only_that_connection_and_is_reported)
{
    running_server s;
    protokit::reactor::core core;
    auto good = connect(core, s.endpoint);
    auto bad = connect(core, s.endpoint);
    auto r = pt::run_for(core, bad.call(std::string(100, 'x')));
    BOOST_TEST(r.has_error());
    BOOST_TEST(pt::run_for(core, good.call("still here")).value() == "STILL HERE");
    BOOST_TEST(running_server::eventually([&] { return !s.error_log().empty(); }));
    auto log = s.error_log();
    BOOST_TEST(log.front().find("frame exceeds the maximum length") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_throwing_service_closes_only_its_connection)
{
    running_server s;
    protokit::reactor::core core;
    auto good = connect(core, s.endpoint);
    auto bad = connect(core, s.endpoint);
    BOOST_TEST(pt::run_for(core, bad.call("throw")).has_error());
    BOOST_TEST(pt::run_for(core, good.call("ok")).value() == "OK");
    BOOST_TEST(running_server::eventually([&] { return !s.error_log().empty(); }));
    BOOST_TEST(s.error_log().front().find("service threw") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(max_connections_pauses_accepting)
{
    running_server s([](auto& server) { server.max_connections(1); });
    protokit::reactor::core core;
    std::optional<client_type> first = connect(core, s.endpoint);
    BOOST_TEST(pt::run_for(core, first->call("a")).value() == "A");
    auto second =
        connect(core, s.endpoint); // the kernel completes the handshake; the server does not accept
    auto waiting = pt::run_for(core, second.call("b"), 300ms);
    BOOST_TEST(waiting.has_error());
    BOOST_TEST(waiting.error() == protokit::error::timed_out);
    first.reset();
    core.turn(0ms);
    // The first connection closes, the second is accepted and answers a new call.
    BOOST_TEST(pt::run_for(core, second.call("c")).value() == "C");
}

BOOST_AUTO_TEST_CASE(an_idle_connection_is_closed)
{
    running_server s([](auto& server) { server.idle_timeout(150ms); });
    protokit::reactor::core core;
    auto client = connect(core, s.endpoint);
    BOOST_TEST(pt::run_for(core, client.call("a")).value() == "A");
    // A slow request is not idleness: it is answered although it takes longer than the timeout.
    BOOST_TEST(pt::run_for(core, client.call("sleep")).value() == "SLEPT");
    BOOST_TEST(running_server::eventually([&] { return s.handle.open_connections() == 0; }));
    BOOST_TEST(pt::run_for(core, client.call("late")).has_error());
}

BOOST_AUTO_TEST_CASE(on_connection_sees_the_peer_and_may_refuse_it)
{
    // The hook runs on the server's thread: it records, the test checks here
    // (Boost.Test's assertions are for the test's own thread).
    std::atomic<int> seen{0};
    std::atomic<int> from_loopback{0};
    running_server s([&](auto& server) {
        server.on_connection([&](tcp::endpoint const& peer) {
            if (peer.address().to_string() == "127.0.0.1")
                ++from_loopback;
            return ++seen != 1; // refuse the first
        });
    });
    protokit::reactor::core core;
    auto refused = connect(core, s.endpoint);
    BOOST_TEST(pt::run_for(core, refused.call("a")).has_error());
    auto accepted = connect(core, s.endpoint);
    BOOST_TEST(pt::run_for(core, accepted.call("b")).value() == "B");
    BOOST_TEST(seen.load() == 2);
    BOOST_TEST(from_loopback.load() == 2);
}

BOOST_AUTO_TEST_CASE(graceful_shutdown_answers_what_is_in_flight)
{
    running_server s;
    protokit::reactor::core core;
    auto client = connect(core, s.endpoint);
    auto slow = client.call("sleep");
    // Let the request reach the server, then shut down while it sleeps.
    BOOST_TEST(pt::run_for(core, client.call("a")).value() == "A");
    s.handle.shutdown();
    BOOST_TEST(pt::run_for(core, std::move(slow)).value() == "SLEPT");
    s.thread.join();
    s.thread = std::thread([] {});
    BOOST_TEST(pt::run_for(core, client.call("after")).has_error());
    auto refused = pt::run_for(
        core, protokit::tcp_client(line_proto{}).connect(s.endpoint, core.get_handle()));
    BOOST_TEST(refused.has_error());
}

BOOST_AUTO_TEST_CASE(connect_fails_cleanly_when_nobody_listens)
{
    protokit::reactor::core core;
    tcp::endpoint unused;
    {
        running_server s;
        unused = s.endpoint;
    }
    auto r =
        pt::run_for(core, protokit::tcp_client(line_proto{}).connect(unused, core.get_handle()));
    BOOST_TEST(r.has_error());
}

namespace {

/// Descriptors this process has open now.
std::size_t open_descriptors()
{
    std::size_t n = 0;
    for ([[maybe_unused]] auto const& entry : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n - 1; // the directory iterator's own
}

/// Lowers the descriptor limit for the scope of a test, and puts it back.
struct descriptor_limit {
    rlimit saved{};

    explicit descriptor_limit(std::size_t n)
    {
        BOOST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
        rlimit lowered = saved;
        lowered.rlim_cur = static_cast<rlim_t>(n);
        BOOST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
    }
    ~descriptor_limit() { ::setrlimit(RLIMIT_NOFILE, &saved); }
};

} // namespace

BOOST_AUTO_TEST_CASE(serve_fails_when_a_worker_thread_cannot_listen)
{
    // What thread 0 needs (its reactor and listener), measured: with exactly that
    // many descriptors left, the second thread gets none.
    std::size_t const before = open_descriptors();
    std::size_t needed = 0;
    {
        protokit::reactor::core core;
        auto listener = protokit::reactor::tcp_listener::bind(
            core.get_handle(), tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
        BOOST_REQUIRE(listener);
        needed = open_descriptors() - before;
    }
    BOOST_REQUIRE(open_descriptors() == before);

    protokit::tcp_server<line_proto> server(
        line_proto{}, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    auto handle = server.get_handle();
    bool listening = false;
    std::vector<std::string> errors;
    server.threads(2)
        .handle_signals(false)
        .on_listening([&](tcp::endpoint const&) {
            listening = true;
            handle.shutdown(); // should it serve after all, the test still ends
        })
        .on_error([&](boost::system::error_code const& ec, std::string_view what) {
            errors.push_back(std::string(what) + ": " + ec.message());
        });
    boost::system::error_code ec;
    {
        descriptor_limit limit(open_descriptors() + needed);
        ec = server.with_handle(make_service);
    }
    BOOST_TEST(ec.failed()); // today's code returned success, after on_listening
    BOOST_TEST(!listening);
    BOOST_TEST(!errors.empty());
    tcp::endpoint endpoint;
    BOOST_TEST(handle.wait_listening(endpoint) == ec);
}

BOOST_AUTO_TEST_SUITE_END()

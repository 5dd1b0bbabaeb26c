// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/server_options.hpp>

#include <protokit/io/framed.hpp>
#include <protokit/io/lines_codec.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/proto/tcp_server.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <limits>
#include <string>

BOOST_AUTO_TEST_SUITE(proto_server_options)

namespace {

struct lines_proto : protokit::pipeline::server_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    protokit::io::framed<Io, protokit::io::lines_codec> bind_transport(Io io) const
    {
        return protokit::io::framed<Io, protokit::io::lines_codec>(std::move(io));
    }
};

} // namespace

// The defaults are the ones the guide's setter table gives.
BOOST_AUTO_TEST_CASE(the_defaults_are_the_documented_ones)
{
    protokit::server_options o;
    BOOST_TEST(o.threads == 1u);
    BOOST_TEST(o.connection.max_in_flight == 32u);
    BOOST_TEST(o.connection.poll_budget == 128u);
    BOOST_TEST(o.connection.body_window == 4u);
    BOOST_TEST(o.max_connections == std::numeric_limits<std::size_t>::max());
    BOOST_TEST(!o.idle_timeout.has_value());
    BOOST_TEST((o.body_stall_timeout == std::chrono::seconds(30)));
    BOOST_TEST(o.nodelay);
    BOOST_TEST(o.backlog == 1024);
    BOOST_TEST((o.shutdown_grace == std::chrono::seconds(10)));
    BOOST_TEST(o.handle_signals);
    BOOST_TEST(!o.on_connection);
    BOOST_TEST(!o.on_error);
    BOOST_TEST(!o.on_listening);
}

BOOST_AUTO_TEST_CASE(each_setter_of_tcp_server_fills_its_option)
{
    protokit::tcp_server<lines_proto> server(lines_proto{},
                                             {boost::asio::ip::make_address("127.0.0.1"), 0});
    server.threads(3)
        .max_in_flight(7)
        .max_connections(100)
        .idle_timeout(std::chrono::seconds(5))
        .body_stall_timeout(std::chrono::seconds(2))
        .body_window(9)
        .nodelay(false)
        .backlog(16)
        .shutdown_grace(std::chrono::milliseconds(250))
        .handle_signals(false)
        .on_connection([](auto const&) { return true; })
        .on_error([](auto const&, std::string_view) {})
        .on_listening([](auto const&) {});
    auto const& o = server.options();
    BOOST_TEST(o.threads == 3u);
    BOOST_TEST(o.connection.max_in_flight == 7u);
    BOOST_TEST(o.max_connections == 100u);
    BOOST_TEST((o.idle_timeout == std::chrono::seconds(5)));
    BOOST_TEST((o.body_stall_timeout == std::chrono::seconds(2)));
    BOOST_TEST(o.connection.body_window == 9u);
    BOOST_TEST(!o.nodelay);
    BOOST_TEST(o.backlog == 16);
    BOOST_TEST((o.shutdown_grace == std::chrono::milliseconds(250)));
    BOOST_TEST(!o.handle_signals);
    BOOST_TEST(bool(o.on_connection));
    BOOST_TEST(bool(o.on_error));
    BOOST_TEST(bool(o.on_listening));
}

// Zero would stall every connection (or serve on no thread): it means one.
BOOST_AUTO_TEST_CASE(zero_threads_in_flight_or_window_means_one)
{
    protokit::tcp_server<lines_proto> server(lines_proto{},
                                             {boost::asio::ip::make_address("127.0.0.1"), 0});
    server.threads(0).max_in_flight(0).body_window(0);
    BOOST_TEST(server.options().threads == 1u);
    BOOST_TEST(server.options().connection.max_in_flight == 1u);
    BOOST_TEST(server.options().connection.body_window == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

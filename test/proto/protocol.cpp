// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/protocol.hpp>

#include <protokit/proto/multiplex.hpp>
#include <protokit/proto/pipeline.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <type_traits>

BOOST_AUTO_TEST_SUITE(proto_protocol)

namespace pp_protocol = protokit::proto;

namespace {

struct pipelined : protokit::pipeline::server_proto, protokit::pipeline::client_proto {
    using request_type = std::string;
    using response_type = std::string;
};

struct multiplexed : protokit::multiplex::server_proto {
    using request_type = std::string;
    using response_type = std::string;
};

struct narrow_ids : protokit::multiplex::client_proto {
    using request_type = std::string;
    using response_type = std::string;
    using request_id_type = std::uint16_t;
};

struct not_a_protocol {
    using request_type = std::string;
    using response_type = std::string;
};

} // namespace

BOOST_AUTO_TEST_CASE(a_protocol_is_one_by_the_base_it_derives_from)
{
    static_assert(pp_protocol::ServerProtocol<pipelined>);
    static_assert(pp_protocol::ClientProtocol<pipelined>);
    static_assert(pp_protocol::ServerProtocol<multiplexed>);
    static_assert(!pp_protocol::ClientProtocol<multiplexed>); // a server only
    static_assert(pp_protocol::ClientProtocol<narrow_ids>);
    static_assert(!pp_protocol::ServerProtocol<narrow_ids>);
    static_assert(!pp_protocol::ServerProtocol<not_a_protocol>);
    static_assert(!pp_protocol::ClientProtocol<not_a_protocol>);
    BOOST_TEST(pp_protocol::ServerProtocol<pipelined>);
}

BOOST_AUTO_TEST_CASE(the_base_names_the_family_that_serves_and_connects_it)
{
    static_assert(std::is_same_v<pipelined::server_family, protokit::pipeline::family>);
    static_assert(std::is_same_v<pipelined::client_family, protokit::pipeline::family>);
    static_assert(std::is_same_v<multiplexed::server_family, protokit::multiplex::family>);
    static_assert(std::is_same_v<narrow_ids::client_family, protokit::multiplex::family>);
    constexpr bool pipeline_family =
        std::is_same_v<pipelined::server_family, protokit::pipeline::family>;
    BOOST_TEST(pipeline_family);
}

BOOST_AUTO_TEST_CASE(request_ids_default_to_64_bits_unless_the_protocol_names_its_own)
{
    static_assert(std::is_same_v<protokit::multiplex::request_id, std::uint64_t>);
    static_assert(std::is_same_v<pp_protocol::request_id_t<multiplexed>, std::uint64_t>);
    static_assert(std::is_same_v<pp_protocol::request_id_t<narrow_ids>, std::uint16_t>);
    BOOST_TEST(sizeof(pp_protocol::request_id_t<narrow_ids>) == 2u);
}

BOOST_AUTO_TEST_CASE(the_client_service_type_comes_from_the_family)
{
    using pipelined_client = pp_protocol::client_service_t<pipelined>;
    using multiplexed_client = pp_protocol::client_service_t<narrow_ids>;
    static_assert(std::is_same_v<typename pipelined_client::request_type, std::string>);
    static_assert(std::is_same_v<typename pipelined_client::response_type, std::string>);
    static_assert(std::is_same_v<typename multiplexed_client::request_type, std::string>);
    static_assert(!std::is_same_v<pipelined_client, multiplexed_client>); // ids or none
    BOOST_TEST(std::is_copy_constructible_v<pipelined_client>); // a client is cheap to copy
}

BOOST_AUTO_TEST_SUITE_END()

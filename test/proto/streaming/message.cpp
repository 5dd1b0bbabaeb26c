// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/streaming/message.hpp>

#include <protokit/proto/streaming/pipeline.hpp>

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <type_traits>

BOOST_AUTO_TEST_SUITE(proto_streaming_message)

namespace {

using text_body = protokit::streaming::body<std::string>;
using text_message = protokit::streaming::message<std::string, text_body>;

struct upload_proto : protokit::streaming::pipeline::server_proto {
    using request_type = std::string;
    using request_body_type = std::string;
    using response_type = int;
    using response_body_type = std::unique_ptr<int>;
};

} // namespace

BOOST_AUTO_TEST_CASE(a_message_without_a_body_is_its_head)
{
    text_message m("HEAD /");
    BOOST_TEST(m.head() == "HEAD /");
    BOOST_TEST(!m.has_body());
    BOOST_TEST(!m.take_body().has_value());
}

BOOST_AUTO_TEST_CASE(taking_the_body_leaves_the_head)
{
    text_message m("PUT /f", text_body::from(std::string("data")));
    BOOST_TEST(m.has_body());
    auto body = m.take_body();
    BOOST_TEST(body.has_value());
    BOOST_TEST(!m.has_body());
    BOOST_TEST(m.head() == "PUT /f");
    BOOST_TEST(!m.take_body().has_value()); // taken once
}

BOOST_AUTO_TEST_CASE(the_head_can_be_changed_in_place)
{
    text_message m("get /");
    m.head()[0] = 'G';
    text_message const& view = m;
    BOOST_TEST(view.head() == "Get /");
}

BOOST_AUTO_TEST_CASE(a_protocol_names_its_request_and_response_messages)
{
    using request = protokit::streaming::request_t<upload_proto>;
    using response = protokit::streaming::response_t<upload_proto>;
    static_assert(std::is_same_v<request::head_type, std::string>);
    static_assert(std::is_same_v<request::body_type, protokit::streaming::body<std::string>>);
    static_assert(std::is_same_v<response::head_type, int>);
    static_assert(
        std::is_same_v<response::body_type, protokit::streaming::body<std::unique_ptr<int>>>);
    static_assert(
        !std::is_copy_constructible_v<response>); // bodies are streams: moved, never copied
    BOOST_TEST(std::is_move_constructible_v<request>);
}

BOOST_AUTO_TEST_SUITE_END()

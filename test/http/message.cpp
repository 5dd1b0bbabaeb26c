// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/http/message.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

// The message vocabulary: Beast's heads with protokit's streaming bodies,
// and the two helpers that make the common messages.

namespace ph = protokit::http;

BOOST_AUTO_TEST_SUITE(http_message)

namespace {

/// The body's chunks, concatenated (the body must be ready at once, as these are).
std::string drain(ph::body& b)
{
    std::string all;
    for (int i = 0; i < 100; ++i) {
        auto next = b.poll_next();
        BOOST_TEST_REQUIRE(next.is_ready());
        if (!next.value())
            return all;
        all += next.value()->view();
    }
    BOOST_FAIL("the body never ended");
    return all;
}

} // namespace

BOOST_AUTO_TEST_CASE(make_response_sizes_its_text_and_has_no_body_when_it_is_empty)
{
    auto r = ph::make_response(ph::status::ok, "Hello, World!");
    BOOST_TEST(r.head().result_int() == 200u);
    BOOST_TEST(r.head().version() == 11u);
    BOOST_TEST(r.head()[ph::field::content_length] == "13");
    BOOST_TEST(r.head()[ph::field::content_type] == "text/plain");
    BOOST_TEST_REQUIRE(r.has_body());
    BOOST_TEST(drain(r.body()) == "Hello, World!");

    auto empty = ph::make_response(ph::status::no_content, "", "application/json");
    BOOST_TEST(!empty.has_body());
    BOOST_TEST(empty.head()[ph::field::content_length] == "0");
    BOOST_TEST(empty.head()[ph::field::content_type] == "application/json");
}

BOOST_AUTO_TEST_CASE(make_request_head_names_the_method_target_and_host)
{
    auto h = ph::make_request_head(ph::verb::post, "/upload?x=1", "example:8080");
    BOOST_TEST(h.method() == ph::verb::post);
    BOOST_TEST(h.target() == "/upload?x=1");
    BOOST_TEST(h.version() == 11u);
    BOOST_TEST(h[ph::field::host] == "example:8080");
    ph::request req(std::move(h), ph::body::from(protokit::io::bytes("data")));
    BOOST_TEST(req.has_body());
    BOOST_TEST(drain(req.body()) == "data");
}

BOOST_AUTO_TEST_CASE(limits_default_to_beasts_head_limit_and_no_body_limit)
{
    ph::limits l;
    BOOST_TEST(l.max_header_size == 8192u);
    BOOST_TEST(!l.max_body_size);
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/error.hpp>

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(base_error)

BOOST_AUTO_TEST_CASE(errors_have_their_own_category_and_messages)
{
    boost::system::error_code ec = protokit::error::frame_too_large;
    BOOST_TEST(ec.category().name() == std::string("protokit"));
    BOOST_TEST(ec.message() == "frame exceeds the maximum length");
    BOOST_TEST(ec == protokit::error::frame_too_large);
    BOOST_TEST(ec != protokit::error::invalid_frame);
    BOOST_TEST(static_cast<bool>(ec));
}

BOOST_AUTO_TEST_CASE(the_middleware_errors_say_what_refused_the_call)
{
    BOOST_TEST(make_error_code(protokit::error::not_connected).message() == "not connected");
    BOOST_TEST(make_error_code(protokit::error::rate_limited).message() == "rate limit reached");
    BOOST_TEST(make_error_code(protokit::error::no_endpoints).message() == "no endpoint available");
}

BOOST_AUTO_TEST_SUITE_END()

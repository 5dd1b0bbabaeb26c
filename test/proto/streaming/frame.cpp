// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/streaming/frame.hpp>

#include "../../support/test_error.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>

BOOST_AUTO_TEST_SUITE(proto_streaming_frame)

namespace pt = protokit::test;

namespace {

using text_frame = protokit::streaming::frame<std::string, std::string>;

} // namespace

BOOST_AUTO_TEST_CASE(each_maker_makes_its_kind)
{
    auto head = text_frame::message("GET /", true);
    BOOST_TEST((head.type() == text_frame::kind::message));
    BOOST_TEST(head.head() == "GET /");
    BOOST_TEST(head.has_body());
    BOOST_TEST(!text_frame::message("PING", false).has_body());

    auto chunk = text_frame::chunk("abc");
    BOOST_TEST((chunk.type() == text_frame::kind::chunk));
    BOOST_TEST(chunk.chunk() == "abc");

    BOOST_TEST((text_frame::end_of_body().type() == text_frame::kind::end_of_body));

    auto error = text_frame::error(pt::test_error(5));
    BOOST_TEST((error.type() == text_frame::kind::error));
    BOOST_TEST(error.error() == pt::test_error(5));
}

// A head and a chunk of the same text are different frames, as are heads with and without a body.
BOOST_AUTO_TEST_CASE(frames_are_equal_by_kind_and_content)
{
    BOOST_TEST((text_frame::chunk("x") == text_frame::chunk("x")));
    BOOST_TEST((text_frame::chunk("x") != text_frame::chunk("y")));
    BOOST_TEST((text_frame::message("x", false) != text_frame::chunk("x")));
    BOOST_TEST((text_frame::message("x", true) != text_frame::message("x", false)));
    BOOST_TEST((text_frame::end_of_body() == text_frame::end_of_body()));
    BOOST_TEST((text_frame::error(pt::test_error(1)) != text_frame::error(pt::test_error(2))));
}

BOOST_AUTO_TEST_CASE(the_parts_of_a_frame_can_be_moved_out)
{
    auto chunk = text_frame::chunk(std::string(1000, 'z'));
    std::string taken = std::move(chunk.chunk());
    BOOST_TEST(taken.size() == 1000u);
    auto head = text_frame::message("PUT /f", true);
    std::string h = std::move(head.head());
    BOOST_TEST(h == "PUT /f");
    BOOST_TEST(head.has_body()); // the flag stays with the frame
}

BOOST_AUTO_TEST_CASE(a_tagged_frame_carries_its_id_and_whether_it_is_one_way)
{
    using tagged = protokit::streaming::tagged_frame<std::uint32_t, std::string, std::string>;
    tagged a{7, text_frame::message("NOTE", false), true};
    tagged b{7, text_frame::message("NOTE", false)};
    BOOST_TEST(a.id == 7u);
    BOOST_TEST(a.solo);
    BOOST_TEST(!b.solo); // a response is expected unless said otherwise
    BOOST_TEST((a != b));
    b.solo = true;
    BOOST_TEST((a == b));
    BOOST_TEST((tagged{8, text_frame::message("NOTE", false), true} != a));
}

BOOST_AUTO_TEST_SUITE_END()

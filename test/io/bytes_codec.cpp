// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/bytes_codec.hpp>

#include <protokit/io/framed.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace pf = protokit::future;
namespace io = protokit::io;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_bytes_codec)

static_assert(io::Codec<io::bytes_codec>);

BOOST_AUTO_TEST_CASE(decodes_everything_buffered_and_nothing_from_an_empty_buffer)
{
    io::bytes_codec c;
    io::bytes_mut buf(std::string_view("abc"));
    auto r = c.decode(buf);
    BOOST_TEST_REQUIRE(r->has_value());
    BOOST_TEST(**r == "abc");
    BOOST_TEST(buf.empty());
    BOOST_TEST(!c.decode(buf)->has_value());
    io::bytes_mut out;
    BOOST_TEST(c.encode(io::bytes(std::string_view("xyz")), out).has_value());
    BOOST_TEST(out.view() == "xyz");
}

BOOST_AUTO_TEST_CASE(a_framed_byte_stream_yields_chunks_and_writes_them_back)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("hello ").read_would_block().read("world").read_eof();
    auto f = pf::spawn(io::framed<mock_io, io::bytes_codec>(mock_io(m)));
    auto a = f.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(a.is_ready());
    BOOST_TEST(*a.value() == "hello ");
    BOOST_TEST(f.poll_stream_notify(n, 0).is_not_ready());
    m.wake_reader();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(*f.poll_stream_notify(n, 0).value() == "world");
    auto end = f.poll_stream_notify(n, 0);
    BOOST_TEST((end.is_ready() && !end.value()));

    BOOST_TEST(f.start_send_notify(io::bytes(std::string_view("echo")), n, 0).is_accepted());
    BOOST_TEST(f.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(m.written() == "echo");
}

BOOST_AUTO_TEST_SUITE_END()

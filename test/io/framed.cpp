// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/framed.hpp>

#include <protokit/io/length_delimited.hpp>
#include <protokit/io/lines_codec.hpp>

#include "../support/mock_io.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace pf = protokit::future;
namespace io = protokit::io;
using protokit::error;
using protokit::test::counting_notify;
using protokit::test::make_counting_notify;
using protokit::test::mock_io;

BOOST_AUTO_TEST_SUITE(io_framed)

namespace {

using notify_ptr = boost::intrusive_ptr<counting_notify>;
using lines_framed = io::framed<mock_io, io::lines_codec>;

/// How a run of polls stopped.
enum class stop { not_ready, ended, error };

template <class S>
struct drained {
    std::vector<typename S::item_type> frames;
    stop how = stop::not_ready;
    pf::error_code ec;
};

/// Polls the stream until it is not ready, ends or fails; bounded.
template <class S>
drained<S> drain(pf::spawned<S>& s, notify_ptr const& n)
{
    drained<S> out;
    for (int i = 0; i < 100000; ++i) {
        auto r = s.poll_stream_notify(n, 0);
        if (r.is_not_ready())
            return out;
        if (r.is_error()) {
            out.how = stop::error;
            out.ec = r.error();
            return out;
        }
        if (!r.value()) {
            out.how = stop::ended;
            return out;
        }
        out.frames.push_back(std::move(*r.value()));
    }
    BOOST_FAIL("the stream never stopped");
    return out;
}

std::vector<std::string> strings(std::vector<io::bytes> const& frames)
{
    std::vector<std::string> out;
    for (auto const& f : frames)
        out.emplace_back(f.view());
    return out;
}

std::string header4(std::uint32_t n)
{
    std::string h(4, '\0');
    for (int i = 0; i < 4; ++i)
        h[static_cast<std::size_t>(i)] = static_cast<char>((n >> (24 - 8 * i)) & 0xff);
    return h;
}

std::uintptr_t addr(char const* p)
{
    return reinterpret_cast<std::uintptr_t>(p);
}

std::vector<std::string> const sample_lines{"one", "two", "", "three"};
std::string const sample_input = "one\ntwo\r\n\nthree\n";

} // namespace

// framed is a Stream and a Sink; framed_read and framed_write are one each
// (compile-time checks: no test case needed).
static_assert(pf::Stream<lines_framed>);
static_assert(pf::Sink<lines_framed>);
static_assert(std::is_same_v<lines_framed::item_type, std::string>);
static_assert(std::is_same_v<io::framed<mock_io, io::length_delimited>::item_type, io::bytes>);
static_assert(pf::Stream<io::framed_read<mock_io, io::lines_codec>>);
static_assert(!pf::Sink<io::framed_read<mock_io, io::lines_codec>>);
static_assert(pf::Sink<io::framed_write<mock_io, io::lines_codec>>);
static_assert(!pf::Stream<io::framed_write<mock_io, io::lines_codec>>);

BOOST_AUTO_TEST_CASE(one_byte_at_a_time)
{
    auto n = make_counting_notify();
    mock_io m;
    m.max_read_size(1).read(sample_input).read_eof();
    auto s = pf::spawn(lines_framed(m));
    auto out = drain(s, n);
    BOOST_TEST(out.frames == sample_lines);
    BOOST_TEST((out.how == stop::ended));
    BOOST_TEST(m.read_calls() == static_cast<int>(sample_input.size()) + 1);
    BOOST_TEST(n->count() == 0);
}

BOOST_AUTO_TEST_CASE(would_block_at_every_boundary)
{
    auto n = make_counting_notify();
    mock_io m;
    for (char c : sample_input)
        m.read(std::string(1, c)).read_would_block();
    m.read_eof();
    auto s = pf::spawn(lines_framed(m));

    std::vector<std::string> frames;
    int blocked = 0;
    for (;;) {
        auto out = drain(s, n);
        frames.insert(frames.end(), out.frames.begin(), out.frames.end());
        if (out.how == stop::ended)
            break;
        BOOST_TEST_REQUIRE((out.how == stop::not_ready));
        // Not ready left the task registered, and nothing woke it yet.
        BOOST_TEST_REQUIRE(m.reader_registered());
        BOOST_TEST_REQUIRE(n->count() == 0);
        m.wake_reader();
        BOOST_TEST_REQUIRE(n->take() == 1);
        ++blocked;
        BOOST_TEST_REQUIRE(blocked <= static_cast<int>(sample_input.size()));
    }
    BOOST_TEST(frames == sample_lines);
    BOOST_TEST(blocked == static_cast<int>(sample_input.size()));
}

BOOST_AUTO_TEST_CASE(frames_split_at_every_point)
{
    for (std::size_t at = 0; at <= sample_input.size(); ++at) {
        BOOST_TEST_CONTEXT("split at " << at)
        {
            auto n = make_counting_notify();
            mock_io m;
            m.read(sample_input.substr(0, at))
                .read_would_block()
                .read(sample_input.substr(at))
                .read_eof();
            auto s = pf::spawn(lines_framed(m));
            auto first = drain(s, n);
            BOOST_TEST_REQUIRE((first.how == stop::not_ready));
            m.wake_reader();
            BOOST_TEST(n->take() == 1);
            auto second = drain(s, n);
            BOOST_TEST((second.how == stop::ended));
            first.frames.insert(first.frames.end(), second.frames.begin(), second.frames.end());
            BOOST_TEST(first.frames == sample_lines);
        }
    }
}

BOOST_AUTO_TEST_CASE(many_frames_in_one_read)
{
    auto n = make_counting_notify();
    std::string input;
    std::vector<std::string> expected;
    for (int i = 0; i < 100; ++i) {
        expected.push_back("line " + std::to_string(i));
        input += expected.back() + "\n";
    }
    mock_io m;
    m.read(input);
    auto s = pf::spawn(lines_framed(m));
    auto out = drain(s, n);
    BOOST_TEST(out.frames == expected);
    BOOST_TEST((out.how == stop::not_ready));
    // One read brought everything, one more found nothing: no read per frame.
    BOOST_TEST(m.read_calls() == 2);
    BOOST_TEST(m.reader_registered());
}

BOOST_AUTO_TEST_CASE(eof_with_leftover_bytes_is_unexpected_eof)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read(header4(3) + "abc" + header4(10) + "0123").read_eof();
    auto s = pf::spawn(io::framed<mock_io, io::length_delimited>(m));
    auto out = drain(s, n);
    BOOST_TEST(strings(out.frames) == std::vector<std::string>{"abc"});
    BOOST_TEST_REQUIRE((out.how == stop::error));
    BOOST_TEST(out.ec == error::unexpected_eof);
    // The error ended the stream.
    auto again = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(again.is_ready());
    BOOST_TEST(!again.value().has_value());
}

BOOST_AUTO_TEST_CASE(clean_eof_ends_the_stream_for_good)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("a\n").read_eof();
    auto s = pf::spawn(lines_framed(m));
    auto out = drain(s, n);
    BOOST_TEST((out.how == stop::ended));
    int const reads = m.read_calls();
    auto again = s.poll_stream_notify(n, 0);
    BOOST_TEST(again.is_ready());
    BOOST_TEST(!again.value().has_value());
    BOOST_TEST(m.read_calls() == reads);
}

BOOST_AUTO_TEST_CASE(read_errors_pass_through_and_reading_goes_on)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("par").read_error(pf::error_code(104, boost::system::generic_category())).read("tial\n");
    auto s = pf::spawn(lines_framed(m));
    auto out = drain(s, n);
    BOOST_TEST_REQUIRE((out.how == stop::error));
    BOOST_TEST(out.ec.value() == 104);
    out = drain(s, n);
    BOOST_TEST(out.frames == std::vector<std::string>{"partial"});
}

BOOST_AUTO_TEST_CASE(read_buffer_limit_turns_growth_into_an_error)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read(std::string(300, 'x'));
    lines_framed f(m, io::lines_codec(1024 * 1024));
    f.read_buffer_limit(100);
    BOOST_TEST(f.read_buffer_limit() == 100u);
    auto s = pf::spawn(std::move(f));
    auto out = drain(s, n);
    BOOST_TEST_REQUIRE((out.how == stop::error));
    BOOST_TEST(out.ec == error::frame_too_large);
    BOOST_TEST(s.get_ref().read_buffer().size() == 100u);
    auto again = s.poll_stream_notify(n, 0);
    BOOST_TEST(again.is_ready());
    BOOST_TEST(!again.value().has_value());
}

BOOST_AUTO_TEST_CASE(steady_reading_reuses_the_read_buffer)
{
    auto n = make_counting_notify();
    mock_io m;
    std::string chunk;
    for (int i = 0; i < 50; ++i)
        chunk += header4(13) + "payload-" + std::to_string(10000 + i);
    for (int i = 0; i < 200; ++i)
        m.read(chunk.substr(0, 333)).read(chunk.substr(333));
    auto s = pf::spawn(io::framed<mock_io, io::length_delimited>(m));
    auto& buf = s.get_ref().read_buffer();

    // Frames are dropped as they come, as a server does once it has
    // answered: after the first reads, the buffer keeps its block.
    int frames = 0;
    std::uintptr_t end = 0;
    for (int i = 0; i < 20000; ++i) {
        auto r = s.poll_stream_notify(n, 0);
        if (!r.is_ready())
            break;
        BOOST_TEST_REQUIRE(r.value()->size() == 13u);
        if (++frames == 100)
            end = addr(buf.data() + buf.capacity());
        if (frames > 100)
            BOOST_TEST_REQUIRE(addr(buf.data() + buf.capacity()) == end);
    }
    BOOST_TEST(frames == 10000);
    BOOST_TEST(m.reader_registered());
}

BOOST_AUTO_TEST_CASE(a_read_buffer_that_empties_while_the_read_waits_goes_back_to_the_stock)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("one\n").read_would_block().read("tw").read_would_block().read("o\n").read_would_block();
    auto s = pf::spawn(lines_framed(m));
    auto& buf = s.get_ref().read_buffer();
    auto& stock = io::detail::frame_reader::spare_buffers();

    // Drained and waiting: the block is the stock's, the connection holds none.
    auto first = drain(s, n);
    BOOST_TEST((first.frames == std::vector<std::string>{"one"}));
    BOOST_TEST(buf.capacity() == 0u);
    std::size_t const kept = stock.size();
    BOOST_TEST(kept >= 1u);

    // Half a line waits in the buffer: it keeps its block.
    BOOST_TEST(drain(s, n).frames.empty());
    BOOST_TEST(buf.view() == "tw");
    BOOST_TEST(stock.size() == kept - 1);

    // The line completes and the buffer empties again: back it goes.
    BOOST_TEST((drain(s, n).frames == std::vector<std::string>{"two"}));
    BOOST_TEST(buf.capacity() == 0u);
    BOOST_TEST(stock.size() == kept);
}

BOOST_AUTO_TEST_CASE(a_read_buffer_shared_with_a_frame_is_not_given_back)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read(header4(3) + "abc").read_would_block();
    auto s = pf::spawn(io::framed<mock_io, io::length_delimited>(m));
    auto& stock = io::detail::frame_reader::spare_buffers();
    std::size_t const kept = stock.size();
    auto out = drain(s, n); // the frame views the block, zero-copy
    BOOST_TEST_REQUIRE(out.frames.size() == 1u);
    BOOST_TEST(out.frames[0].view() == "abc");
    BOOST_TEST(s.get_ref().read_buffer().capacity() > 0u);
    BOOST_TEST(stock.size() == (kept > 0 ? kept - 1 : 0)); // taken, and kept by the frame
}

BOOST_AUTO_TEST_CASE(the_stock_keeps_blocks_of_its_size_only_and_no_more_than_it_may)
{
    io::detail::block_stock stock(1000);
    BOOST_TEST(stock.block_size() >= 1000u);
    auto a = stock.take();
    BOOST_TEST(a->capacity() == stock.block_size());
    BOOST_TEST(stock.size() == 0u);
    auto* const raw = a.get();
    stock.give_back(std::move(a));
    BOOST_TEST(stock.size() == 1u);
    BOOST_TEST(stock.take().get() == raw);                   // the same block comes back
    stock.give_back(io::detail::byte_storage::create(5000)); // another size: freed
    BOOST_TEST(stock.size() == 0u);
    for (std::size_t i = 0; i < io::detail::block_stock::max_blocks + 5; ++i)
        stock.give_back(io::detail::byte_storage::create(1000));
    BOOST_TEST(stock.size() == io::detail::block_stock::max_blocks);
}

BOOST_AUTO_TEST_CASE(short_writes_are_resumed)
{
    auto n = make_counting_notify();
    mock_io m;
    m.max_write_size(3);
    auto s = pf::spawn(lines_framed(m));
    BOOST_TEST(s.start_send_notify(std::string("alpha"), n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(std::string("beta"), n, 0).is_accepted());
    BOOST_TEST(m.write_calls() == 0); // buffered, under the high-water mark
    BOOST_TEST(s.get_ref().write_buffer() == "alpha\nbeta\n");
    auto r = s.poll_complete_notify(n, 0);
    BOOST_TEST(r.is_ready());
    BOOST_TEST(m.written() == "alpha\nbeta\n");
    BOOST_TEST(m.write_calls() == 4);
    BOOST_TEST(m.flushes() == 1);
    BOOST_TEST(s.get_ref().write_buffer().empty());
}

BOOST_AUTO_TEST_CASE(write_would_block_notifies_on_writability)
{
    auto n = make_counting_notify();
    mock_io m;
    m.write_ok().write_would_block().max_write_size(4);
    auto s = pf::spawn(lines_framed(m));
    BOOST_TEST(s.start_send_notify(std::string("hello world"), n, 0).is_accepted());
    auto r = s.poll_complete_notify(n, 0);
    BOOST_TEST(r.is_not_ready());
    BOOST_TEST(m.writer_registered());
    BOOST_TEST(m.written() == "hell");
    BOOST_TEST(n->count() == 0);
    m.wake_writer();
    BOOST_TEST(n->take() == 1);
    r = s.poll_complete_notify(n, 0);
    BOOST_TEST(r.is_ready());
    BOOST_TEST(m.written() == "hello world\n");
}

BOOST_AUTO_TEST_CASE(flush_not_ready_keeps_poll_complete_pending)
{
    auto n = make_counting_notify();
    mock_io m;
    m.flush_would_block();
    auto s = pf::spawn(lines_framed(m));
    BOOST_TEST(s.start_send_notify(std::string("x"), n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_not_ready());
    BOOST_TEST(m.written() == "x\n");
    m.wake_writer();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(m.flushes() == 1);
}

BOOST_AUTO_TEST_CASE(high_water_mark_pushes_back)
{
    auto n = make_counting_notify();
    mock_io m;
    m.write_budget(0);
    lines_framed f(m);
    f.write_high_water_mark(16);
    BOOST_TEST(f.write_high_water_mark() == 16u);
    auto s = pf::spawn(std::move(f));

    // 10 bytes each: the second send goes over the mark.
    BOOST_TEST(s.start_send_notify(std::string("123456789"), n, 0).is_accepted());
    BOOST_TEST(s.start_send_notify(std::string("abcdefghi"), n, 0).is_accepted());
    BOOST_TEST(s.get_ref().write_buffer().size() == 20u);

    auto r = s.start_send_notify(std::string("third"), n, 0);
    BOOST_TEST_REQUIRE(r.is_not_ready());
    BOOST_TEST(r.item() == "third");
    BOOST_TEST(m.writer_registered());
    BOOST_TEST(m.written().empty());

    // Drained a little: still over the mark, handed back again.
    m.allow_write(3);
    BOOST_TEST(n->take() == 1);
    r = s.start_send_notify(std::move(r).item(), n, 0);
    BOOST_TEST_REQUIRE(r.is_not_ready());
    BOOST_TEST(m.written() == "123");
    BOOST_TEST(s.get_ref().write_buffer().size() == 17u);

    // Drained enough: accepted.
    m.allow_write(1000);
    BOOST_TEST(n->take() == 1);
    r = s.start_send_notify(std::move(r).item(), n, 0);
    BOOST_TEST(r.is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(m.written() == "123456789\nabcdefghi\nthird\n");
}

BOOST_AUTO_TEST_CASE(write_errors_fail_the_sink)
{
    auto n = make_counting_notify();
    mock_io m;
    m.write_error(pf::error_code(32, boost::system::generic_category()));
    auto s = pf::spawn(lines_framed(m));
    BOOST_TEST(s.start_send_notify(std::string("x"), n, 0).is_accepted());
    auto r = s.poll_complete_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error().value() == 32);
}

BOOST_AUTO_TEST_CASE(a_write_that_takes_nothing_is_an_error)
{
    auto n = make_counting_notify();
    mock_io m;
    m.max_write_size(0);
    auto s = pf::spawn(lines_framed(m));
    BOOST_TEST(s.start_send_notify(std::string("x"), n, 0).is_accepted());
    auto r = s.poll_complete_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == boost::system::errc::io_error);
}

BOOST_AUTO_TEST_CASE(encode_errors_leave_the_write_buffer_as_it_was)
{
    auto n = make_counting_notify();
    mock_io m;
    auto s = pf::spawn(lines_framed(m));
    BOOST_TEST(s.start_send_notify(std::string("ok"), n, 0).is_accepted());
    auto r = s.start_send_notify(std::string("two\nlines"), n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == error::invalid_frame);
    BOOST_TEST(s.get_ref().write_buffer() == "ok\n");
}

BOOST_AUTO_TEST_CASE(close_flushes_then_shuts_down)
{
    auto n = make_counting_notify();
    mock_io m;
    m.write_would_block();
    auto s = pf::spawn(lines_framed(m));
    BOOST_TEST(s.start_send_notify(std::string("bye"), n, 0).is_accepted());
    BOOST_TEST(s.close_notify(n, 0).is_not_ready());
    BOOST_TEST(!m.is_shut_down());
    m.wake_writer();
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(s.close_notify(n, 0).is_ready());
    BOOST_TEST(m.written() == "bye\n");
    BOOST_TEST(m.is_shut_down());
}

BOOST_AUTO_TEST_CASE(reads_and_writes_interleave_on_one_object)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("ping\n");
    auto s = pf::spawn(lines_framed(m));
    auto in = s.poll_stream_notify(n, 0);
    BOOST_TEST_REQUIRE(in.is_ready());
    BOOST_TEST(*in.value() == "ping");
    BOOST_TEST(s.start_send_notify(*in.value() + "-pong", n, 0).is_accepted());
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(s.poll_stream_notify(n, 0).is_not_ready());
    BOOST_TEST(m.written() == "ping-pong\n");
}

BOOST_AUTO_TEST_CASE(accessors)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("full\npart");
    lines_framed f(m, io::lines_codec(77));
    BOOST_TEST(f.codec().max_length() == 77u);
    BOOST_TEST(f.read_buffer_limit() == 16u * 1024 * 1024);
    BOOST_TEST(f.write_high_water_mark() == 8u * 1024);
    auto s = pf::spawn(std::move(f));
    auto out = drain(s, n);
    BOOST_TEST(out.frames == std::vector<std::string>{"full"});
    BOOST_TEST(s.get_ref().read_buffer() == "part");
    s.get_ref().write_buffer().append(std::string_view("raw"));
    BOOST_TEST(s.poll_complete_notify(n, 0).is_ready());
    BOOST_TEST(m.written() == "raw");
    BOOST_TEST(s.get_ref().get_ref().read_calls() == m.read_calls());
    s.get_ref().get_mut().read("more\n");
    mock_io back = std::move(s).into_inner().into_inner();
    BOOST_TEST(back.read_calls() == 2);
    BOOST_TEST(!back.read_script_done());
}

BOOST_AUTO_TEST_CASE(framed_read_and_framed_write_alone)
{
    auto n = make_counting_notify();
    mock_io m;
    m.read("a\nb\n").read_eof();
    auto r = pf::spawn(io::framed_read<mock_io, io::lines_codec>(m));
    auto out = drain(r, n);
    BOOST_TEST(out.frames == (std::vector<std::string>{"a", "b"}));
    BOOST_TEST((out.how == stop::ended));
    BOOST_TEST(r.get_ref().decoder().max_length() == io::lines_codec::default_max_length);

    auto w = pf::spawn(io::framed_write<mock_io, io::length_delimited>(
        m, io::length_delimited().length_field_length(1)));
    BOOST_TEST(w.start_send_notify(io::bytes(std::string_view("xyz")), n, 0).is_accepted());
    BOOST_TEST(w.get_ref().write_buffer() == std::string_view("\x03xyz", 4));
    BOOST_TEST(w.close_notify(n, 0).is_ready());
    BOOST_TEST(m.written() == std::string_view("\x03xyz", 4));
    BOOST_TEST(m.is_shut_down());
}

BOOST_AUTO_TEST_SUITE_END()

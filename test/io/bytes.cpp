// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/io/bytes.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace io = protokit::io;

BOOST_AUTO_TEST_SUITE(io_bytes)

namespace {

// Boost.Test compares `char*` operands as C strings: compare addresses as numbers.
std::uintptr_t addr(char const* p)
{
    return reinterpret_cast<std::uintptr_t>(p);
}

void fill(io::bytes_mut& buf, std::string_view s)
{
    auto span = buf.prepare(s.size());
    BOOST_TEST_REQUIRE(span.size() >= s.size());
    std::memcpy(span.data(), s.data(), s.size());
    buf.commit(s.size());
}

} // namespace

BOOST_AUTO_TEST_CASE(bytes_views_slices_and_splits_share_the_storage)
{
    io::bytes b(std::string_view("hello, world"));
    BOOST_TEST(b.size() == 12u);
    BOOST_TEST(b == "hello, world");
    BOOST_TEST(b[7] == 'w');

    io::bytes mid = b.slice(2, 5);
    BOOST_TEST(mid == "llo");
    BOOST_TEST(addr(mid.data()) == addr(b.data() + 2));

    io::bytes copy = b;
    BOOST_TEST(addr(copy.data()) == addr(b.data()));

    char const* base = b.data();
    io::bytes head = b.split_to(5);
    BOOST_TEST(head == "hello");
    BOOST_TEST(addr(head.data()) == addr(base));
    BOOST_TEST(b == ", world");
    BOOST_TEST(addr(b.data()) == addr(base + 5));

    io::bytes tail = b.split_off(2);
    BOOST_TEST(b == ", ");
    BOOST_TEST(tail == "world");
    BOOST_TEST(addr(tail.data()) == addr(base + 7));

    tail.advance(1);
    BOOST_TEST(tail == "orld");
    tail.truncate(2);
    BOOST_TEST(tail == "or");
    tail.clear();
    BOOST_TEST(tail.empty());

    // The copy still views the whole storage, after every cut above.
    BOOST_TEST(copy == "hello, world");
}

BOOST_AUTO_TEST_CASE(bytes_out_of_range_throws)
{
    io::bytes b(std::string_view("abc"));
    BOOST_CHECK_THROW(static_cast<void>(b.slice(2, 4)), std::out_of_range);
    BOOST_CHECK_THROW(static_cast<void>(b.slice(3, 2)), std::out_of_range);
    BOOST_CHECK_THROW(static_cast<void>(b.split_to(4)), std::out_of_range);
    BOOST_CHECK_THROW(static_cast<void>(b.split_off(4)), std::out_of_range);
    BOOST_CHECK_THROW(b.advance(4), std::out_of_range);
    BOOST_TEST(b == "abc");
}

BOOST_AUTO_TEST_CASE(moved_from_bytes_is_empty)
{
    io::bytes a(std::string_view("abc"));
    io::bytes b = std::move(a);
    BOOST_TEST(b == "abc");
    BOOST_TEST(a.empty()); // NOLINT(bugprone-use-after-move): the moved-from state is specified
    a = std::move(b);
    BOOST_TEST(a == "abc");
    BOOST_TEST(b.empty()); // NOLINT(bugprone-use-after-move)
}

BOOST_AUTO_TEST_CASE(from_static_copies_nothing)
{
    static constexpr char text[] = "static text";
    auto b = io::bytes::from_static(text);
    BOOST_TEST(addr(b.data()) == addr(text));
    BOOST_TEST(b == "static text");
    auto part = b.slice(7, 11);
    BOOST_TEST(addr(part.data()) == addr(text + 7));
}

BOOST_AUTO_TEST_CASE(bytes_mut_prepare_commit_append)
{
    io::bytes_mut buf;
    BOOST_TEST(buf.capacity() == 0u);
    auto span = buf.prepare(10);
    BOOST_TEST(span.size() >= 10u);
    std::memcpy(span.data(), "abc", 3);
    buf.commit(3);
    BOOST_TEST(buf == "abc");
    buf.append(std::string_view("def"));
    buf.append('g');
    buf.append(io::bytes(std::string_view("hi")));
    BOOST_TEST(buf == "abcdefghi");
    BOOST_TEST(buf.capacity() >= buf.size());
    BOOST_CHECK_THROW(buf.commit(buf.capacity() + 1), std::out_of_range);

    buf.advance(2);
    BOOST_TEST(buf == "cdefghi");
    buf.truncate(4);
    BOOST_TEST(buf == "cdef");
    buf[0] = 'C';
    BOOST_TEST(buf == "Cdef");
    BOOST_CHECK_THROW(buf.advance(5), std::out_of_range);
    buf.clear();
    BOOST_TEST(buf.empty());
}

BOOST_AUTO_TEST_CASE(bytes_mut_copies_deep_and_moves_cheap)
{
    io::bytes_mut a(std::string_view("payload"));
    io::bytes_mut b = a;
    BOOST_TEST(b == "payload");
    BOOST_TEST(addr(b.data()) != addr(a.data()));
    b[0] = 'P';
    BOOST_TEST(a == "payload");

    char const* storage = a.data();
    io::bytes_mut c = std::move(a);
    BOOST_TEST(addr(c.data()) == addr(storage));
    BOOST_TEST(a.empty()); // NOLINT(bugprone-use-after-move)
    BOOST_TEST(a.capacity() == 0u);

    a = c;
    BOOST_TEST(a == "payload");
}

BOOST_AUTO_TEST_CASE(split_to_is_zero_copy)
{
    io::bytes_mut buf;
    fill(buf, "frame-1|frame-2|rest");
    char const* base = buf.data();

    io::bytes one = buf.split_to(7);
    buf.advance(1);
    io::bytes two = buf.split_to(7);
    buf.advance(1);

    BOOST_TEST(one == "frame-1");
    BOOST_TEST(two == "frame-2");
    BOOST_TEST(addr(one.data()) == addr(base));
    BOOST_TEST(addr(two.data()) == addr(base + 8));
    BOOST_TEST(buf == "rest");
    BOOST_TEST(addr(buf.data()) == addr(base + 16));

    BOOST_TEST(buf.split_to(0).empty());
    BOOST_CHECK_THROW(static_cast<void>(buf.split_to(5)), std::out_of_range);

    io::bytes rest = std::move(buf).freeze();
    BOOST_TEST(rest == "rest");
    BOOST_TEST(addr(rest.data()) == addr(base + 16));
    BOOST_TEST(buf.empty()); // NOLINT(bugprone-use-after-move)
}

BOOST_AUTO_TEST_CASE(unique_storage_is_reclaimed_in_place)
{
    io::bytes_mut buf(256);
    std::size_t const cap0 = buf.capacity();
    char* const block_end = buf.data() + cap0;
    char* const block_begin = buf.data();

    // A read-decode loop: read a chunk, cut frames, drop them, keep a
    // partial frame at the end. The storage must stay the same block.
    std::string const chunk = "0123456789abcdefghijklmnopqrstu"; // 31 bytes
    int back_at_front = 0;
    for (int i = 0; i < 100000; ++i) {
        fill(buf, chunk);
        if (i > 0 && buf.data() == block_begin)
            ++back_at_front;
        std::size_t const keep = static_cast<std::size_t>(i % 7);
        io::bytes frame = buf.split_to(buf.size() - keep);
        BOOST_TEST_REQUIRE(frame.size() >= chunk.size() - keep);
        BOOST_TEST_REQUIRE(buf.capacity() <= cap0);
        BOOST_TEST_REQUIRE(addr(buf.data() + buf.capacity()) == addr(block_end));
    }
    // About one wrap every 8 chunks: the space was reclaimed again and again.
    BOOST_TEST(back_at_front > 10000);
}

BOOST_AUTO_TEST_CASE(compaction_moves_the_unread_bytes_to_the_front)
{
    io::bytes_mut buf(64);
    std::size_t const cap = buf.capacity();
    char* const begin = buf.data();
    fill(buf, std::string(cap - 4, 'x'));
    buf.advance(cap - 10); // 6 unread bytes left near the end
    buf[0] = 'A';
    auto span = buf.prepare(20);
    BOOST_TEST(span.size() >= 20u);
    BOOST_TEST(addr(buf.data()) == addr(begin)); // same block, moved to its front
    BOOST_TEST(buf.size() == 6u);
    BOOST_TEST(buf[0] == 'A');
}

BOOST_AUTO_TEST_CASE(shared_storage_is_not_overwritten)
{
    io::bytes_mut buf(64);
    std::size_t const cap = buf.capacity();
    char* const old_end = buf.data() + cap;
    fill(buf, std::string(cap - 8, 'a') + "bbbbcccc");
    io::bytes frame = buf.split_to(cap - 4); // keeps "cccc" unread; the frame shares the block
    BOOST_TEST(buf == "cccc");

    // No room at the tail; the front is the frame's: new storage.
    auto span = buf.prepare(16);
    BOOST_TEST(span.size() >= 16u);
    BOOST_TEST(addr(buf.data() + buf.capacity()) != addr(old_end));
    BOOST_TEST(buf == "cccc");
    std::memset(span.data(), 'z', span.size());
    buf.commit(span.size());

    BOOST_TEST(frame.size() == cap - 4);
    BOOST_TEST(frame.view().substr(cap - 8) == "bbbb");
    BOOST_TEST(frame.view().find_first_not_of('a') == cap - 8);
}

BOOST_AUTO_TEST_CASE(storage_is_reused_once_the_frames_are_gone)
{
    io::bytes_mut buf(64);
    std::size_t const cap = buf.capacity();
    char* const end = buf.data() + cap;
    fill(buf, std::string(cap, 'a'));
    {
        io::bytes frame = buf.split_to(cap);
        io::bytes copy = frame;
        BOOST_TEST(copy.size() == cap);
    }
    static_cast<void>(buf.prepare(cap));
    BOOST_TEST(addr(buf.data() + buf.capacity()) == addr(end));
}

BOOST_AUTO_TEST_CASE(refcount_across_threads)
{
    io::bytes_mut buf(4096);
    char* const end = buf.data() + buf.capacity();
    std::vector<io::bytes> frames;
    for (int i = 0; i < 64; ++i) {
        fill(buf, std::string(32, static_cast<char>('A' + i % 26)));
        frames.push_back(buf.split_to(32));
    }

    std::atomic<int> bad{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([frames, &bad] {
            for (int round = 0; round < 2000; ++round) {
                for (std::size_t i = 0; i < frames.size(); ++i) {
                    io::bytes copy = frames[i];
                    io::bytes piece = copy.split_to(16);
                    if (piece.size() != 16 || piece[0] != static_cast<char>('A' + i % 26))
                        ++bad;
                }
            }
        });
    }
    for (auto& t : threads)
        t.join();
    BOOST_TEST(bad.load() == 0);

    // Every other reference is gone: the block is reused, not replaced.
    frames.clear();
    buf.clear();
    static_cast<void>(buf.prepare(4000));
    BOOST_TEST(addr(buf.data() + buf.capacity()) == addr(end));
}

BOOST_AUTO_TEST_SUITE_END()

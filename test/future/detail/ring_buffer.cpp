// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/detail/ring_buffer.hpp>

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

using protokit::future::detail::ring_buffer;

BOOST_AUTO_TEST_SUITE(future_detail_ring_buffer)

BOOST_AUTO_TEST_CASE(is_fifo_across_wrap_around_and_growth)
{
    ring_buffer<std::string> q(4);
    int next_in = 0;
    int next_out = 0;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 3; ++i)
            q.push_back(std::to_string(next_in++));
        for (int i = 0; i < 3; ++i)
            BOOST_TEST(q.pop_front() == std::to_string(next_out++));
    }
    for (int i = 0; i < 3; ++i)
        q.push_back(std::to_string(next_in++));
    BOOST_TEST(q.capacity() == 4u);
    for (int i = 0; i < 3; ++i)
        q.push_back(std::to_string(next_in++));
    BOOST_TEST(q.capacity() == 8u);
    BOOST_TEST(q.size() == 6u);
    while (!q.empty())
        BOOST_TEST(q.pop_front() == std::to_string(next_out++));
    BOOST_TEST(next_out == next_in);
}

BOOST_AUTO_TEST_CASE(push_front_is_taken_first)
{
    ring_buffer<std::unique_ptr<int>> q;
    q.push_back(std::make_unique<int>(2));
    q.push_front(std::make_unique<int>(1));
    BOOST_TEST(*q.front() == 1);
    BOOST_TEST(*q.pop_front() == 1);
    BOOST_TEST(*q.pop_front() == 2);
    BOOST_TEST(q.empty());
}

BOOST_AUTO_TEST_CASE(keeps_its_storage_once_grown)
{
    ring_buffer<int> q;
    for (int i = 0; i < 5; ++i)
        q.push_back(i);
    auto const capacity = q.capacity();
    for (int i = 0; i < 1000; ++i) {
        q.push_back(i);
        q.pop_front();
    }
    BOOST_TEST(q.capacity() == capacity);
    q.clear();
    BOOST_TEST(q.empty());
    BOOST_TEST(q.capacity() == capacity);
}

BOOST_AUTO_TEST_CASE(swap_and_move_exchange_the_contents)
{
    ring_buffer<int> a;
    ring_buffer<int> b;
    a.push_back(1);
    b.push_back(2);
    b.push_back(3);
    a.swap(b);
    BOOST_TEST(a.size() == 2u);
    BOOST_TEST(b.pop_front() == 1);
    ring_buffer<int> c(std::move(a));
    BOOST_TEST(a.empty());
    BOOST_TEST(c.pop_front() == 2);
    BOOST_TEST(c.pop_front() == 3);
}

BOOST_AUTO_TEST_SUITE_END()

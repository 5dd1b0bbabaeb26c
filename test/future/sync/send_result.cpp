// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/sync/send_result.hpp>

#include <boost/test/unit_test.hpp>

#include <memory>

using protokit::future::sync::send_result;

BOOST_AUTO_TEST_SUITE(future_sync_send_result)

BOOST_AUTO_TEST_CASE(says_sent_or_why_not)
{
    send_result<int> sent;
    BOOST_TEST(static_cast<bool>(sent));
    BOOST_TEST(sent.is_sent());
    BOOST_TEST(!sent.is_full());
    BOOST_TEST(!sent.is_disconnected());
    BOOST_TEST(!sent.error());

    auto full = send_result<int>::full(1);
    BOOST_TEST(!full);
    BOOST_TEST(full.is_full());
    BOOST_TEST(!full.is_disconnected());
    BOOST_TEST(full.error() == boost::system::errc::resource_unavailable_try_again);
    BOOST_TEST(full.item() == 1);

    auto gone = send_result<int>::disconnected(2);
    BOOST_TEST(!gone);
    BOOST_TEST(gone.is_disconnected());
    BOOST_TEST(gone.error() == protokit::error::channel_closed);
    BOOST_TEST(gone.item() == 2);
}

BOOST_AUTO_TEST_CASE(hands_back_move_only_items)
{
    auto r = send_result<std::unique_ptr<int>>::disconnected(std::make_unique<int>(4));
    std::unique_ptr<int> back = std::move(r).item();
    BOOST_TEST(*back == 4);
}

BOOST_AUTO_TEST_SUITE_END()

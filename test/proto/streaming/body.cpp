// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/streaming/body.hpp>

#include <protokit/future/stream.hpp>

#include "../../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace pf = protokit::future;
namespace ps = protokit::streaming;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(proto_streaming_body)

namespace {

using body = ps::body<std::string>;

} // namespace

BOOST_AUTO_TEST_CASE(empty_and_single_chunk_bodies)
{
    auto n = pt::make_counting_notify();
    pf::task t(n, 1);
    pf::task_scope scope(t);
    body empty;
    auto e = empty.poll_next();
    BOOST_TEST((e.is_ready() && !e.value()));
    auto one = body::from("only");
    auto first = one.poll_next();
    BOOST_TEST((first.is_ready() && first.value() && *first.value() == "only"));
    auto after = one.poll_next();
    BOOST_TEST((after.is_ready() && !after.value()));
}

BOOST_AUTO_TEST_CASE(a_body_from_any_stream)
{
    auto n = pt::make_counting_notify();
    pf::task t(n, 1);
    pf::task_scope scope(t);
    auto b = body::from_stream(pf::iter_ok<pf::error_code>(std::vector<std::string>{"a", "b"}));
    std::vector<std::string> got;
    for (int i = 0; i < 5; ++i) {
        auto r = b.poll_next();
        BOOST_REQUIRE(r.is_ready());
        if (!r.value())
            break;
        got.push_back(*r.value());
    }
    BOOST_TEST(got == (std::vector<std::string>{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(pair_pushes_back_at_its_window_and_wakes_each_side)
{
    auto n = pt::make_counting_notify();
    pf::task producer(n, 1);
    pf::task consumer(n, 2);
    auto [tx, b] = body::pair(2);
    {
        pf::task_scope scope(consumer);
        BOOST_TEST(b.poll_next().is_not_ready());
    }
    {
        pf::task_scope scope(producer);
        BOOST_TEST(tx.start_send("1").is_accepted());
        BOOST_TEST(n->last_id() == 2u); // the consumer was woken
        BOOST_TEST(tx.start_send("2").is_accepted());
        auto refused = tx.start_send("3");
        BOOST_TEST(refused.is_not_ready());
        BOOST_TEST(std::move(refused).item() == "3");
        BOOST_TEST(tx.poll_ready().is_not_ready());
    }
    (void)n->take();
    {
        pf::task_scope scope(consumer);
        auto r = b.poll_next();
        BOOST_TEST((r.is_ready() && *r.value() == "1"));
    }
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(n->last_id() == 1u); // room woke the producer
    pf::task_scope scope(producer);
    BOOST_TEST(tx.poll_ready().is_ready());
}

BOOST_AUTO_TEST_CASE(the_sender_ends_the_body_cleanly_or_with_an_error)
{
    auto n = pt::make_counting_notify();
    pf::task t(n, 1);
    pf::task_scope scope(t);
    {
        auto [tx, b] = body::pair();
        BOOST_TEST(tx.start_send("last").is_accepted());
        {
            auto gone = std::move(tx);
        }
        BOOST_TEST(*b.poll_next().value() == "last");
        auto end = b.poll_next();
        BOOST_TEST((end.is_ready() && !end.value()));
    }
    {
        auto [tx, b] = body::pair();
        tx.fail(make_error_code(protokit::error::invalid_frame));
        auto r = b.poll_next();
        BOOST_TEST(r.is_error());
        BOOST_TEST(r.error() == protokit::error::invalid_frame);
    }
}

BOOST_AUTO_TEST_CASE(dropping_the_body_cancels_the_sender)
{
    auto n = pt::make_counting_notify();
    pf::task t(n, 1);
    pf::task_scope scope(t);
    auto [tx, b] = body::pair();
    BOOST_TEST(tx.poll_cancel().is_not_ready());
    {
        auto gone = std::move(b);
    }
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(tx.is_canceled());
    BOOST_TEST(tx.poll_cancel().is_ready());
    auto r = tx.start_send("nobody");
    BOOST_TEST(r.is_error());
    BOOST_TEST(r.error() == protokit::error::canceled);
}

BOOST_AUTO_TEST_SUITE_END()

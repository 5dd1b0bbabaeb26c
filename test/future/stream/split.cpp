// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/stream/split.hpp>

#include <protokit/future/stream/collect.hpp>
#include <protokit/future/stream/forward.hpp>
#include <protokit/future/stream/iter_ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <numeric>
#include <optional>
#include <thread>
#include <vector>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_stream_split)

namespace {

/** A bounded in-memory pipe that is both a stream and a sink: what is sent
    comes out of the stream, in order; closing the sink ends the stream.

    It has no lock of its own: `split` is what makes it safe to use its two
    sides from two threads. `on_poll`, if set, runs inside `poll_next`.
*/
class loopback : public pf::stream_facade<loopback> {
public:
    using item_type = int;
    using error_type = pf::error_code;
    using sink_item_type = int;
    using sink_error_type = pf::error_code;

    explicit loopback(std::size_t capacity) : capacity_(capacity) {}

    pf::stream_poll_result<int> poll_next()
    {
        if (on_poll)
            on_poll();
        if (!queue_.empty()) {
            int v = queue_.front();
            queue_.pop_front();
            writer_.take_and_notify();
            return pf::ready(std::optional<int>(v));
        }
        if (closed_)
            return pf::end_of_stream;
        reader_.register_current();
        return pf::not_ready;
    }

    pf::start_send_result<int> start_send(int&& v)
    {
        if (queue_.size() >= capacity_) {
            writer_.register_current();
            return pf::not_ready_with(v);
        }
        queue_.push_back(v);
        reader_.take_and_notify();
        return pf::accepted;
    }

    pf::poll_result<pf::unit> poll_complete() { return pf::ready(); }

    pf::poll_result<pf::unit> close()
    {
        closed_ = true;
        reader_.take_and_notify();
        return pf::ready();
    }

    std::size_t queued() const { return queue_.size(); }

    std::function<void()> on_poll;

private:
    std::size_t capacity_;
    std::deque<int> queue_;
    bool closed_ = false;
    pf::task_slot reader_;
    pf::task_slot writer_;
};

static_assert(pf::Stream<loopback> && pf::Sink<loopback>);

} // namespace

BOOST_AUTO_TEST_CASE(the_halves_reach_the_same_object_and_wake_each_other)
{
    auto reader = pt::make_counting_notify();
    auto writer = pt::make_counting_notify();
    auto [stream_half, sink_half] = loopback(1).split();
    BOOST_TEST(stream_half.is_pair_of(sink_half));
    auto rs = pf::spawn(std::move(stream_half));
    auto ws = pf::spawn(std::move(sink_half));

    BOOST_TEST(pt::next(rs.poll_stream_notify(reader, 0)) == "not ready");
    BOOST_TEST(ws.start_send_notify(1, writer, 0).is_accepted());
    BOOST_TEST(reader->take() == 1);
    auto full = ws.start_send_notify(2, writer, 0);
    BOOST_TEST_REQUIRE(full.is_not_ready());
    BOOST_TEST(full.item() == 2);
    BOOST_TEST(pt::next(rs.poll_stream_notify(reader, 0)) == "item 1");
    BOOST_TEST(writer->take() == 1);
    BOOST_TEST(ws.start_send_notify(2, writer, 0).is_accepted());
    BOOST_TEST(ws.poll_complete_notify(writer, 0).is_ready());
    BOOST_TEST(ws.close_notify(writer, 0).is_ready());
    BOOST_TEST(pt::drain(rs, reader) == (std::vector<std::string>{"item 2", "end"}),
               boost::test_tools::per_element());

    loopback whole = reunite(std::move(rs).into_inner(), std::move(ws).into_inner());
    BOOST_TEST(whole.queued() == 0u);
}

BOOST_AUTO_TEST_CASE(a_half_that_finds_the_object_taken_waits_for_the_other_to_let_go)
{
    auto reader = pt::make_counting_notify();
    auto writer = pt::make_counting_notify();
    auto other_half = std::make_shared<std::optional<pf::split_sink<loopback>>>();
    std::optional<pf::start_send_result<int>> attempt;
    loopback lb(4);
    // While the stream half holds the object, another task tries the sink half.
    lb.on_poll = [&attempt, &writer, other_half] {
        if (attempt || !*other_half)
            return;
        pf::task t(writer, 7);
        pf::task_scope scope(t);
        attempt.emplace((**other_half).start_send(42));
    };
    auto [stream_half, sink_half] = std::move(lb).split();
    other_half->emplace(std::move(sink_half));
    auto rs = pf::spawn(std::move(stream_half));

    BOOST_TEST(pt::next(rs.poll_stream_notify(reader, 0)) == "not ready");
    BOOST_TEST_REQUIRE(attempt.has_value());
    BOOST_TEST_REQUIRE(attempt->is_not_ready());
    BOOST_TEST(attempt->item() == 42);
    BOOST_TEST(writer->take() == 1);
    BOOST_TEST(writer->last_id() == 7u);
    BOOST_TEST(reader->count() == 0);
    {
        pf::task t(writer, 7);
        pf::task_scope scope(t);
        BOOST_TEST((**other_half).start_send(42).is_accepted());
    }
    BOOST_TEST(reader->take() == 1);
    BOOST_TEST(pt::next(rs.poll_stream_notify(reader, 0)) == "item 42");
    other_half->reset();
}

BOOST_AUTO_TEST_CASE(halves_used_from_two_threads_pass_every_item_in_order)
{
    constexpr int count = 2000;
    auto [stream_half, sink_half] = loopback(4).split();
    std::vector<int> values(count);
    std::iota(values.begin(), values.end(), 0);

    std::optional<boost::system::result<std::vector<int>, pf::error_code>> received;
    std::thread reader([&, s = std::move(stream_half)]() mutable {
        received = pt::wait_bounded(std::move(s).collect(), std::chrono::seconds(60));
    });
    bool sent = false;
    std::thread writer([&, k = std::move(sink_half)]() mutable {
        auto r =
            pt::wait_bounded(pf::iter_ok(values).forward(std::move(k)), std::chrono::seconds(60));
        sent = r && r->has_value();
    });
    writer.join();
    reader.join();
    BOOST_TEST(sent);
    BOOST_TEST_REQUIRE(received.has_value());
    BOOST_TEST_REQUIRE(received->has_value());
    BOOST_TEST(**received == values, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

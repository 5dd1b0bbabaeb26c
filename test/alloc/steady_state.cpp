// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The hot path allocates nothing per request in steady state: counting
// replacements of the global allocation functions (this binary only; see
// counting_allocator.hpp for what they see) watch the thread under test
// while it runs combinator chains to completion, framed
// read-decode-encode-write cycles, a pipelined server connection whose
// calls are ready at once or wait to be notified, and a pipelined
// connection over loopback TCP driven by a real core.

#include <protokit/future/async_fn.hpp>
#include <protokit/future/future.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/lines_codec.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/service/service_fn.hpp>

#include "../support/counting_allocator.hpp"
#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"
#include "../support/test_reactor.hpp"

#include <boost/test/unit_test.hpp>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace pf = protokit::future;
namespace pio = protokit::io;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(alloc_steady_state)

namespace {

/// An in-memory Io: reads come from a fixed input buffer the test refills, writes are counted and
/// dropped.
class loop_io {
public:
    struct state {
        std::string input;
        std::size_t read_pos = 0;
        std::size_t written = 0;
        std::string last_write;
        pf::task_slot reader;
    };

    explicit loop_io(state* s) : s_(s) {}

    pf::poll_result<std::size_t> poll_read(std::span<char> buf)
    {
        std::size_t const left = s_->input.size() - s_->read_pos;
        if (left == 0) {
            s_->reader.register_current();
            return pf::not_ready;
        }
        std::size_t const n = std::min(left, buf.size());
        std::copy_n(s_->input.data() + s_->read_pos, n, buf.data());
        s_->read_pos += n;
        return pf::ready(n);
    }

    pf::poll_result<std::size_t> poll_write(std::span<char const> buf)
    {
        s_->written += buf.size();
        s_->last_write.assign(buf.data(), std::min<std::size_t>(buf.size(), 64));
        return pf::ready(buf.size());
    }

    pf::poll_result<pf::unit> poll_flush() { return pf::ready(); }
    pf::poll_result<pf::unit> shutdown() { return pf::ready(); }

private:
    state* s_;
};

/// Decimal u64 lines (the doubler's codec).
struct u64_codec {
    using in_type = std::uint64_t;
    using out_type = std::uint64_t;

    boost::system::result<std::optional<std::uint64_t>> decode(pio::bytes_mut& buf)
    {
        auto v = buf.view();
        auto nl = v.find('\n');
        if (nl == v.npos)
            return std::nullopt;
        std::uint64_t n = 0;
        std::from_chars(v.data(), v.data() + nl, n);
        buf.advance(nl + 1);
        return n;
    }

    boost::system::result<void> encode(std::uint64_t n, pio::bytes_mut& dst)
    {
        auto out = dst.prepare(21);
        auto [end, ec] = std::to_chars(out.data(), out.data() + 20, n);
        *end++ = '\n';
        dst.commit(static_cast<std::size_t>(end - out.data()));
        return {};
    }
};

struct u64_proto : protokit::pipeline::server_proto {
    using request_type = std::uint64_t;
    using response_type = std::uint64_t;

    template <class Io>
    pio::framed<Io, u64_codec> bind_transport(Io io) const
    {
        return pio::framed<Io, u64_codec>(std::move(io));
    }
};

/// Refills the input with `count` copies of `line` (by default a request for the u64 codec),
/// without growing it.
void refill(loop_io::state& s, int count, std::string_view line = "1234567\n")
{
    s.input.clear();
    s.read_pos = 0;
    for (int i = 0; i < count; ++i)
        s.input.append(line);
}

/// What a `chain_gated_int` waits for: the test opens it, which wakes the task that polled it.
struct chain_gate {
    bool open = false;
    pf::task_slot waiter;

    void release()
    {
        open = true;
        waiter.take_and_notify();
    }
};

/// Not ready (registering the current task) until its gate opens, then `value`.
class chain_gated_int : public pf::future_facade<chain_gated_int> {
public:
    using item_type = int;
    using error_type = pf::error_code;

    chain_gated_int(chain_gate* g, int value) : gate_(g), value_(value) {}

    pf::poll_result<int> poll()
    {
        if (!gate_->open) {
            gate_->waiter.register_current();
            return pf::not_ready;
        }
        return pf::ready(value_);
    }

private:
    chain_gate* gate_;
    int value_;
};

/** Where the calls of a `parked_service` wait until the test releases them all.

    Its vectors are reserved up front: parking a call allocates nothing.
*/
struct parking_lot {
    std::uint64_t generation = 0;
    std::vector<pf::task> waiting;
    std::size_t calls = 0;
    std::size_t not_ready_polls = 0;

    parking_lot() { waiting.reserve(4096); }

    /// Completes every call made so far and wakes the tasks that polled them.
    void release_all()
    {
        ++generation;
        for (auto& t : waiting)
            t.notify();
        waiting.clear();
    }
};

/// A call that waits in the parking lot until released, then answers twice its request.
class parked_call {
public:
    using item_type = std::uint64_t;
    using error_type = pf::error_code;

    parked_call(parking_lot* lot, std::uint64_t request)
        : lot_(lot), request_(request), generation_(lot->generation)
    {
    }

    pf::poll_result<std::uint64_t> poll()
    {
        if (lot_->generation == generation_) {
            ++lot_->not_ready_polls;
            lot_->waiting.push_back(pf::current_task());
            return pf::not_ready;
        }
        return pf::ready(request_ * 2);
    }

private:
    parking_lot* lot_;
    std::uint64_t request_;
    std::uint64_t generation_;
};

} // namespace

BOOST_AUTO_TEST_CASE(the_counter_sees_every_allocation_function)
{
    struct alignas(64) wide {
        char bytes[64];
    };
    static void* volatile kept = nullptr; // stores the optimizer may not elide
    std::size_t const c_calls = pt::counts_c_allocations ? 1 : 0;

    BOOST_TEST(pt::allocations_during([] { kept = new int(1); }) == 1u);
    delete static_cast<int*>(kept);
    BOOST_TEST(pt::allocations_during([] { kept = new int[3]; }) == 1u);
    delete[] static_cast<int*>(kept);
    BOOST_TEST(pt::allocations_during([] { kept = new (std::nothrow) int(1); }) == 1u);
    delete static_cast<int*>(kept);
    BOOST_TEST(pt::allocations_during([] { kept = new wide; }) == 1u);
    BOOST_TEST(reinterpret_cast<std::uintptr_t>(kept) % 64 == 0u);
    delete static_cast<wide*>(kept);
    BOOST_TEST(pt::allocations_during([] { kept = new wide[2]; }) == 1u);
    delete[] static_cast<wide*>(kept);
    BOOST_TEST(pt::allocations_during([] { kept = new (std::nothrow) wide; }) == 1u);
    delete static_cast<wide*>(kept);

    BOOST_TEST(pt::allocations_during([] { kept = std::malloc(10); }) == c_calls);
    kept = std::realloc(kept, 100000);
    std::free(kept);
    BOOST_TEST(pt::allocations_during([] { kept = std::calloc(2, 10); }) == c_calls);
    BOOST_TEST(pt::allocations_during([] { kept = std::realloc(kept, 100000); }) == c_calls);
    std::free(kept);
    // Asio 1.81 takes the memory of a handler without an allocator of its own this way.
    BOOST_TEST(pt::allocations_during([] { kept = std::aligned_alloc(64, 128); }) == c_calls);
    std::free(kept);
    void* p = nullptr;
    int status = -1;
    BOOST_TEST(pt::allocations_during([&] { status = posix_memalign(&p, 64, 128); }) == c_calls);
    BOOST_TEST(status == 0);
    std::free(p);
    // A std::string past its small buffer: operator new, counted once, not twice through malloc.
    BOOST_TEST(pt::allocations_during([] {
                   std::string s(100, 'x');
                   kept = s.data();
               }) == 1u);
}

BOOST_AUTO_TEST_CASE(counting_stops_when_the_measured_code_throws)
{
    bool threw = false;
    try {
        (void)pt::allocations_during([] { throw std::runtime_error("thrown while counting"); });
    } catch (std::runtime_error const&) {
        threw = true;
    }
    BOOST_TEST(threw);
    BOOST_TEST(!pt::counting_allocations);
}

BOOST_AUTO_TEST_CASE(combinator_chains_run_to_completion_without_allocating)
{
    auto n = pt::make_counting_notify();
    int results = 0;
    int wake_ups = 0;
    int polls = 0;
    // Each chain waits twice (its source, then the future its and_then
    // made) and completes: map, and_then, then and or_else all run.
    auto run_chain = [&](int i) {
        chain_gate first;
        chain_gate second;
        auto chain =
            pf::spawn(chain_gated_int(&first, i)
                          .map([](int v) { return v + 1; })
                          .and_then([&second](int v) { return chain_gated_int(&second, v * 2); })
                          .then([](boost::system::result<int> r) { return pf::ok(r.value() + 1); })
                          .or_else([](pf::error_code const&) { return pf::ok(-1); }));
        ++polls;
        if (!chain.poll_future_notify(n, 0).is_not_ready())
            return;
        first.release();
        wake_ups += n->take();
        ++polls;
        if (!chain.poll_future_notify(n, 0).is_not_ready())
            return;
        second.release();
        wake_ups += n->take();
        ++polls;
        auto r = chain.poll_future_notify(n, 0);
        if (r.is_ready() && r.value() == (i + 1) * 2 + 1)
            ++results;
    };
    run_chain(0);
    std::size_t const during = pt::allocations_during([&] {
        for (int i = 1; i <= 1000; ++i)
            run_chain(i);
    });
    BOOST_TEST(during == 0u);
    BOOST_TEST(results == 1001);
    BOOST_TEST(wake_ups == 2 * 1001);
    BOOST_TEST(polls == 3 * 1001);
}

BOOST_AUTO_TEST_CASE(a_framed_read_decode_encode_write_cycle_allocates_nothing)
{
    loop_io::state s;
    s.input.reserve(64 * 1024);
    auto n = pt::make_counting_notify();
    pio::framed<loop_io, u64_codec> framed{loop_io(&s)};
    pf::task t(n, 0);
    auto cycle = [&] {
        pf::task_scope scope(t);
        refill(s, 100);
        for (;;) {
            auto item = framed.poll_next();
            if (!item.is_ready())
                break;
            BOOST_REQUIRE(framed.start_send(*item.value() * 2).is_accepted());
        }
        BOOST_REQUIRE(framed.poll_complete().is_ready());
    };
    for (int warm = 0; warm < 10; ++warm)
        cycle();
    std::size_t const written_before = s.written;
    std::size_t during = pt::allocations_during([&] {
        for (int i = 0; i < 1000; ++i)
            cycle();
    });
    BOOST_TEST(during == 0u);
    BOOST_TEST(s.written - written_before == 1000u * 100u * 8u);
    BOOST_TEST(s.last_write.substr(0, 8) == "2469134\n");
}

BOOST_AUTO_TEST_CASE(a_lines_cycle_with_short_lines_allocates_nothing)
{
    loop_io::state s;
    s.input.reserve(64 * 1024);
    auto n = pt::make_counting_notify();
    pio::framed<loop_io, pio::lines_codec> framed{loop_io(&s)};
    pf::task t(n, 0);
    std::size_t lines = 0;
    auto cycle = [&] {
        pf::task_scope scope(t);
        refill(s, 100);
        for (;;) {
            auto item = framed.poll_next();
            if (!item.is_ready())
                break;
            ++lines;
            BOOST_REQUIRE(framed.start_send(std::move(*item.value())).is_accepted());
        }
        BOOST_REQUIRE(framed.poll_complete().is_ready());
    };
    for (int warm = 0; warm < 10; ++warm)
        cycle();
    std::size_t const written_before = s.written;
    lines = 0;
    std::size_t const during = pt::allocations_during([&] {
        for (int i = 0; i < 1000; ++i)
            cycle();
    });
    BOOST_TEST(during == 0u);
    BOOST_TEST(lines == 1000u * 100u);
    BOOST_TEST(s.written - written_before == 1000u * 100u * 8u);
    BOOST_TEST(s.last_write.substr(0, 8) == "1234567\n");
}

BOOST_AUTO_TEST_CASE(a_lines_cycle_with_long_lines_allocates_only_the_line_it_hands_out)
{
    // lines_codec hands each line out as a std::string: a line longer than
    // the string's small buffer costs that one allocation, and nothing else
    // on the cycle allocates.
    std::string const line = std::string(100, 'x') + "\n";
    loop_io::state s;
    s.input.reserve(64 * 1024);
    auto n = pt::make_counting_notify();
    pio::framed<loop_io, pio::lines_codec> framed{loop_io(&s)};
    pf::task t(n, 0);
    std::size_t lines = 0;
    auto cycle = [&] {
        pf::task_scope scope(t);
        refill(s, 100, line);
        for (;;) {
            auto item = framed.poll_next();
            if (!item.is_ready())
                break;
            ++lines;
            BOOST_REQUIRE(framed.start_send(std::move(*item.value())).is_accepted());
        }
        BOOST_REQUIRE(framed.poll_complete().is_ready());
    };
    for (int warm = 0; warm < 10; ++warm)
        cycle();
    std::size_t const written_before = s.written;
    lines = 0;
    std::size_t const during = pt::allocations_during([&] {
        for (int i = 0; i < 100; ++i)
            cycle();
    });
    BOOST_TEST(lines == 100u * 100u);
    BOOST_TEST(during == lines);
    BOOST_TEST(s.written - written_before == 100u * 100u * line.size());
    BOOST_TEST(s.last_write == line.substr(0, 64));
}

BOOST_AUTO_TEST_CASE(a_pipelined_server_connection_allocates_nothing_per_request)
{
    loop_io::state s;
    s.input.reserve(64 * 1024);
    auto n = pt::make_counting_notify();
    auto service = protokit::service::service_fn([](std::uint64_t v) { return pf::ok(v * 2); });
    auto conn = pf::spawn(protokit::pipeline::server_connection(u64_proto{}, loop_io(&s), service));
    auto cycle = [&] {
        refill(s, 200);
        for (int polls = 0; s.read_pos < s.input.size() && polls < 100; ++polls)
            BOOST_REQUIRE(conn.poll_future_notify(n, 0).is_not_ready());
        BOOST_REQUIRE(s.read_pos == s.input.size());
        BOOST_REQUIRE(conn.poll_future_notify(n, 0).is_not_ready());
    };
    for (int warm = 0; warm < 20; ++warm)
        cycle();
    std::size_t const written_before = s.written;
    std::size_t during = pt::allocations_during([&] {
        for (int i = 0; i < 500; ++i)
            cycle();
    });
    BOOST_TEST(during == 0u);
    BOOST_TEST(s.written - written_before ==
               500u * 200u * 8u); // every request answered: "2469134\n"
}

BOOST_AUTO_TEST_CASE(a_pipelined_connection_whose_calls_wait_to_be_notified_allocates_nothing)
{
    // Every call is pending when first polled: it joins the connection's
    // set of calls, is woken through its own member task, and is polled
    // again: the path of a service that does real work.
    loop_io::state s;
    s.input.reserve(64 * 1024);
    parking_lot lot;
    auto n = pt::make_counting_notify();
    auto service = protokit::service::service_fn(
        [lot = &lot](std::uint64_t v) { return parked_call(lot, v); });
    auto conn = pf::spawn(protokit::pipeline::server_connection(u64_proto{}, loop_io(&s), service));
    std::size_t wake_ups = 0;
    auto cycle = [&] {
        refill(s, 200);
        std::size_t const target = s.written + 200 * 8;
        for (int polls = 0; s.written < target && polls < 1000; ++polls) {
            BOOST_REQUIRE(conn.poll_future_notify(n, 0).is_not_ready());
            lot.release_all();
            wake_ups += static_cast<std::size_t>(n->take());
        }
        BOOST_REQUIRE(s.written == target);
        BOOST_REQUIRE(s.read_pos == s.input.size());
    };
    for (int warm = 0; warm < 20; ++warm)
        cycle();
    std::size_t const written_before = s.written;
    std::size_t const parked_before = lot.not_ready_polls;
    wake_ups = 0;
    std::size_t during = pt::allocations_during([&] {
        for (int i = 0; i < 200; ++i)
            cycle();
    });
    BOOST_TEST(during == 0u);
    BOOST_TEST(s.written - written_before == 200u * 200u * 8u);
    BOOST_TEST(s.last_write.substr(0, 8) == "2469134\n");
    // Every call was pending at least once, and the connection was woken for them.
    BOOST_TEST(lot.not_ready_polls - parked_before >= 200u * 200u);
    BOOST_TEST(wake_ups >= 200u * 200u / 32u);
}

BOOST_AUTO_TEST_CASE(a_pipelined_connection_over_loopback_through_a_core_allocates_nothing)
{
    // The doubler's server connection on a real loopback socket, driven by
    // a core's turns (readiness waits, asio handlers, task wake-ups); a
    // client task on the same core sends a batch of requests, reads every
    // answer back, and checks them.
    protokit::reactor::core core;
    auto h = core.get_handle();
    auto streams = pt::connected_pair(core);
    protokit::reactor::tcp_stream& client = streams.first;
    BOOST_REQUIRE(!client.set_nodelay(true)); // no wait for delayed acknowledgements
    BOOST_REQUIRE(!streams.second.set_nodelay(true));
    auto service = protokit::service::service_fn([](std::uint64_t v) { return pf::ok(v * 2); });
    h.spawn(protokit::pipeline::server_connection(u64_proto{}, std::move(streams.second), service));

    constexpr std::size_t batch = 50;
    std::string requests;
    std::string expected;
    for (std::size_t i = 0; i < batch; ++i) {
        requests += std::to_string(1000000 + i) + "\n";
        expected += std::to_string(2 * (1000000 + i)) + "\n";
    }
    std::string answers(expected.size(), '\0');
    int rounds = 0;
    int wrong = 0;
    h.spawn(pt::poll_fn([&, sent = std::size_t{0}, got = std::size_t{0},
                         writing = true]() mutable -> pf::poll_result<pf::unit> {
        for (;;) {
            if (writing) {
                while (sent < requests.size()) {
                    PROTOKIT_TRY_READY(
                        k, client.poll_write(std::span<char const>(requests).subspan(sent)));
                    sent += k;
                }
                writing = false;
                got = 0;
            }
            while (got < answers.size()) {
                PROTOKIT_TRY_READY(k, client.poll_read(std::span<char>(answers).subspan(got)));
                if (k == 0)
                    return pf::ready();
                got += k;
            }
            wrong += answers != expected;
            ++rounds;
            writing = true;
            sent = 0;
        }
    }));

    for (int turns = 0; rounds < 20 && turns < 10000; ++turns)
        core.turn(std::chrono::milliseconds(100));
    BOOST_REQUIRE(rounds >= 20);
    int const warm = rounds;
    std::size_t const during = pt::allocations_during([&] {
        for (int turns = 0; rounds < warm + 200 && turns < 20000; ++turns)
            core.turn(std::chrono::milliseconds(100));
    });
    BOOST_TEST(during == 0u);
    BOOST_TEST(rounds >= warm + 200);
    BOOST_TEST(wrong == 0);
}

namespace {

pf::async_fn<int> doubled_when_ready(pt::test_future<int> f)
{
    int const v = co_await std::move(f);
    co_return co_await pf::ok(v * 2);
}

pf::async_fn<int> nested_sum(int depth)
{
    if (depth == 0)
        co_return 0;
    co_return depth + co_await nested_sum(depth - 1);
}

} // namespace

BOOST_AUTO_TEST_CASE(a_coroutine_allocates_its_frame_and_nothing_else)
{
    auto n = pt::make_counting_notify();
    auto [tf, control] = pt::make_test_future<int>();
    std::optional<pf::spawned<pf::async_fn<int>>> s;
    // The frame (holding the argument, then the awaited futures) is the one allocation.
    BOOST_TEST(pt::allocations_during([&] { s.emplace(doubled_when_ready(std::move(tf))); }) == 1u);
    std::size_t const polls = pt::allocations_during([&] {
        BOOST_TEST(s->poll_future_notify(n, 0).is_not_ready());
        BOOST_TEST(s->poll_future_notify(n, 0).is_not_ready());
    });
    BOOST_TEST(polls == 0u);
    control.set_ready(21);
    std::size_t const finish = pt::allocations_during([&] {
        auto r = s->poll_future_notify(n, 0);
        BOOST_TEST_REQUIRE(r.is_ready());
        BOOST_TEST(r.value() == 42);
        s.reset();
    });
    BOOST_TEST(finish == 0u);

    // Nested coroutines: one frame each, made as each call is awaited.
    std::size_t const nested = pt::allocations_during([&] {
        auto f = pf::spawn(nested_sum(10));
        auto r = f.poll_future_notify(n, 0);
        BOOST_TEST_REQUIRE(r.is_ready());
        BOOST_TEST(r.value() == 55);
    });
    BOOST_TEST(nested == 11u);
}

BOOST_AUTO_TEST_SUITE_END()

// The hot path allocates nothing per request in steady state: a counting
// replacement of the global operator new (this binary only) watches the
// thread under test while it polls combinator chains, a framed
// read-decode-encode-write cycle and a whole pipelined server connection.

#include <protokit/future/future.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/lines_codec.hpp>
#include <protokit/proto/pipeline.hpp>
#include <protokit/service/service_fn.hpp>

#include "../support/counting_allocator.hpp"
#include "../support/mock_notify.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <charconv>
#include <span>
#include <string>


namespace pf = protokit::future;
namespace pio = protokit::io;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(alloc_steady_state)

namespace {

/// An in-memory Io: reads come from a fixed input buffer the test refills, writes are counted and dropped.
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

/// Refills the input with `count` requests, without growing it.
void refill(loop_io::state& s, int count)
{
    s.input.clear();
    s.read_pos = 0;
    for (int i = 0; i < count; ++i)
        s.input.append("1234567\n");
}

} // namespace

BOOST_AUTO_TEST_CASE(the_counter_counts)
{
    static int* volatile kept = nullptr; // a new/delete pair the optimizer may not elide
    BOOST_TEST(pt::allocations_during([] { kept = new int(1); }) == 1u);
    delete kept;
}

BOOST_AUTO_TEST_CASE(polling_a_combinator_chain_allocates_nothing)
{
    auto n = pt::make_counting_notify();
    auto [inner, control] = pt::make_test_future<int>();
    std::size_t during = pt::allocations_during([&, &inner = inner] {
        auto chain = pf::spawn(std::move(inner)
                                   .map([](int v) { return v + 1; })
                                   .and_then([](int v) { return pf::ok(v * 2); })
                                   .then([](boost::system::result<int> r) { return pf::ok(r.value() + 1); }));
        for (int i = 0; i < 1000; ++i) {
            auto r = chain.poll_future_notify(n, 0);
            BOOST_REQUIRE(r.is_not_ready());
        }
    });
    BOOST_TEST(during == 0u);
    (void)control;
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
    std::size_t during = pt::allocations_during([&] {
        for (int i = 0; i < 1000; ++i)
            cycle();
    });
    BOOST_TEST(during == 0u);
    BOOST_TEST(s.last_write.substr(0, 8) == "2469134\n");
}

BOOST_AUTO_TEST_CASE(a_lines_cycle_with_short_lines_allocates_nothing)
{
    loop_io::state s;
    s.input.reserve(64 * 1024);
    auto n = pt::make_counting_notify();
    pio::framed<loop_io, pio::lines_codec> framed{loop_io(&s)};
    pf::task t(n, 0);
    auto cycle = [&] {
        pf::task_scope scope(t);
        refill(s, 100);
        for (;;) {
            auto item = framed.poll_next();
            if (!item.is_ready())
                break;
            BOOST_REQUIRE(framed.start_send(std::move(*item.value())).is_accepted());
        }
        BOOST_REQUIRE(framed.poll_complete().is_ready());
    };
    for (int warm = 0; warm < 10; ++warm)
        cycle();
    BOOST_TEST(pt::allocations_during([&] {
                   for (int i = 0; i < 1000; ++i)
                       cycle();
               }) == 0u);
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
    BOOST_TEST(s.written - written_before == 500u * 200u * 8u); // every request answered: "2469134\n"
}

BOOST_AUTO_TEST_SUITE_END()

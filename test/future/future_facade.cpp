// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/future_facade.hpp>

#include <protokit/future/future.hpp>

#include "../support/counting_allocator.hpp"
#include "../support/mock_notify.hpp"

#include <boost/test/unit_test.hpp>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_future_facade)

namespace {

// A future written by hand: ready after it was polled `left` more times.
class countdown : public pf::future_facade<countdown> {
public:
    using item_type = int;
    using error_type = pf::error_code;

    explicit countdown(int left) : left_(left) {}

    pf::poll_result<int> poll()
    {
        if (left_ == 0)
            return pf::ready(7);
        --left_;
        pf::current_task().notify();
        return pf::not_ready;
    }

private:
    int left_;
};

} // namespace

BOOST_AUTO_TEST_CASE(a_hand_written_future_gets_the_combinators)
{
    static_assert(pf::Future<countdown>);
    auto n = pt::make_counting_notify();
    auto f =
        pf::spawn(countdown(2).map([](int v) { return v * 6; }).inspect([](int const&) {}).fuse());
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).is_not_ready());
    BOOST_TEST(n->take() == 1);
    BOOST_TEST(f.poll_future_notify(n, 0).value() == 42);
    BOOST_TEST(f.get_ref().is_done());
}

BOOST_AUTO_TEST_CASE(combinators_compose_without_allocating_state)
{
    // Plain combinators are values holding their parts: their size is that of the parts.
    auto f = countdown(0).map([](int v) { return v; });
    static_assert(sizeof(f) <=
                  sizeof(countdown) + sizeof(std::optional<char>) + alignof(countdown));
    // Making, polling to completion and dropping a chain allocates nothing.
    auto n = pt::make_counting_notify();
    int value = 0;
    int polls = 0;
    std::size_t const allocations = pt::allocations_during([&] {
        auto s = pf::spawn(
            countdown(3)
                .map([](int v) { return v * 6; })
                .and_then([](int v) { return countdown(1).map([v](int w) { return v + w; }); })
                .inspect([](int const&) {})
                .fuse());
        while (polls < 10) {
            ++polls;
            auto r = s.poll_future_notify(n, 0);
            if (r.is_ready()) {
                value = r.value();
                break;
            }
        }
    });
    BOOST_TEST(allocations == 0u);
    BOOST_TEST(value == 42 + 7);
    BOOST_TEST(polls == 5); // the first not ready three times, then the second once
}

BOOST_AUTO_TEST_SUITE_END()

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_DEADLINE_HPP
#define PROTOKIT_TEST_SUPPORT_DEADLINE_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/timeout.hpp>

#include <chrono>
#include <utility>

namespace protokit::test {

/// `f`, failing with `error::timed_out` if it takes longer than the deadline.
template <class F>
class with_deadline : public future::future_facade<with_deadline<F>> {
public:
    using item_type = typename F::item_type;
    using error_type = future::error_code;

    with_deadline(F f, reactor::timeout t) : inner_(std::move(f)), timer_(std::move(t)) {}

    future::poll_result<item_type> poll()
    {
        auto r = inner_.poll();
        if (!r.is_not_ready())
            return r;
        if (timer_.poll().is_ready())
            return future::fail(make_error_code(error::timed_out));
        return future::not_ready;
    }

private:
    F inner_;
    reactor::timeout timer_;
};

/// Runs `f` on `core` for at most `limit` (10 s by default): every test loop stays bounded.
template <class F>
auto run_for(reactor::core& core, F f, std::chrono::steady_clock::duration limit = std::chrono::seconds(10))
{
    return core.run(with_deadline<F>(std::move(f), reactor::timeout(core.get_handle(), limit)));
}

} // namespace protokit::test

#endif

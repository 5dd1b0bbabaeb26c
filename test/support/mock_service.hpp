// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_MOCK_SERVICE_HPP
#define PROTOKIT_TEST_SUPPORT_MOCK_SERVICE_HPP

// A service of ints whose calls and readiness the test controls, for the
// middleware's tests: each call's future is a `test_future` the test
// completes by hand; `poll_ready` is ready, not ready (the task registered
// and woken when the test opens it), or an error, as the test sets it.

#include <protokit/future/poll.hpp>
#include <protokit/future/task.hpp>

#include "test_future.hpp"

#include <memory>
#include <utility>
#include <vector>

namespace protokit::test {

/// What a `mock_service` saw and what it will answer, shared with the test.
struct mock_service_state {
    /// The requests of the calls, in order.
    std::vector<int> requests;
    /// The controls of the calls' futures, in order.
    std::vector<test_future_control<int>> calls;
    /// Whether `poll_ready` is ready (unless `ready_error` is set).
    bool ready = true;
    /// The error `poll_ready` fails with, if set.
    future::error_code ready_error;
    /// How many times `poll_ready` was asked.
    int ready_polls = 0;
    future::task_slot waiter;

    /// Makes `poll_ready` ready and wakes the task that waits on it.
    void open()
    {
        ready = true;
        waiter.take_and_notify();
    }
};

/// The service: requests and responses are ints.
class mock_service {
public:
    using request_type = int;
    using response_type = int;
    using error_type = future::error_code;

    explicit mock_service(std::shared_ptr<mock_service_state> s) : s_(std::move(s)) {}

    test_future<int> call(int request)
    {
        s_->requests.push_back(request);
        auto [f, control] = make_test_future<int>();
        s_->calls.push_back(control);
        return std::move(f);
    }

    future::poll_result<future::unit> poll_ready()
    {
        ++s_->ready_polls;
        if (s_->ready_error)
            return future::fail(s_->ready_error);
        if (!s_->ready) {
            s_->waiter.register_current();
            return future::not_ready;
        }
        return future::ready();
    }

private:
    std::shared_ptr<mock_service_state> s_;
};

/// A mock service and its state.
inline std::pair<mock_service, std::shared_ptr<mock_service_state>> make_mock_service()
{
    auto s = std::make_shared<mock_service_state>();
    return {mock_service(s), s};
}

/// `s.poll_ready()` as a task of `n` (id `id`).
template <class S, class N>
auto poll_ready_as(S& s, N const& n, std::uint64_t id = 0)
{
    future::task t(n, id);
    future::task_scope scope(t);
    return s.poll_ready();
}

} // namespace protokit::test

#endif

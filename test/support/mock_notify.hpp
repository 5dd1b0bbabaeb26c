// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_MOCK_NOTIFY_HPP
#define PROTOKIT_TEST_SUPPORT_MOCK_NOTIFY_HPP

#include <protokit/future/executor.hpp>

#include <atomic>
#include <cstdint>

namespace protokit::test {

/** A notify target that counts the notifications it receives.

    Tests poll futures by hand with it, as futures-rs's own tests do, and
    assert that a not-ready poll was followed by exactly the notifications
    the contract promises.
*/
class counting_notify final : public future::notify_target {
public:
    void notify(std::uint64_t id) noexcept override
    {
        ++count_;
        last_id_ = id;
    }

    /// Notifications received since the last call; resets the count.
    int take() noexcept { return count_.exchange(0); }
    int count() const noexcept { return count_.load(); }
    std::uint64_t last_id() const noexcept { return last_id_.load(); }

private:
    std::atomic<int> count_{0};
    std::atomic<std::uint64_t> last_id_{0};
};

/// A fresh counting notify target.
inline boost::intrusive_ptr<counting_notify> make_counting_notify()
{
    return boost::intrusive_ptr<counting_notify>(new counting_notify);
}

/// Polls `f` once as a task of `n`.
template <class F>
auto poll_once(future::spawned<F>& f, boost::intrusive_ptr<counting_notify> const& n, std::uint64_t id = 0)
{
    return f.poll_future_notify(n, id);
}

} // namespace protokit::test

#endif

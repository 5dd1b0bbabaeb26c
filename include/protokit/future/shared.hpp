// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SHARED_HPP
#define PROTOKIT_FUTURE_SHARED_HPP

#include <protokit/future/detail/shared_state.hpp>
#include <protokit/future/future_facade.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <memory>
#include <optional>
#include <utility>

namespace protokit::future {

/** The future of `f.shared()`: a copyable handle to `f`'s outcome.

    futures-rs's `Shared`. Every copy (clone) completes with a copy of the
    value or error, which must therefore be copyable. Clones may be used on
    different threads (one thread per clone at a time): the first clone to
    poll drives `f`, the others wait, and every waiting clone's task is
    notified when `f` may progress or has completed. `f` is never polled by
    two clones at once. Creating it allocates once; copying and polling
    allocate nothing. A clone may be polled again after it completed: it is
    ready again with the same outcome.
*/
template <class F>
class shared_future : public future_facade<shared_future<F>> {
    using state_type = detail::shared_state<F>;

public:
    using item_type = typename F::item_type;
    using error_type = typename F::error_type;
    /// The outcome, as `peek()` shows it.
    using result_type = typename state_type::result_type;

    explicit shared_future(F f) : state_(std::make_unique<state_type>(std::move(f)).release())
    {
        state_->add_clone();
    }

    /// Another clone of the same future.
    shared_future(shared_future const& other) : state_(other.state_)
    {
        if (state_)
            state_->add_clone();
    }

    shared_future(shared_future&& other) noexcept : state_(std::move(other.state_))
    {
        if (state_)
            state_->move_waiter(other.waiter_, waiter_);
    }

    shared_future& operator=(shared_future const& other)
    {
        if (this != &other)
            *this = shared_future(other);
        return *this;
    }

    shared_future& operator=(shared_future&& other) noexcept
    {
        if (this != &other) {
            release();
            state_ = std::move(other.state_);
            if (state_)
                state_->move_waiter(other.waiter_, waiter_);
        }
        return *this;
    }

    ~shared_future() { release(); }

    poll_result<item_type, error_type> poll()
    {
        BOOST_ASSERT_MSG(state_, "shared_future polled after being moved from");
        return state_->poll(waiter_);
    }

    /// A copy of the outcome if the shared future has completed, without polling it.
    std::optional<result_type> peek() const
    {
        BOOST_ASSERT(state_);
        return state_->peek();
    }

private:
    void release() noexcept
    {
        if (state_) {
            state_->drop_clone(waiter_);
            state_.reset();
        }
    }

    boost::intrusive_ptr<state_type> state_;
    detail::shared_waiter waiter_;
};

} // namespace protokit::future

#endif

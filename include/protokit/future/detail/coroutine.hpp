// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_COROUTINE_HPP
#define PROTOKIT_FUTURE_DETAIL_COROUTINE_HPP

// The machinery of `async_fn` that does not depend on its item and error
// types: the links between a coroutine and the one that awaits it, and the
// bookkeeping of the root, the coroutine that is polled.
//
// An `async_fn` awaited by another runs nested in it: its frame is owned by
// the awaiting coroutine's promise (`child_`), and it shares that
// coroutine's root. Only the root is polled; its `poll()` resumes, one
// after the other, the coroutines named in `next_` (a trampoline: a
// coroutine never resumes another from its own stack), so that a chain of
// any depth runs, completes and is destroyed in constant stack space.

#include <coroutine>
#include <exception>

namespace protokit::future::detail {

struct coroutine_promise_base;

/// An awaited future that was not ready: the root polls it again before resuming its coroutine.
struct pending_await {
    /// Polls the future again; true while it is still not ready.
    bool (*repoll)(pending_await& self);
};

struct coroutine_promise_base {
    /// The frame this promise lives in.
    std::coroutine_handle<> self_;
    /// The coroutine that awaits this one (null for the root), and the root of their chain.
    coroutine_promise_base* parent_ = nullptr;
    coroutine_promise_base* root_ = this;
    /// The nested coroutine this one awaits: its frame is owned here.
    coroutine_promise_base* child_ = nullptr;
    /// Moves this coroutine's error, converted, into its parent; null when the parent takes it as a
    /// value.
    void (*fail_parent_)(coroutine_promise_base& self) = nullptr;

    bool started_ = false;
    bool done_ = false;
    bool failed_ = false;
    std::exception_ptr exception_;

    // The root's own state: what to resume next, and the future whose readiness it waits for.
    std::coroutine_handle<> next_;
    pending_await* pending_ = nullptr;

    coroutine_promise_base() = default;
    coroutine_promise_base(coroutine_promise_base const&) = delete;
    coroutine_promise_base& operator=(coroutine_promise_base const&) = delete;
};

/** What runs after `p` has completed (or failed): its parent, or nothing once the root is done.

    A failure the parent does not take as a value fails the parent too,
    and so on up the chain, in a loop rather than by resuming each parent.
*/
inline std::coroutine_handle<> after_completion(coroutine_promise_base* p) noexcept
{
    p->done_ = true;
    while (p->parent_ != nullptr) {
        if (!p->failed_ || p->fail_parent_ == nullptr)
            return p->parent_->self_;
        p->fail_parent_(*p);
        p = p->parent_;
        p->done_ = true;
    }
    return {};
}

/// Destroys the frame of `p` and of every coroutine nested in it, innermost first.
inline void destroy_chain(coroutine_promise_base& p) noexcept
{
    coroutine_promise_base* q = &p;
    while (q->child_ != nullptr)
        q = q->child_;
    while (q != &p) {
        coroutine_promise_base* parent = q->parent_;
        parent->child_ = nullptr;
        q->self_.destroy();
        q = parent;
    }
    p.self_.destroy();
}

/// The first suspension of every `async_fn`: it runs when first polled, or when awaited.
struct initial_awaiter {
    coroutine_promise_base* promise;

    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const noexcept { promise->started_ = true; }
};

/// The last suspension of every `async_fn`: hands control to whatever runs after it.
struct final_awaiter {
    bool await_ready() const noexcept { return false; }

    template <class P>
    void await_suspend(std::coroutine_handle<P> h) const noexcept
    {
        coroutine_promise_base& p = h.promise();
        p.root_->next_ = after_completion(&p);
    }

    void await_resume() const noexcept {}
};

} // namespace protokit::future::detail

#endif

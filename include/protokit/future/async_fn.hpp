// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_ASYNC_FN_HPP
#define PROTOKIT_FUTURE_ASYNC_FN_HPP

#include <protokit/future/detail/coroutine.hpp>
#include <protokit/future/future_facade.hpp>

#include <boost/system/result.hpp>

#include <concepts>
#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace protokit::future {

template <class T = unit, class E = error_code>
class async_fn;

namespace detail {
template <class Child, class E, bool Settled>
class async_fn_awaiter;
} // namespace detail

/** A coroutine that is a future: `co_await` futures in it, `co_return` its value.

    futures-await's `#[async] fn`. The body runs only when the future is
    polled (or awaited by another `async_fn`), on the polling thread, as
    part of the current task: nothing is allocated but the coroutine's
    frame, and nothing runs on another thread.

    - `co_await f`, for any Future `f`, polls `f` (kept in the frame) and
      gives its value. While `f` is not ready, the `async_fn` is not ready
      (the current task was registered by `f`). If `f` fails, the
      coroutine stops there and the `async_fn` fails with `f`'s error,
      converted to `E` as `from_err` does. `co_await settled(f)` gives a
      `boost::system::result` instead, to handle the error in the body.
    - `co_await next(s)`, for a Stream `s`, gives its next item as a
      `std::optional` (`std::nullopt` at the end).
    - `co_return v` completes it with `v`; an `async_fn<unit, E>` ends with
      `co_return;` or at the end of its body. `co_return fail(e)` fails it
      with `e` (in an `async_fn<unit, E>`: `co_await err(e)`).
    - An exception that leaves the body leaves `poll()`, as from any
      future's callback: the task boundary catches it. An awaiting
      `async_fn` gets it from `co_await` first, and may catch it.
    - Dropping the future destroys the frame and every future it awaits.

    An `async_fn` awaited (as an rvalue) by another runs nested in it, with
    no extra poll per level: a chain of nested coroutines of any depth
    runs, fails and is destroyed in constant stack space.

    Arguments are copied into the frame when taken by value; a reference
    argument, or the captures of a lambda that is a coroutine, must outlive
    the future.
*/
template <class T, class E>
class async_fn : public future_facade<async_fn<T, E>> {
public:
    using item_type = T;
    using error_type = E;

    /// What the compiler makes of the body: users never name it.
    class promise_type;

    async_fn(async_fn&& other) noexcept : h_(std::exchange(other.h_, {})) {}
    async_fn& operator=(async_fn&& other) noexcept
    {
        if (this != &other) {
            reset();
            h_ = std::exchange(other.h_, {});
        }
        return *this;
    }
    ~async_fn() { reset(); }

    /** Runs the body until it completes or awaits a future that is not ready.

        Rethrows an exception that left the body.
    */
    poll_result<T, E> poll();

    /// True once the body has begun: it can no longer run nested in another `async_fn`.
    bool started() const noexcept { return h_ && promise().started_; }

private:
    template <class Child, class G, bool Settled>
    friend class detail::async_fn_awaiter;

    explicit async_fn(std::coroutine_handle<promise_type> h) noexcept : h_(h) {}

    promise_type& promise() const noexcept { return h_.promise(); }

    std::coroutine_handle<promise_type> release() noexcept { return std::exchange(h_, {}); }

    void reset() noexcept
    {
        if (h_)
            detail::destroy_chain(std::exchange(h_, {}).promise());
    }

    std::coroutine_handle<promise_type> h_;
};

/// What `co_await settled(f)` awaits: `f`, whose error becomes part of the value.
template <class F>
struct settled_awaitable {
    F future;
};

/** Awaits `f` in an `async_fn` without failing on its error.

    `co_await settled(f)` gives a `boost::system::result<item, error>` of
    `f`'s own item and error types.
*/
template <class F>
requires Future<std::remove_cvref_t<F>> settled_awaitable<F> settled(F&& f)
{
    return {std::forward<F>(f)};
}

/// The future of `next(s)`: the next item of the stream `s`, or `std::nullopt` at its end.
template <Stream S>
class next_future : public future_facade<next_future<S>> {
public:
    using item_type = std::optional<typename S::item_type>;
    using error_type = typename S::error_type;

    explicit next_future(S& s) noexcept : stream_(&s) {}

    poll_result<item_type, error_type> poll() { return stream_->poll_next(); }

private:
    S* stream_;
};

/** The next item of `s`, as a future; `s` is polled in place and must outlive it.

    In an `async_fn`: `while (auto item = co_await next(s)) { ... }`.
*/
template <Stream S>
next_future<S> next(S& s) noexcept
{
    return next_future<S>(s);
}

namespace detail {

template <class X>
struct is_async_fn : std::false_type {
};

template <class T, class E>
struct is_async_fn<async_fn<T, E>> : std::true_type {
};

/// Converts an awaited future's error `G` to the coroutine's `E` (the rule of `from_err`).
template <class E, class G>
E convert_error(G&& g)
{
    static_assert(
        std::constructible_from<E, G&&>,
        "protokit: co_await needs the coroutine's error type to be constructible from the "
        "awaited future's (co_await settled(f), or f.map_err(...), otherwise)");
    return E(std::forward<G>(g));
}

/// The storage of an `async_fn`'s outcome, by error type (what an awaited future's failure sets).
template <class E>
class async_fn_promise_error : public coroutine_promise_base {
public:
    void fail(E e)
    {
        error_.emplace(std::move(e));
        failed_ = true;
    }

    std::optional<E> error_;
};

/** Awaits a Future in a coroutine whose error type is `E`: by value, or in place for an lvalue.

    The first poll is in `await_ready`: a ready future does not suspend.
    Not ready, the coroutine suspends and the root polls the future again
    on its next poll, before resuming the coroutine.
*/
template <class F, class E, bool Settled>
class future_awaiter : public pending_await {
public:
    using future_type = std::remove_cvref_t<F>;
    using item_type = typename future_type::item_type;
    using awaited_error_type = typename future_type::error_type;
    using result_type =
        std::conditional_t<Settled, boost::system::result<item_type, awaited_error_type>,
                           item_type>;

    template <class X>
    explicit future_awaiter(X&& f) : pending_await{&repoll_future}, future_(std::forward<X>(f))
    {
    }

    future_awaiter(future_awaiter const&) = delete;
    future_awaiter& operator=(future_awaiter const&) = delete;

    bool await_ready()
    {
        outcome_.emplace(future_.poll());
        return outcome_->is_ready() || (Settled && outcome_->is_error());
    }

    template <class P>
    void await_suspend(std::coroutine_handle<P> h)
    {
        owner_ = &h.promise();
        coroutine_promise_base& root = *owner_->root_;
        if (outcome_->is_error()) {
            fail_owner();
            return;
        }
        root.pending_ = this;
        root.next_ = h;
    }

    result_type await_resume()
    {
        if (exception_)
            std::rethrow_exception(exception_);
        if constexpr (Settled) {
            if (outcome_->is_error())
                return result_type(boost::system::in_place_error, std::move(*outcome_).error());
            return result_type(boost::system::in_place_value, std::move(*outcome_).value());
        } else {
            return std::move(*outcome_).value();
        }
    }

protected:
    std::remove_reference_t<F>& future_ref() noexcept { return future_; }

private:
    static bool repoll_future(pending_await& base)
    {
        auto& self = static_cast<future_awaiter&>(base);
        try {
            self.outcome_.emplace(self.future_.poll());
        } catch (...) {
            // Thrown where the coroutine awaits: it may catch it there.
            self.exception_ = std::current_exception();
            return false;
        }
        if (self.outcome_->is_not_ready())
            return true;
        if (!Settled && self.outcome_->is_error())
            self.fail_owner();
        return false;
    }

    void fail_owner()
    {
        if constexpr (!Settled) {
            static_cast<async_fn_promise_error<E>*>(owner_)->fail(
                convert_error<E>(std::move(*outcome_).error()));
            owner_->root_->next_ = after_completion(owner_);
        }
    }

    F future_;
    std::optional<poll_result<item_type, awaited_error_type>> outcome_;
    coroutine_promise_base* owner_ = nullptr;
    std::exception_ptr exception_;
};

/** Awaits an `async_fn<U, G>` in a coroutine whose error type is `E`: runs it nested.

    The child takes over the parent's root, and the parent resumes once
    the child completes. A child that was already polled on its own (it
    started) is awaited as any other future.
*/
template <class Child, class E, bool Settled>
class async_fn_awaiter : public future_awaiter<Child, E, Settled> {
    using base = future_awaiter<Child, E, Settled>;
    using child_promise = typename Child::promise_type;

public:
    using typename base::result_type;

    explicit async_fn_awaiter(Child&& child) : base(std::move(child)) {}

    bool await_ready()
    {
        if (child().started())
            return base::await_ready();
        nested_ = true;
        return false;
    }

    template <class P>
    void await_suspend(std::coroutine_handle<P> h)
    {
        if (!nested_) {
            base::await_suspend(h);
            return;
        }
        coroutine_promise_base& parent = h.promise();
        std::coroutine_handle<child_promise> c = child().release();
        BOOST_ASSERT_MSG(c, "co_await of an empty (moved-from) async_fn");
        child_ = &c.promise();
        child_->parent_ = &parent;
        child_->root_ = parent.root_;
        parent.child_ = child_;
        if constexpr (!Settled)
            child_->fail_parent_ = &fail_parent;
        parent.root_->next_ = c;
    }

    result_type await_resume()
    {
        if (!nested_)
            return base::await_resume();
        // The child is done: take its outcome and free its frame before the parent goes on.
        auto& c = static_cast<child_promise&>(*child_);
        struct release_child {
            coroutine_promise_base* child;
            ~release_child()
            {
                // A child that failed may still own the nested coroutines its failure came from.
                child->parent_->child_ = nullptr;
                destroy_chain(*child);
            }
        } guard{child_};
        if (c.exception_)
            std::rethrow_exception(c.exception_);
        if constexpr (Settled) {
            if (c.failed_)
                return result_type(boost::system::in_place_error, std::move(*c.error_));
            return result_type(boost::system::in_place_value, std::move(*c.value_));
        } else {
            return std::move(*c.value_);
        }
    }

private:
    Child& child() noexcept { return this->future_ref(); }

    static void fail_parent(coroutine_promise_base& self)
    {
        auto& c = static_cast<child_promise&>(self);
        static_cast<async_fn_promise_error<E>&>(*self.parent_)
            .fail(convert_error<E>(std::move(*c.error_)));
    }

    bool nested_ = false;
    coroutine_promise_base* child_ = nullptr;
};

/// The `co_return` of an `async_fn` by its item type: `co_return v;`, or `co_return;` for `unit`.
template <class T, class E>
class async_fn_promise_return : public async_fn_promise_error<E> {
public:
    template <class U = T>
    requires std::constructible_from<T, U&&>
    void return_value(U&& v) { value_.emplace(std::forward<U>(v)); }

    template <class G>
    requires std::constructible_from<E, G&&>
    void return_value(error_t<G>&& e) { this->fail(E(std::move(e.error))); }

    std::optional<T> value_;
};

template <class E>
class async_fn_promise_return<unit, E> : public async_fn_promise_error<E> {
public:
    void return_void() { value_.emplace(); }

    std::optional<unit> value_;
};

} // namespace detail

template <class T, class E>
class async_fn<T, E>::promise_type : public detail::async_fn_promise_return<T, E> {
public:
    async_fn get_return_object() noexcept
    {
        auto h = std::coroutine_handle<promise_type>::from_promise(*this);
        this->self_ = h;
        this->next_ = h;
        return async_fn(h);
    }

    detail::initial_awaiter initial_suspend() noexcept { return {this}; }
    detail::final_awaiter final_suspend() noexcept { return {}; }

    void unhandled_exception() noexcept { this->exception_ = std::current_exception(); }

    /// `co_await` takes futures (and `settled(f)`) only: anything else would not register the task.
    template <class F>
    requires Future<std::remove_cvref_t<F>>
    auto await_transform(F&& f)
    {
        using future_type = std::remove_cvref_t<F>;
        if constexpr (detail::is_async_fn<future_type>::value && !std::is_lvalue_reference_v<F>)
            return detail::async_fn_awaiter<future_type, E, false>(std::move(f));
        else
            return detail::future_awaiter<F, E, false>(std::forward<F>(f));
    }

    template <class F>
    auto await_transform(settled_awaitable<F>&& s)
    {
        using future_type = std::remove_cvref_t<F>;
        if constexpr (detail::is_async_fn<future_type>::value && !std::is_lvalue_reference_v<F>)
            return detail::async_fn_awaiter<future_type, E, true>(std::move(s.future));
        else
            return detail::future_awaiter<F, E, true>(std::forward<F>(s.future));
    }
};

template <class T, class E>
poll_result<T, E> async_fn<T, E>::poll()
{
    BOOST_ASSERT_MSG(h_ && !promise().exception_, "async_fn polled after completion");
    promise_type& root = promise();
    if (root.pending_ != nullptr) {
        if (root.pending_->repoll(*root.pending_))
            return not_ready;
        root.pending_ = nullptr;
    }
    while (root.next_) {
        std::exchange(root.next_, {}).resume();
        if (root.pending_ != nullptr)
            return not_ready;
    }
    BOOST_ASSERT(root.done_);
    if (root.exception_)
        std::rethrow_exception(root.exception_);
    if (root.failed_)
        return fail(std::move(*root.error_));
    return ready_t<T>{std::move(*root.value_)};
}

} // namespace protokit::future

#endif

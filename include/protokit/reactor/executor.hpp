#ifndef PROTOKIT_REACTOR_EXECUTOR_HPP
#define PROTOKIT_REACTOR_EXECUTOR_HPP

#include <protokit/future/concepts.hpp>
#include <protokit/future/poll.hpp>

#include <concepts>
#include <utility>

namespace protokit::reactor {

namespace detail {

/// A future that stands for "any future" when checking `Executor`.
struct executor_probe_future {
    using item_type = future::unit;
    using error_type = future::error_code;

    future::poll_result<future::unit> poll() { return future::not_ready; }
};

} // namespace detail

/** Something that runs futures as tasks: `e.spawn(f)`.

    futures-rs 0.1's `Executor`. A core's `handle` (same thread) and
    `remote` (any thread) are executors; a server takes one to run its
    connections, so that tests can hand it their own.
*/
template <class E>
concept Executor = std::copy_constructible<E> && requires(E const& e, detail::executor_probe_future f) {
    e.spawn(std::move(f));
};

} // namespace protokit::reactor

#endif

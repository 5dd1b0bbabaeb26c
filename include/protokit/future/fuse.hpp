// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_FUSE_HPP
#define PROTOKIT_FUTURE_FUSE_HPP

#include <protokit/future/future_facade.hpp>

#include <optional>
#include <utility>

namespace protokit::future {

/** The future of `f.fuse()`: `f`, then not ready forever once it completed.

    The inner future is dropped as soon as it completes. A poll after that
    returns not ready without registering the task: nothing will ever
    notify it (futures-rs's `Fuse`).
*/
template <class F>
class fuse_future : public future_facade<fuse_future<F>> {
public:
    using item_type = typename F::item_type;
    using error_type = typename F::error_type;

    explicit fuse_future(F f) : future_(std::in_place, std::move(f)) {}

    poll_result<item_type, error_type> poll()
    {
        if (!future_)
            return not_ready;
        auto r = future_->poll();
        if (!r.is_not_ready())
            future_.reset();
        return r;
    }

    /// True once the inner future has completed.
    bool is_done() const noexcept { return !future_; }

private:
    std::optional<F> future_;
};

} // namespace protokit::future

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_STREAM_FUSE_HPP
#define PROTOKIT_FUTURE_STREAM_FUSE_HPP

#include <protokit/future/stream_facade.hpp>

#include <utility>

namespace protokit::future {

/** The stream of `s.fuse()`: `s`, which may then be polled after its end.

    Once `s` has ended it is never polled again, and every later poll
    returns the end at once.
*/
template <class S>
class fuse_stream : public stream_facade<fuse_stream<S>> {
public:
    using item_type = typename S::item_type;
    using error_type = typename S::error_type;

    explicit fuse_stream(S s) : inner_(std::move(s)) {}

    stream_poll_result<item_type, error_type> poll_next()
    {
        if (done_)
            return end_of_stream;
        auto r = inner_.poll_next();
        if (r.is_ready() && !r.value())
            done_ = true;
        return r;
    }

    /// True once the inner stream has ended.
    bool is_done() const noexcept { return done_; }

    /// The inner stream.
    S& get_ref() noexcept { return inner_; }

    /// Gives the inner stream back.
    S into_inner() && { return std::move(inner_); }

private:
    S inner_;
    bool done_ = false;
};

} // namespace protokit::future

#endif

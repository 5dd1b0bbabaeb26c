// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_WINDOW_HPP
#define PROTOKIT_IO_WINDOW_HPP

#include <boost/assert.hpp>

#include <cstddef>
#include <utility>

namespace protokit::io {

/** A buffer seen through a window: only the bytes from `start()` to `end()` (tokio-io's `Window`).

    `data()` and `size()` are the window's, so that `read`, `read_exact` and
    `write_all` fill or take only that part of the buffer, while the buffer
    is kept whole to be handed back (`into_inner()`). A new window covers
    the whole buffer. `T` is any contiguous bytes with `data()` and
    `size()`: `std::vector<char>`, `std::string`, `std::array<char, N>`.
*/
template <class T>
class window {
public:
    /// A window over all of `buf`.
    explicit window(T buf) : buf_(std::move(buf)), end_(buf_.size()) {}

    /// Where the window starts in the buffer.
    std::size_t start() const noexcept { return start_; }

    /// Where the window ends in the buffer (one past its last byte).
    std::size_t end() const noexcept { return end_; }

    /// Moves the start; it may not pass the end.
    window& set_start(std::size_t start) noexcept
    {
        BOOST_ASSERT_MSG(start <= end_, "protokit: a window's start past its end");
        start_ = start;
        return *this;
    }

    /// Moves the end; it may not pass the buffer's size, nor come before the start.
    window& set_end(std::size_t end) noexcept
    {
        BOOST_ASSERT_MSG(start_ <= end && end <= buf_.size(),
                         "protokit: a window's end out of its buffer");
        end_ = end;
        return *this;
    }

    /// The first byte of the window.
    auto data() noexcept { return buf_.data() + start_; }
    auto data() const noexcept { return std::as_const(buf_).data() + start_; }

    /// The number of bytes in the window.
    std::size_t size() const noexcept { return end_ - start_; }

    /// The whole buffer.
    T const& get_ref() const noexcept { return buf_; }
    T& get_mut() noexcept { return buf_; }

    /// The whole buffer, given back.
    T into_inner() && { return std::move(buf_); }

private:
    T buf_;
    std::size_t start_ = 0;
    std::size_t end_;
};

} // namespace protokit::io

#endif

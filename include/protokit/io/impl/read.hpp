// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_IMPL_READ_HPP
#define PROTOKIT_IO_IMPL_READ_HPP

#include <algorithm>
#include <cstring>

namespace protokit::io {

namespace detail {

/** Grows a container for one read and trims it back to what the read brought.

    The trim happens on every way out, an exception included, so the
    container never keeps the zero bytes added for the read.
*/
template <class B>
class read_room {
public:
    read_room(B& buf, std::size_t room) : buf_(buf), size_(buf.size())
    {
        buf_.resize(size_ + room);
    }
    read_room(read_room const&) = delete;
    read_room& operator=(read_room const&) = delete;
    ~read_room() { buf_.resize(size_); }

    /// The added bytes, to read into.
    std::span<char> span() noexcept { return {buf_.data() + size_, buf_.size() - size_}; }

    /// Keeps the first `n` added bytes.
    void commit(std::size_t n) noexcept { size_ += n; }

private:
    B& buf_;
    std::size_t size_;
};

// The steps of each reading future, shared by its borrowing and by-value forms.

template <class T>
poll_result<std::size_t> poll_read_exact(T& io, std::span<char> buf, std::size_t& filled)
{
    while (filled < buf.size()) {
        PROTOKIT_TRY_READY(n, io.poll_read(buf.subspan(filled)));
        if (n == 0)
            return future::fail(make_error_code(error::unexpected_eof));
        filled += n;
    }
    return future::ready(filled);
}

template <class T, class B>
poll_result<std::size_t> poll_read_until(T& io, char delim, B& buf, std::size_t max_size,
                                         std::size_t& searched)
{
    constexpr std::size_t chunk = 512;
    for (;;) {
        char const* data = buf.data();
        std::size_t const size = buf.size();
        if (searched < size) {
            auto const* found = static_cast<char const*>(
                std::memchr(data + searched, static_cast<unsigned char>(delim), size - searched));
            if (found != nullptr)
                return future::ready(static_cast<std::size_t>(found - data) + 1);
        }
        searched = size;
        if (size >= max_size)
            return future::fail(make_error_code(error::frame_too_large));

        read_room<B> room(buf, std::min(chunk, max_size - size));
        PROTOKIT_TRY_READY(n, io.poll_read(room.span()));
        room.commit(n);
        if (n == 0)
            return future::ready(size);
    }
}

template <class T, class B>
poll_result<std::size_t> poll_read_to_end(T& io, B& buf, std::size_t& appended)
{
    constexpr std::size_t min_chunk = 4096;
    constexpr std::size_t max_chunk = 1024 * 1024;
    for (;;) {
        std::size_t const chunk = std::clamp<std::size_t>(buf.size(), min_chunk, max_chunk);
        read_room<B> room(buf, chunk);
        PROTOKIT_TRY_READY(n, io.poll_read(room.span()));
        room.commit(n);
        if (n == 0)
            return future::ready(appended);
        appended += n;
    }
}

} // namespace detail

template <AsyncRead T>
poll_result<std::size_t> read_exact_future<T>::poll()
{
    return detail::poll_read_exact(*io_, buf_, filled_);
}

template <AsyncRead T, DynamicBytes B>
poll_result<std::size_t> read_until_future<T, B>::poll()
{
    return detail::poll_read_until(*io_, delim_, *buf_, max_size_, searched_);
}

template <AsyncRead T, DynamicBytes B>
poll_result<std::size_t> read_to_end_future<T, B>::poll()
{
    return detail::poll_read_to_end(*io_, *buf_, appended_);
}

template <AsyncRead T, MutableBuffer B>
auto read_owned_future<T, B>::poll() -> poll_result<item_type>
{
    BOOST_ASSERT_MSG(io_ && buf_, "protokit: read_owned_future polled after completion");
    PROTOKIT_TRY_READY(n, io_->poll_read(as_writable_span(*buf_)));
    item_type out(std::move(*io_), std::move(*buf_), n);
    io_.reset();
    buf_.reset();
    return future::ready(std::move(out));
}

template <AsyncRead T, MutableBuffer B>
auto read_exact_owned_future<T, B>::poll() -> poll_result<item_type>
{
    BOOST_ASSERT_MSG(io_ && buf_, "protokit: read_exact_owned_future polled after completion");
    PROTOKIT_TRY_READY(n, detail::poll_read_exact(*io_, as_writable_span(*buf_), filled_));
    static_cast<void>(n);
    item_type out(std::move(*io_), std::move(*buf_));
    io_.reset();
    buf_.reset();
    return future::ready(std::move(out));
}

template <AsyncRead T, DynamicBytes B>
auto read_until_owned_future<T, B>::poll() -> poll_result<item_type>
{
    BOOST_ASSERT_MSG(io_ && buf_, "protokit: read_until_owned_future polled after completion");
    PROTOKIT_TRY_READY(n, detail::poll_read_until(*io_, delim_, *buf_, max_size_, searched_));
    item_type out(std::move(*io_), std::move(*buf_), n);
    io_.reset();
    buf_.reset();
    return future::ready(std::move(out));
}

template <AsyncRead T, DynamicBytes B>
auto read_to_end_owned_future<T, B>::poll() -> poll_result<item_type>
{
    BOOST_ASSERT_MSG(io_ && buf_, "protokit: read_to_end_owned_future polled after completion");
    PROTOKIT_TRY_READY(n, detail::poll_read_to_end(*io_, *buf_, appended_));
    static_cast<void>(n);
    item_type out(std::move(*io_), std::move(*buf_));
    io_.reset();
    buf_.reset();
    return future::ready(std::move(out));
}

} // namespace protokit::io

#endif

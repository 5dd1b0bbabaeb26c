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

} // namespace detail

template <AsyncRead T>
poll_result<std::size_t> read_exact_future<T>::poll()
{
    while (filled_ < buf_.size()) {
        PROTOKIT_TRY_READY(n, io_->poll_read(buf_.subspan(filled_)));
        if (n == 0)
            return future::fail(make_error_code(error::unexpected_eof));
        filled_ += n;
    }
    return future::ready(filled_);
}

template <AsyncRead T, DynamicBytes B>
poll_result<std::size_t> read_until_future<T, B>::poll()
{
    constexpr std::size_t chunk = 512;
    for (;;) {
        char const* data = buf_->data();
        std::size_t const size = buf_->size();
        if (searched_ < size) {
            auto const* found = static_cast<char const*>(std::memchr(
                data + searched_, static_cast<unsigned char>(delim_), size - searched_));
            if (found != nullptr)
                return future::ready(static_cast<std::size_t>(found - data) + 1);
        }
        searched_ = size;
        if (size >= max_size_)
            return future::fail(make_error_code(error::frame_too_large));

        detail::read_room<B> room(*buf_, std::min(chunk, max_size_ - size));
        PROTOKIT_TRY_READY(n, io_->poll_read(room.span()));
        room.commit(n);
        if (n == 0)
            return future::ready(size);
    }
}

template <AsyncRead T, DynamicBytes B>
poll_result<std::size_t> read_to_end_future<T, B>::poll()
{
    constexpr std::size_t min_chunk = 4096;
    constexpr std::size_t max_chunk = 1024 * 1024;
    for (;;) {
        std::size_t const chunk = std::clamp<std::size_t>(buf_->size(), min_chunk, max_chunk);
        detail::read_room<B> room(*buf_, chunk);
        PROTOKIT_TRY_READY(n, io_->poll_read(room.span()));
        room.commit(n);
        if (n == 0)
            return future::ready(appended_);
        appended_ += n;
    }
}

} // namespace protokit::io

#endif

#ifndef PROTOKIT_IO_SPLIT_HPP
#define PROTOKIT_IO_SPLIT_HPP

#include <protokit/io/io.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <stdexcept>
#include <utility>

namespace protokit::io {

template <Io T>
class write_half;

/** The reading half of an Io object cut in two by `split`.

    The two halves share the object and may be polled by two tasks: the
    Io contract keeps one registered task per direction. They are not
    thread-safe: poll both from the one reactor thread that owns the
    object (as every Io object of a reactor is).
*/
template <Io T>
class read_half {
public:
    /// Reads from the shared object.
    poll_result<std::size_t> poll_read(std::span<char> buf) { return io_->poll_read(buf); }

    /// True if `w` is the other half of the same object.
    bool is_pair_of(write_half<T> const& w) const noexcept { return io_ == w.io_; }

private:
    template <Io U>
    friend std::pair<read_half<U>, write_half<U>> split(U io);
    template <Io U>
    friend U unsplit(read_half<U> r, write_half<U> w);
    friend class write_half<T>;

    explicit read_half(std::shared_ptr<T> io) noexcept : io_(std::move(io)) {}

    std::shared_ptr<T> io_;
};

/// The writing half of an Io object cut in two by `split`; see `read_half`.
template <Io T>
class write_half {
public:
    /// Writes to the shared object.
    poll_result<std::size_t> poll_write(std::span<char const> buf) { return io_->poll_write(buf); }

    /// Flushes the shared object.
    poll_result<unit> poll_flush() { return io_->poll_flush(); }

    /// Shuts the write direction of the shared object; the read half goes on.
    poll_result<unit> shutdown() { return io_->shutdown(); }

    /// True if `r` is the other half of the same object.
    bool is_pair_of(read_half<T> const& r) const noexcept { return io_ == r.io_; }

private:
    template <Io U>
    friend std::pair<read_half<U>, write_half<U>> split(U io);
    template <Io U>
    friend U unsplit(read_half<U> r, write_half<U> w);
    friend class read_half<T>;

    explicit write_half(std::shared_ptr<T> io) noexcept : io_(std::move(io)) {}

    std::shared_ptr<T> io_;
};

/** Cuts `io` into a reading and a writing half that share it (tokio-io's `split`).

    Allocates once, to share the object. See `read_half` for who may poll
    them.
*/
template <Io U>
std::pair<read_half<U>, write_half<U>> split(U io)
{
    auto shared = std::make_shared<U>(std::move(io));
    return {read_half<U>(shared), write_half<U>(shared)};
}

/// Joins the two halves of one object back into it; halves of two objects are a
/// `std::invalid_argument`.
template <Io U>
U unsplit(read_half<U> r, write_half<U> w)
{
    if (!r.is_pair_of(w))
        throw std::invalid_argument("protokit::io::unsplit: the halves of two objects");
    std::shared_ptr<U> io = std::move(r.io_);
    w.io_.reset();
    return std::move(*io);
}

} // namespace protokit::io

#endif

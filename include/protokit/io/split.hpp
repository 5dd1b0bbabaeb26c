// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_SPLIT_HPP
#define PROTOKIT_IO_SPLIT_HPP

#include <protokit/io/io.hpp>

#include <boost/assert.hpp>

#include <atomic>
#include <cstddef>
#include <memory>
#include <span>
#include <stdexcept>
#include <thread>
#include <utility>

namespace protokit::io {

namespace detail {

/// The object two halves share, and the thread they are polled on.
template <class T>
struct split_object {
    explicit split_object(T&& object) : io(std::move(object)) {}

    /// True on the thread of the first poll of either half (which claims it).
    bool on_its_thread() noexcept
    {
        std::thread::id const self = std::this_thread::get_id();
        std::thread::id expected{};
        return owner.compare_exchange_strong(expected, self, std::memory_order_relaxed) ||
               expected == self;
    }

    T io;
    std::atomic<std::thread::id> owner{};
};

} // namespace detail

/// Asserts, in debug builds, that a split half is polled on the thread of the first poll.
#define PROTOKIT_ASSERT_SPLIT_THREAD(object, what)                                                 \
    BOOST_ASSERT_MSG((object).on_its_thread(),                                                     \
                     "protokit: an " what " was used on a thread other than its other half's")

template <Io T>
class write_half;

/** The reading half of an Io object cut in two by `split`.

    The two halves share the object and may be polled by two tasks: the
    Io contract keeps one registered task per direction. They are not
    thread-safe: poll both on one thread, the reactor thread that owns the
    object (as every Io object of a reactor is). The first poll of either
    half claims its thread; debug builds assert that every later poll of
    both is on it, naming the half.
*/
template <Io T>
class read_half {
public:
    /// Reads from the shared object.
    poll_result<std::size_t> poll_read(std::span<char> buf)
    {
        PROTOKIT_ASSERT_SPLIT_THREAD(*io_, "io::read_half");
        return io_->io.poll_read(buf);
    }

    /// True if `w` is the other half of the same object.
    bool is_pair_of(write_half<T> const& w) const noexcept { return io_ == w.io_; }

private:
    template <Io U>
    friend std::pair<read_half<U>, write_half<U>> split(U io);
    template <Io U>
    friend U unsplit(read_half<U> r, write_half<U> w);
    friend class write_half<T>;

    explicit read_half(std::shared_ptr<detail::split_object<T>> io) noexcept : io_(std::move(io)) {}

    std::shared_ptr<detail::split_object<T>> io_;
};

/// The writing half of an Io object cut in two by `split`; see `read_half`.
template <Io T>
class write_half {
public:
    /// Writes to the shared object.
    poll_result<std::size_t> poll_write(std::span<char const> buf)
    {
        PROTOKIT_ASSERT_SPLIT_THREAD(*io_, "io::write_half");
        return io_->io.poll_write(buf);
    }

    /// Flushes the shared object.
    poll_result<unit> poll_flush()
    {
        PROTOKIT_ASSERT_SPLIT_THREAD(*io_, "io::write_half");
        return io_->io.poll_flush();
    }

    /// Shuts the write direction of the shared object; the read half goes on.
    poll_result<unit> shutdown()
    {
        PROTOKIT_ASSERT_SPLIT_THREAD(*io_, "io::write_half");
        return io_->io.shutdown();
    }

    /// True if `r` is the other half of the same object.
    bool is_pair_of(read_half<T> const& r) const noexcept { return io_ == r.io_; }

private:
    template <Io U>
    friend std::pair<read_half<U>, write_half<U>> split(U io);
    template <Io U>
    friend U unsplit(read_half<U> r, write_half<U> w);
    friend class read_half<T>;

    explicit write_half(std::shared_ptr<detail::split_object<T>> io) noexcept : io_(std::move(io))
    {
    }

    std::shared_ptr<detail::split_object<T>> io_;
};

/** Cuts `io` into a reading and a writing half that share it (tokio-io's `split`).

    Allocates once, to share the object. See `read_half` for who may poll
    them.
*/
template <Io U>
std::pair<read_half<U>, write_half<U>> split(U io)
{
    auto shared = std::make_shared<detail::split_object<U>>(std::move(io));
    return {read_half<U>(shared), write_half<U>(shared)};
}

/// Joins the two halves of one object back into it; halves of two objects are a
/// `std::invalid_argument`.
template <Io U>
U unsplit(read_half<U> r, write_half<U> w)
{
    if (!r.is_pair_of(w))
        throw std::invalid_argument("protokit::io::unsplit: the halves of two objects");
    std::shared_ptr<detail::split_object<U>> io = std::move(r.io_);
    w.io_.reset();
    return std::move(io->io);
}

} // namespace protokit::io

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_BYTES_HPP
#define PROTOKIT_IO_BYTES_HPP

#include <protokit/io/detail/byte_storage.hpp>

#include <cstddef>
#include <iosfwd>
#include <span>
#include <string_view>

namespace protokit::io {

class bytes_mut;

/** An immutable, cheaply copied view of shared bytes (the bytes crate's `Bytes`).

    A frame cut from a `bytes_mut` by `split_to` is a `bytes` over the same
    storage: no byte is copied, and the storage lives until the last view of
    it is gone. Copying a `bytes` copies a pointer and bumps an atomic count,
    so frames may be handed to other threads. A `bytes` is a value: it is not
    safe to modify one object from two threads at once.
*/
class bytes {
public:
    using value_type = char;
    using size_type = std::size_t;
    using const_iterator = char const*;
    using iterator = const_iterator;

    /// An empty view.
    bytes() noexcept = default;

    /// A copy of `s` in storage of its own.
    explicit bytes(std::string_view s);

    /// A view of bytes that outlive every use of it (a string literal): nothing is copied.
    static bytes from_static(std::string_view s) noexcept;

    bytes(bytes const&) noexcept = default;
    bytes(bytes&& other) noexcept;
    bytes& operator=(bytes const&) noexcept = default;
    bytes& operator=(bytes&& other) noexcept;
    ~bytes() = default;

    /// The first byte (`nullptr` for an empty view).
    char const* data() const noexcept { return data_; }
    /// The number of bytes viewed.
    std::size_t size() const noexcept { return size_; }
    /// True if no byte is viewed.
    bool empty() const noexcept { return size_ == 0; }

    /// The `i`-th byte; `i < size()`.
    char operator[](std::size_t i) const noexcept;
    const_iterator begin() const noexcept { return data_; }
    const_iterator end() const noexcept { return data_ + size_; }

    /// The bytes as a string view (valid while this object views them).
    std::string_view view() const noexcept { return {data_, size_}; }
    /// The bytes as a span (valid while this object views them).
    std::span<char const> as_span() const noexcept { return {data_, size_}; }

    /// The bytes `[first, last)`, sharing the storage; throws `std::out_of_range`.
    bytes slice(std::size_t first, std::size_t last) const;

    /// Removes the first `n` bytes and returns them, sharing the storage; throws
    /// `std::out_of_range`.
    bytes split_to(std::size_t n);

    /// Removes the bytes from `n` on and returns them, sharing the storage; throws
    /// `std::out_of_range`.
    bytes split_off(std::size_t n);

    /// Drops the first `n` bytes; throws `std::out_of_range`.
    void advance(std::size_t n);

    /// Keeps the first `n` bytes (no effect if `n >= size()`).
    void truncate(std::size_t n) noexcept;

    /// Views nothing, releasing the storage.
    void clear() noexcept;

    friend bool operator==(bytes const& a, bytes const& b) noexcept { return a.view() == b.view(); }
    friend bool operator==(bytes const& a, std::string_view b) noexcept { return a.view() == b; }

    /// Prints the bytes as they are.
    friend std::ostream& operator<<(std::ostream& os, bytes const& b);

private:
    friend class bytes_mut;

    bytes(boost::intrusive_ptr<detail::byte_storage> storage, char const* data,
          std::size_t size) noexcept;

    boost::intrusive_ptr<detail::byte_storage> storage_;
    char const* data_ = nullptr;
    std::size_t size_ = 0;
};

/** A growable byte buffer for decoders and encoders (the bytes crate's `BytesMut`).

    It holds the bytes `[data(), data() + size())` and a spare tail after
    them. Readers fill the tail with `prepare(n)` + `commit(k)`; decoders
    take complete frames from the front with `split_to(n)` (zero-copy: the
    frame shares the storage) or drop bytes with `advance(n)`.

    Space is reclaimed without allocating when nobody else shares the
    storage: the unread bytes move to the front of the same block, so a
    steady read-decode loop whose frames are dropped allocates nothing.
    While frames still share the block, the unread bytes move to a new one
    and the old block lives on for the frames.

    Copying a `bytes_mut` copies its bytes. It is a value: not safe to use
    from two threads at once, but frames split from it are.
*/
class bytes_mut {
public:
    using value_type = char;
    using size_type = std::size_t;
    using iterator = char*;
    using const_iterator = char const*;

    /// An empty buffer; nothing is allocated.
    bytes_mut() noexcept = default;

    /// An empty buffer with room for `capacity` bytes.
    explicit bytes_mut(std::size_t capacity);

    /// A buffer holding a copy of `s`.
    explicit bytes_mut(std::string_view s);

    bytes_mut(bytes_mut const& other);
    bytes_mut(bytes_mut&& other) noexcept;
    bytes_mut& operator=(bytes_mut const& other);
    bytes_mut& operator=(bytes_mut&& other) noexcept;
    ~bytes_mut() = default;

    /// The first unread byte.
    char* data() noexcept { return base() + begin_; }
    char const* data() const noexcept { return base() + begin_; }
    /// The number of unread bytes.
    std::size_t size() const noexcept { return end_ - begin_; }
    /// True if no byte is unread.
    bool empty() const noexcept { return begin_ == end_; }
    /// How many bytes the buffer holds, from `data()` on, before it must move or grow.
    std::size_t capacity() const noexcept;

    /// The `i`-th unread byte; `i < size()`.
    char& operator[](std::size_t i) noexcept;
    char operator[](std::size_t i) const noexcept;
    iterator begin() noexcept { return data(); }
    iterator end() noexcept { return data() + size(); }
    const_iterator begin() const noexcept { return data(); }
    const_iterator end() const noexcept { return data() + size(); }

    /// The unread bytes as a string view (valid until the buffer is changed).
    std::string_view view() const noexcept { return {data(), size()}; }

    /** A writable span of at least `n` bytes after the unread ones.

        Reclaims or allocates space as the class describes. The span, and
        any pointer into the buffer, is valid until the next call that
        changes the buffer; `commit(k)` then makes its first `k` bytes part
        of the unread ones.
    */
    std::span<char> prepare(std::size_t n);

    /// Appends the first `n` bytes of the span returned by the last `prepare`.
    void commit(std::size_t n);

    /// Ensures that `n` more bytes fit without moving or allocating.
    void reserve(std::size_t n) { prepare(n); }

    /// Appends a copy of `s`.
    void append(std::string_view s);
    /// Appends one byte.
    void append(char c);
    /// Appends a copy of the bytes `b` views.
    void append(bytes const& b) { append(b.view()); }

    /// Drops the first `n` unread bytes; throws `std::out_of_range`.
    void advance(std::size_t n);

    /** Removes the first `n` unread bytes and returns them as a frame.

        Zero-copy: the frame shares this buffer's storage, and the bytes
        after it stay here. Throws `std::out_of_range` if `n > size()`.
    */
    bytes split_to(std::size_t n);

    /// All unread bytes as a frame (zero-copy); the buffer is left empty.
    bytes freeze() &&;

    /// Keeps the first `n` unread bytes (no effect if `n >= size()`).
    void truncate(std::size_t n) noexcept;

    /// Drops every unread byte; the storage is kept for reuse.
    void clear() noexcept { begin_ = end_; }

    /** Gives up the storage of an empty buffer that nobody else shares, for a pool to keep.

        Returns null, and changes nothing, if the buffer holds unread bytes
        or frames still share its storage.
    */
    boost::intrusive_ptr<detail::byte_storage> release_storage() noexcept
    {
        if (!empty() || !storage_ || !storage_->unique())
            return nullptr;
        begin_ = end_ = 0;
        return std::move(storage_);
    }

    /// Makes the unshared block `s` the storage of this empty buffer (one it had is dropped).
    void adopt_storage(boost::intrusive_ptr<detail::byte_storage> s) noexcept
    {
        storage_ = std::move(s);
        begin_ = end_ = 0;
    }

    friend bool operator==(bytes_mut const& a, std::string_view b) noexcept
    {
        return a.view() == b;
    }

    /// Prints the unread bytes as they are.
    friend std::ostream& operator<<(std::ostream& os, bytes_mut const& b);

private:
    char* base() const noexcept { return storage_ ? storage_->data() : nullptr; }
    std::size_t total_capacity() const noexcept { return storage_ ? storage_->capacity() : 0; }
    void make_room(std::size_t n);

    boost::intrusive_ptr<detail::byte_storage> storage_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
};

} // namespace protokit::io

#include <protokit/io/impl/bytes.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_IMPL_BYTES_HPP
#define PROTOKIT_IO_IMPL_BYTES_HPP

#include <boost/assert.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <utility>

namespace protokit::io {

namespace detail {

[[noreturn]] inline void throw_bytes_range(char const* what)
{
    throw std::out_of_range(what);
}

} // namespace detail

// bytes

inline bytes::bytes(boost::intrusive_ptr<detail::byte_storage> storage, char const* data,
                    std::size_t size) noexcept
    : storage_(std::move(storage)), data_(data), size_(size)
{
}

inline bytes::bytes(std::string_view s)
{
    if (s.empty())
        return;
    storage_ = detail::byte_storage::create(s.size());
    std::memcpy(storage_->data(), s.data(), s.size());
    data_ = storage_->data();
    size_ = s.size();
}

inline bytes bytes::from_static(std::string_view s) noexcept
{
    return bytes({}, s.data(), s.size());
}

inline bytes::bytes(bytes&& other) noexcept
    : storage_(std::move(other.storage_)), data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0))
{
}

inline bytes& bytes::operator=(bytes&& other) noexcept
{
    storage_ = std::move(other.storage_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    return *this;
}

inline char bytes::operator[](std::size_t i) const noexcept
{
    BOOST_ASSERT(i < size_);
    return data_[i];
}

inline bytes bytes::slice(std::size_t first, std::size_t last) const
{
    if (first > last || last > size_)
        detail::throw_bytes_range("protokit::io::bytes::slice: out of range");
    if (first == last)
        return {};
    return bytes(storage_, data_ + first, last - first);
}

inline bytes bytes::split_to(std::size_t n)
{
    if (n > size_)
        detail::throw_bytes_range("protokit::io::bytes::split_to: out of range");
    if (n == size_)
        return std::exchange(*this, bytes());
    bytes front = slice(0, n);
    data_ += n;
    size_ -= n;
    return front;
}

inline bytes bytes::split_off(std::size_t n)
{
    if (n > size_)
        detail::throw_bytes_range("protokit::io::bytes::split_off: out of range");
    if (n == 0)
        return std::exchange(*this, bytes());
    bytes back = slice(n, size_);
    size_ = n;
    return back;
}

inline void bytes::advance(std::size_t n)
{
    if (n > size_)
        detail::throw_bytes_range("protokit::io::bytes::advance: out of range");
    data_ += n;
    size_ -= n;
}

inline void bytes::truncate(std::size_t n) noexcept
{
    size_ = std::min(size_, n);
}

inline void bytes::clear() noexcept
{
    *this = bytes();
}

inline std::ostream& operator<<(std::ostream& os, bytes const& b)
{
    return os << b.view();
}

// bytes_mut

inline bytes_mut::bytes_mut(std::size_t capacity)
{
    if (capacity != 0)
        storage_ = detail::byte_storage::create(capacity);
}

inline bytes_mut::bytes_mut(std::string_view s) : bytes_mut(s.size())
{
    append(s);
}

inline bytes_mut::bytes_mut(bytes_mut const& other) : bytes_mut(other.size())
{
    append(other.view());
}

inline bytes_mut::bytes_mut(bytes_mut&& other) noexcept
    : storage_(std::move(other.storage_)), begin_(std::exchange(other.begin_, 0)),
      end_(std::exchange(other.end_, 0))
{
}

inline bytes_mut& bytes_mut::operator=(bytes_mut const& other)
{
    if (this != &other) {
        clear();
        append(other.view());
    }
    return *this;
}

inline bytes_mut& bytes_mut::operator=(bytes_mut&& other) noexcept
{
    storage_ = std::move(other.storage_);
    begin_ = std::exchange(other.begin_, 0);
    end_ = std::exchange(other.end_, 0);
    return *this;
}

inline std::size_t bytes_mut::capacity() const noexcept
{
    return total_capacity() - begin_;
}

inline char& bytes_mut::operator[](std::size_t i) noexcept
{
    BOOST_ASSERT(i < size());
    return data()[i];
}

inline char bytes_mut::operator[](std::size_t i) const noexcept
{
    BOOST_ASSERT(i < size());
    return data()[i];
}

inline std::span<char> bytes_mut::prepare(std::size_t n)
{
    if (total_capacity() - end_ < n)
        make_room(n);
    return {base() + end_, total_capacity() - end_};
}

inline void bytes_mut::make_room(std::size_t n)
{
    std::size_t const len = size();
    std::size_t const cap = total_capacity();
    if (n > std::numeric_limits<std::size_t>::max() / 2 - len)
        throw std::length_error("protokit::io::bytes_mut: size too large");

    std::size_t new_cap = 0;
    if (!storage_) {
        new_cap = std::max<std::size_t>(n, 64);
    } else if (storage_->unique()) {
        // Nobody else sees the block: move the unread bytes to its front if
        // that makes room, which costs no allocation.
        if (cap - len >= n) {
            if (len != 0)
                std::memmove(storage_->data(), storage_->data() + begin_, len);
            begin_ = 0;
            end_ = len;
            return;
        }
        new_cap = std::max(len + n, 2 * cap);
    } else {
        // Frames still view the block: its front is theirs.
        new_cap = std::max(len + n, cap);
    }

    auto fresh = detail::byte_storage::create(new_cap);
    if (len != 0)
        std::memcpy(fresh->data(), storage_->data() + begin_, len);
    storage_ = std::move(fresh);
    begin_ = 0;
    end_ = len;
}

inline void bytes_mut::commit(std::size_t n)
{
    if (n > total_capacity() - end_)
        detail::throw_bytes_range("protokit::io::bytes_mut::commit: more than was prepared");
    end_ += n;
}

inline void bytes_mut::append(std::string_view s)
{
    if (s.empty())
        return;
    auto dst = prepare(s.size());
    std::memcpy(dst.data(), s.data(), s.size());
    end_ += s.size();
}

inline void bytes_mut::append(char c)
{
    prepare(1)[0] = c;
    ++end_;
}

inline void bytes_mut::advance(std::size_t n)
{
    if (n > size())
        detail::throw_bytes_range("protokit::io::bytes_mut::advance: out of range");
    begin_ += n;
}

inline bytes bytes_mut::split_to(std::size_t n)
{
    if (n > size())
        detail::throw_bytes_range("protokit::io::bytes_mut::split_to: out of range");
    if (n == 0)
        return {};
    bytes frame(storage_, data(), n);
    begin_ += n;
    return frame;
}

inline bytes bytes_mut::freeze() &&
{
    bytes all = split_to(size());
    storage_.reset();
    begin_ = end_ = 0;
    return all;
}

inline void bytes_mut::truncate(std::size_t n) noexcept
{
    if (n < size())
        end_ = begin_ + n;
}

inline std::ostream& operator<<(std::ostream& os, bytes_mut const& b)
{
    return os << b.view();
}

} // namespace protokit::io

#endif

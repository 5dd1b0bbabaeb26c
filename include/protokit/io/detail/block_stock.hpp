// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_DETAIL_BLOCK_STOCK_HPP
#define PROTOKIT_IO_DETAIL_BLOCK_STOCK_HPP

#include <protokit/io/detail/byte_storage.hpp>

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <array>
#include <cstddef>

namespace protokit::io::detail {

/** A thread's spare read buffers, all of one size.

    A transport whose read buffer empties while it waits for data gives the
    block back here, and takes one when data arrives: an idle connection
    holds no read buffer, and a busy one moves the same few blocks between
    its buffer and the stock without allocating. The stock keeps at most
    `max_blocks`; more are freed.
*/
class block_stock {
public:
    static constexpr std::size_t max_blocks = 64;

    /// A stock of blocks of `block_size` bytes (rounded up as `byte_storage::create` rounds).
    explicit block_stock(std::size_t block_size) noexcept
        : block_size_(byte_storage::create_capacity(block_size))
    {
    }
    block_stock(block_stock const&) = delete;
    block_stock& operator=(block_stock const&) = delete;

    ~block_stock()
    {
        for (std::size_t i = 0; i < count_; ++i)
            intrusive_ptr_release(blocks_[i]);
    }

    /// The size of the blocks kept.
    std::size_t block_size() const noexcept { return block_size_; }

    /// How many blocks are kept now.
    std::size_t size() const noexcept { return count_; }

    /// A block of `block_size()` bytes: one kept, or a new one.
    boost::intrusive_ptr<byte_storage> take()
    {
        if (count_ == 0)
            return byte_storage::create(block_size_);
        return boost::intrusive_ptr<byte_storage>(blocks_[--count_], false);
    }

    /// Keeps an unshared block of `block_size()` bytes (a full stock, or another size, frees it).
    void give_back(boost::intrusive_ptr<byte_storage> block) noexcept
    {
        if (!block || block->capacity() != block_size_ || count_ == max_blocks)
            return; // freed with `block`
        blocks_[count_++] = block.detach();
    }

private:
    std::size_t block_size_;
    std::size_t count_ = 0;
    std::array<byte_storage*, max_blocks> blocks_{};
};

} // namespace protokit::io::detail

#endif

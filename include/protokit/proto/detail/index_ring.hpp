#ifndef PROTOKIT_PROTO_DETAIL_INDEX_RING_HPP
#define PROTOKIT_PROTO_DETAIL_INDEX_RING_HPP

#include <boost/assert.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace protokit::proto::detail {

/// A FIFO of slot indexes with a fixed capacity, allocated once.
class index_ring {
public:
    explicit index_ring(std::size_t capacity) : items_(capacity == 0 ? 1 : capacity) {}

    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }

    std::uint32_t front() const noexcept
    {
        BOOST_ASSERT(size_ > 0);
        return items_[head_];
    }

    void push_back(std::uint32_t v) noexcept
    {
        BOOST_ASSERT(size_ < items_.size());
        items_[(head_ + size_) % items_.size()] = v;
        ++size_;
    }

    void pop_front() noexcept
    {
        BOOST_ASSERT(size_ > 0);
        head_ = (head_ + 1) % items_.size();
        --size_;
    }

    void clear() noexcept { head_ = size_ = 0; }

private:
    std::vector<std::uint32_t> items_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

} // namespace protokit::proto::detail

#endif

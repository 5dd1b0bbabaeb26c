// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_DETAIL_BYTE_STORAGE_HPP
#define PROTOKIT_IO_DETAIL_BYTE_STORAGE_HPP

#include <boost/smart_ptr/intrusive_ptr.hpp>

#include <atomic>
#include <cstddef>
#include <limits>
#include <memory>
#include <new>

namespace protokit::io::detail {

/** One block of shared bytes: a reference count, then the bytes, in one allocation.

    The count is atomic, so that frames cut from a buffer may be copied and
    dropped on other threads. A count of one tells the owning `bytes_mut`
    that nobody else sees the block, and that it may write anywhere in it.
*/
class byte_storage {
public:
    /// Use `create`: the bytes live right after this header, in the same allocation.
    explicit byte_storage(std::size_t capacity) noexcept : capacity_(capacity) {}
    byte_storage(byte_storage const&) = delete;
    byte_storage& operator=(byte_storage const&) = delete;

    /// A block of at least `capacity` bytes, held by the returned pointer.
    static boost::intrusive_ptr<byte_storage> create(std::size_t capacity)
    {
        std::size_t const units = units_for(capacity);
        std::allocator<byte_storage> alloc;
        byte_storage* p = alloc.allocate(units);
        std::construct_at(p, (units - 1) * sizeof(byte_storage));
        return boost::intrusive_ptr<byte_storage>(p);
    }

    /// The capacity of the block `create(capacity)` makes.
    static std::size_t create_capacity(std::size_t capacity)
    {
        return (units_for(capacity) - 1) * sizeof(byte_storage);
    }

    char* data() noexcept { return reinterpret_cast<char*>(this + 1); }
    std::size_t capacity() const noexcept { return capacity_; }

    /** True if the caller holds the only reference.

        The acquire load pairs with the release in `intrusive_ptr_release`:
        whatever another thread did with the bytes before dropping its
        reference is finished before the caller writes over them.
    */
    bool unique() const noexcept { return refs_.load(std::memory_order_acquire) == 1; }

    friend void intrusive_ptr_add_ref(byte_storage* s) noexcept
    {
        s->refs_.fetch_add(1, std::memory_order_relaxed);
    }

    friend void intrusive_ptr_release(byte_storage* s) noexcept
    {
        if (s->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)
            destroy(s);
    }

private:
    static std::size_t units_for(std::size_t capacity)
    {
        constexpr std::size_t unit = sizeof(byte_storage);
        if (capacity > std::numeric_limits<std::size_t>::max() / 2)
            throw std::bad_alloc();
        return 1 + (capacity + unit - 1) / unit;
    }

    static void destroy(byte_storage* s) noexcept
    {
        std::size_t const units = 1 + s->capacity_ / sizeof(byte_storage);
        std::destroy_at(s);
        std::allocator<byte_storage>().deallocate(s, units);
    }

    std::atomic<std::size_t> refs_{0};
    std::size_t capacity_;
};

} // namespace protokit::io::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_DETAIL_HANDLER_MEMORY_HPP
#define PROTOKIT_REACTOR_DETAIL_HANDLER_MEMORY_HPP

#include <cstddef>
#include <new>

namespace protokit::reactor::detail {

/** A block of memory for the one asio operation an object keeps pending.

    An I/O object arms at most one wait per direction at a time, from a
    task's poll (outside asio's handler context, where asio's own recycling
    allocator cannot help). Handing asio this block keeps re-arming a wait
    free of allocation. A second request while the block is in use, or one
    that does not fit, goes to the heap. Used on the core's thread only.
*/
template <std::size_t Size>
class handler_memory {
public:
    handler_memory() = default;
    handler_memory(handler_memory const&) = delete;
    handler_memory& operator=(handler_memory const&) = delete;

    /// Storage for `size` bytes.
    void* allocate(std::size_t size)
    {
        if (!in_use_ && size <= Size) {
            in_use_ = true;
            return &storage_;
        }
        return ::operator new(size);
    }

    /// Returns storage obtained from `allocate`.
    void deallocate(void* p) noexcept
    {
        if (p == static_cast<void*>(&storage_))
            in_use_ = false;
        else
            ::operator delete(p);
    }

private:
    alignas(std::max_align_t) std::byte storage_[Size];
    bool in_use_ = false;
};

/// The allocator asio uses for a handler whose operation lives in a `handler_memory`.
template <class T, std::size_t Size>
class handler_allocator {
public:
    using value_type = T;

    template <class U>
    struct rebind {
        using other = handler_allocator<U, Size>;
    };

    explicit handler_allocator(handler_memory<Size>& memory) noexcept : memory_(&memory) {}

    template <class U>
    handler_allocator(handler_allocator<U, Size> const& other) noexcept : memory_(other.memory_)
    {
    }

    T* allocate(std::size_t n) { return static_cast<T*>(memory_->allocate(sizeof(T) * n)); }
    void deallocate(T* p, std::size_t) noexcept { memory_->deallocate(p); }

    friend bool operator==(handler_allocator const&, handler_allocator const&) = default;

private:
    template <class, std::size_t>
    friend class handler_allocator;

    handler_memory<Size>* memory_;
};

} // namespace protokit::reactor::detail

#endif

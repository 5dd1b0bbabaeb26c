// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_COUNTING_ALLOCATOR_HPP
#define PROTOKIT_TEST_SUPPORT_COUNTING_ALLOCATOR_HPP

// Replaces the global allocation functions with versions that count this
// thread's allocations while counting is on, to check that a steady state
// allocates nothing. Include it in exactly ONE source file of a test
// binary: it defines the replacement functions.
//
// What is counted, on the thread inside `allocations_during`:
// - every replaceable form of `operator new` and `operator new[]`: plain,
//   nothrow, over-aligned (`std::align_val_t`) and over-aligned nothrow;
// - where `counts_c_allocations` is true (glibc, no AddressSanitizer,
//   ThreadSanitizer or MemorySanitizer), also the C functions that hand
//   out new memory: `malloc`, `calloc`, `realloc`, `aligned_alloc`,
//   `posix_memalign`, `memalign`, `valloc` and `pvalloc`, whoever calls
//   them (Asio 1.81 takes handler memory with `aligned_alloc`; libstdc++
//   and glibc call `malloc` through the PLT, so their calls count too).
//   They forward to glibc's own allocator (`__libc_malloc` and friends),
//   so `free` stays glibc's. Under those sanitizers the sanitizer owns the
//   C functions, and only `operator new` is counted.
// One allocation is one count, whatever the function: `operator new` goes
// straight to glibc, not through the counted `malloc`. Frees are not
// counted. Memory a thread takes without these functions (`mmap`, the
// stacks of new threads, the dynamic loader's own) is not seen.

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PROTOKIT_TEST_SANITIZER_OWNS_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                         \
    __has_feature(memory_sanitizer)
#define PROTOKIT_TEST_SANITIZER_OWNS_MALLOC 1
#endif
#endif

#if defined(__GLIBC__) && !defined(PROTOKIT_TEST_SANITIZER_OWNS_MALLOC)
#define PROTOKIT_TEST_COUNT_C_ALLOCATIONS 1
extern "C" {
void* __libc_malloc(std::size_t) noexcept;
void* __libc_calloc(std::size_t, std::size_t) noexcept;
void* __libc_realloc(void*, std::size_t) noexcept;
void* __libc_memalign(std::size_t, std::size_t) noexcept;
void* __libc_valloc(std::size_t) noexcept;
void* __libc_pvalloc(std::size_t) noexcept;
}
#else
#define PROTOKIT_TEST_COUNT_C_ALLOCATIONS 0
#endif

namespace protokit::test {

/// True if the C allocation functions are counted too (see the top of this file).
inline constexpr bool counts_c_allocations = PROTOKIT_TEST_COUNT_C_ALLOCATIONS != 0;

// Constant-initialized, so that reading them in `malloc` runs no code.
thread_local bool counting_allocations = false;
thread_local std::size_t allocations = 0;

/// The allocations this thread makes while `f` runs (counting stops however `f` leaves).
template <class F>
std::size_t allocations_during(F&& f)
{
    struct restore {
        bool was = counting_allocations;
        ~restore() { counting_allocations = was; }
    } guard;
    std::size_t const before = allocations;
    counting_allocations = true;
    f();
    return allocations - before;
}

namespace detail {

inline void count_allocation() noexcept
{
    if (counting_allocations)
        ++allocations;
}

inline void* raw_alloc(std::size_t n) noexcept
{
#if PROTOKIT_TEST_COUNT_C_ALLOCATIONS
    return __libc_malloc(n == 0 ? 1 : n);
#else
    return std::malloc(n == 0 ? 1 : n);
#endif
}

inline void* raw_aligned_alloc(std::size_t align, std::size_t n) noexcept
{
    if (align < alignof(std::max_align_t))
        align = alignof(std::max_align_t);
    n = n == 0 ? align : (n + align - 1) / align * align;
#if PROTOKIT_TEST_COUNT_C_ALLOCATIONS
    return __libc_memalign(align, n);
#else
    return std::aligned_alloc(align, n);
#endif
}

inline void* counted_alloc(std::size_t n) noexcept
{
    count_allocation();
    return raw_alloc(n);
}

inline void* counted_aligned_alloc(std::size_t n, std::align_val_t align) noexcept
{
    count_allocation();
    return raw_aligned_alloc(static_cast<std::size_t>(align), n);
}

// Out of line, so that the compiler does not see `free` meet a `new`.
[[gnu::noinline]] inline void counted_free(void* p) noexcept
{
    std::free(p);
}

} // namespace detail

} // namespace protokit::test

void* operator new(std::size_t n)
{
    if (void* p = protokit::test::detail::counted_alloc(n))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n)
{
    if (void* p = protokit::test::detail::counted_alloc(n))
        return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t n, std::nothrow_t const&) noexcept
{
    return protokit::test::detail::counted_alloc(n);
}
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept
{
    return protokit::test::detail::counted_alloc(n);
}
void* operator new(std::size_t n, std::align_val_t a)
{
    if (void* p = protokit::test::detail::counted_aligned_alloc(n, a))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a)
{
    if (void* p = protokit::test::detail::counted_aligned_alloc(n, a))
        return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t n, std::align_val_t a, std::nothrow_t const&) noexcept
{
    return protokit::test::detail::counted_aligned_alloc(n, a);
}
void* operator new[](std::size_t n, std::align_val_t a, std::nothrow_t const&) noexcept
{
    return protokit::test::detail::counted_aligned_alloc(n, a);
}
void operator delete(void* p) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete[](void* p) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete(void* p, std::nothrow_t const&) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete[](void* p, std::nothrow_t const&) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete(void* p, std::align_val_t) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete(void* p, std::align_val_t, std::nothrow_t const&) noexcept
{
    protokit::test::detail::counted_free(p);
}
void operator delete[](void* p, std::align_val_t, std::nothrow_t const&) noexcept
{
    protokit::test::detail::counted_free(p);
}

#if PROTOKIT_TEST_COUNT_C_ALLOCATIONS
// glibc lets a program replace these; its own calls to them go through
// the PLT and land here too. Each forwards to glibc's allocator.
extern "C" {

void* malloc(std::size_t n) noexcept
{
    protokit::test::detail::count_allocation();
    return __libc_malloc(n);
}

void* calloc(std::size_t count, std::size_t size) noexcept
{
    protokit::test::detail::count_allocation();
    return __libc_calloc(count, size);
}

void* realloc(void* p, std::size_t n) noexcept
{
    // A realloc may move the block: it counts as an allocation unless it frees.
    if (p == nullptr || n != 0)
        protokit::test::detail::count_allocation();
    return __libc_realloc(p, n);
}

void* aligned_alloc(std::size_t align, std::size_t n) noexcept
{
    protokit::test::detail::count_allocation();
    return __libc_memalign(align, n);
}

void* memalign(std::size_t align, std::size_t n) noexcept
{
    protokit::test::detail::count_allocation();
    return __libc_memalign(align, n);
}

int posix_memalign(void** out, std::size_t align, std::size_t n) noexcept
{
    if (align < sizeof(void*) || (align & (align - 1)) != 0)
        return EINVAL;
    protokit::test::detail::count_allocation();
    void* p = __libc_memalign(align, n);
    if (p == nullptr)
        return ENOMEM;
    *out = p;
    return 0;
}

void* valloc(std::size_t n) noexcept
{
    protokit::test::detail::count_allocation();
    return __libc_valloc(n);
}

void* pvalloc(std::size_t n) noexcept
{
    protokit::test::detail::count_allocation();
    return __libc_pvalloc(n);
}

} // extern "C"
#endif

#endif

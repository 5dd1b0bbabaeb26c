#ifndef PROTOKIT_TEST_SUPPORT_COUNTING_ALLOCATOR_HPP
#define PROTOKIT_TEST_SUPPORT_COUNTING_ALLOCATOR_HPP

// Replaces the global operator new and delete with versions that count
// this thread's allocations while counting is on, to check that a steady
// state allocates nothing. Include it in exactly ONE source file of a test
// binary: it defines the replacement functions.

#include <cstddef>
#include <cstdlib>
#include <new>

namespace protokit::test {

thread_local bool counting_allocations = false;
thread_local std::size_t allocations = 0;

/// The allocations this thread makes while `f` runs.
template <class F>
std::size_t allocations_during(F&& f)
{
    bool const was = counting_allocations;
    std::size_t const before = allocations;
    counting_allocations = true;
    f();
    counting_allocations = was;
    return allocations - before;
}

namespace detail {

inline void* counted_alloc(std::size_t n) noexcept
{
    if (counting_allocations)
        ++allocations;
    return std::malloc(n == 0 ? 1 : n);
}

// Out of line, so that the compiler does not see `free` meet a `new`.
[[gnu::noinline]] inline void counted_free(void* p) noexcept { std::free(p); }

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
void* operator new(std::size_t n, std::nothrow_t const&) noexcept { return protokit::test::detail::counted_alloc(n); }
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept { return protokit::test::detail::counted_alloc(n); }
void operator delete(void* p) noexcept { protokit::test::detail::counted_free(p); }
void operator delete[](void* p) noexcept { protokit::test::detail::counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { protokit::test::detail::counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { protokit::test::detail::counted_free(p); }
void operator delete(void* p, std::nothrow_t const&) noexcept { protokit::test::detail::counted_free(p); }
void operator delete[](void* p, std::nothrow_t const&) noexcept { protokit::test::detail::counted_free(p); }

#endif

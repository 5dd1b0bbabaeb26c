// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_DETAIL_SMALL_BOX_HPP
#define PROTOKIT_FUTURE_DETAIL_SMALL_BOX_HPP

#include <boost/assert.hpp>

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace protokit::future::detail {

/** The interface a `small_box` needs from the objects it holds.

    A boxed type derives from its own interface (with the virtual operations
    it erases) and from this, through `boxable<Interface>`.
*/
template <class Interface>
struct boxable : Interface {
    virtual ~boxable() = default;
    /// Move-constructs this object into raw storage at `to`.
    virtual boxable* move_into(void* to) noexcept = 0;
};

/** An owning, type-erased, move-only box with a small buffer.

    Objects whose size fits `Size` bytes (and are nothrow movable) live in
    the box itself; others on the heap. Moving the box moves the object or
    the pointer; nothing is allocated when the object fits.
*/
template <class Interface, std::size_t Size = 64>
class small_box {
public:
    /// True if a `Model` lives in the box itself: `move_into` is called only for those.
    template <class Model>
    static constexpr bool fits = sizeof(Model) <= Size &&
                                 alignof(Model) <= alignof(std::max_align_t) &&
                                 std::is_nothrow_move_constructible_v<Model>;

    small_box() noexcept = default;

    /// Boxes `Model`, a class derived from `boxable<Interface>`, made from `args`.
    template <class Model, class... Args>
    static small_box make(Args&&... args)
    {
        static_assert(std::is_base_of_v<boxable<Interface>, Model>);
        small_box b;
        if constexpr (fits<Model>) {
            b.ptr_ = ::new (static_cast<void*>(&b.storage_)) Model(std::forward<Args>(args)...);
            b.inline_ = true;
        } else {
            b.ptr_ = std::make_unique<Model>(std::forward<Args>(args)...).release();
            b.inline_ = false;
        }
        return b;
    }

    small_box(small_box&& other) noexcept { steal(other); }

    small_box& operator=(small_box&& other) noexcept
    {
        if (this != &other) {
            reset();
            steal(other);
        }
        return *this;
    }

    ~small_box() { reset(); }

    explicit operator bool() const noexcept { return ptr_ != nullptr; }
    Interface* operator->() const noexcept
    {
        BOOST_ASSERT(ptr_);
        return ptr_;
    }
    Interface& operator*() const noexcept
    {
        BOOST_ASSERT(ptr_);
        return *ptr_;
    }

    /// True if the object lives in the box's own buffer.
    bool is_inline() const noexcept { return ptr_ != nullptr && inline_; }

    void reset() noexcept
    {
        if (ptr_ == nullptr)
            return;
        if (inline_)
            ptr_->~boxable();
        else
            std::unique_ptr<boxable<Interface>>{ptr_}.reset();
        ptr_ = nullptr;
    }

private:
    void steal(small_box& other) noexcept
    {
        if (other.ptr_ == nullptr)
            return;
        inline_ = other.inline_;
        if (inline_) {
            ptr_ = other.ptr_->move_into(&storage_);
            other.ptr_->~boxable();
        } else {
            ptr_ = other.ptr_;
        }
        other.ptr_ = nullptr;
    }

    alignas(std::max_align_t) std::byte storage_[Size];
    boxable<Interface>* ptr_ = nullptr;
    bool inline_ = false;
};

/// The `move_into` of a boxable model: move-constructs `Model` at `to`.
template <class Model>
boxable<typename Model::interface_type>* move_model_into(Model& self, void* to) noexcept
{
    return ::new (to) Model(std::move(self));
}

} // namespace protokit::future::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/core.hpp>

#include <boost/asio/post.hpp>

#include <algorithm>
#include <iostream>

namespace protokit::reactor {

namespace detail {

namespace {

void print_task_error(std::exception_ptr e)
{
    try {
        std::rethrow_exception(e);
    } catch (std::exception const& x) {
        std::cerr << "protokit: a task threw an exception and was dropped: " << x.what() << '\n';
    } catch (...) {
        std::cerr << "protokit: a task threw an unknown exception and was dropped\n";
    }
}

template <class Vector>
void reserve_at_least(Vector& v, std::size_t n)
{
    if (v.capacity() < n)
        v.reserve(std::max(n, 2 * v.capacity()));
}

} // namespace

core_state::core_state(boost::asio::io_context& io, manual_clock* clock) : io_(&io), clock_(clock)
{
}

core_state::~core_state() = default;

void core_state::notify(std::uint64_t id) noexcept
{
    if (running_core() == this)
        schedule(id);
    else
        remote_notify(id);
}

void core_state::schedule(std::uint64_t id) noexcept
{
    auto const index = static_cast<std::uint32_t>(id);
    auto const generation = static_cast<std::uint32_t>(id >> 32);
    if (index == npos) {
        if (generation == main_generation_)
            main_notified_ = true;
        return;
    }
    if (index >= slots_.size())
        return;
    slot& s = slots_[index];
    if (s.generation != generation)
        return;
    if (s.state == slot_state::idle) {
        s.state = slot_state::queued;
        run_queue_.push_back(index);
    } else if (s.state == slot_state::running) {
        s.state = slot_state::running_notified;
    }
}

void core_state::remote_notify(std::uint64_t id) noexcept
{
    std::lock_guard lock(mutex_);
    if (!open_)
        return;
    // A burst of notifications of one task is the common case: keep one.
    if (remote_ids_.empty() || remote_ids_.back() != id)
        remote_ids_.push_back(id);
    post_wake_locked();
}

void core_state::post_wake_locked() noexcept
{
    if (!wake_pending_.exchange(true, std::memory_order_acq_rel))
        boost::asio::post(*io_, [] {});
}

void core_state::wake() noexcept
{
    std::lock_guard lock(mutex_);
    if (open_)
        post_wake_locked();
}

void core_state::spawn_remote(task_box box)
{
    task_box dropped;
    std::lock_guard lock(mutex_);
    if (!open_) {
        dropped = std::move(box);
        return;
    }
    remote_spawns_.push_back(std::move(box));
    post_wake_locked();
}

void core_state::spawn(task_box box)
{
    if (closing_)
        return;
    std::uint32_t const index = acquire_slot();
    slot& s = slots_[index];
    s.box = std::move(box);
    s.state = slot_state::queued;
    ++live_;
    run_queue_.push_back(index);
}

std::uint32_t core_state::acquire_slot()
{
    if (free_ != npos) {
        std::uint32_t const index = free_;
        free_ = slots_[index].next_free;
        return index;
    }
    BOOST_ASSERT(slots_.size() < npos);
    // A slot is queued at most once, so queues as large as the slab never grow
    // while tasks run.
    reserve_at_least(run_queue_, slots_.size() + 1);
    reserve_at_least(polling_, slots_.size() + 1);
    slots_.emplace_back();
    return static_cast<std::uint32_t>(slots_.size() - 1);
}

std::uint64_t core_state::begin_main() noexcept
{
    ++main_generation_;
    main_notified_ = true;
    return make_id(npos, main_generation_);
}

bool core_state::has_work(time_point now) const noexcept
{
    if (!run_queue_.empty() || main_notified_ || wake_pending_.load(std::memory_order_acquire))
        return true;
    auto const earliest = timers_.earliest();
    return earliest && *earliest <= now;
}

void core_state::drain_remote()
{
    if (!wake_pending_.load(std::memory_order_acquire))
        return;
    {
        std::lock_guard lock(mutex_);
        wake_pending_.store(false, std::memory_order_relaxed);
        draining_ids_.swap(remote_ids_);
        draining_spawns_.swap(remote_spawns_);
    }
    for (std::uint64_t id : draining_ids_)
        schedule(id);
    draining_ids_.clear();
    for (task_box& box : draining_spawns_)
        spawn(std::move(box));
    draining_spawns_.clear();
}

void core_state::poll_tasks()
{
    if (run_queue_.empty())
        return;
    polling_.clear();
    polling_.swap(run_queue_);
    std::size_t i = 0;
    try {
        for (; i < polling_.size(); ++i)
            poll_one(polling_[i]);
    } catch (...) {
        // The error handler threw: the tasks not polled yet stay scheduled.
        for (++i; i < polling_.size(); ++i)
            run_queue_.push_back(polling_[i]);
        polling_.clear();
        throw;
    }
    polling_.clear();
}

void core_state::poll_one(std::uint32_t index)
{
    slot& s = slots_[index];
    BOOST_ASSERT(s.state == slot_state::queued);
    s.state = slot_state::running;
    bool done = false;
    try {
        future::task const t(future::notify_handle(this), make_id(index, s.generation));
        future::task_scope scope(t);
        done = s.box->poll();
    } catch (...) {
        release(index);
        report(std::current_exception());
        return;
    }
    if (done) {
        release(index);
    } else if (s.state == slot_state::running_notified) {
        s.state = slot_state::queued;
        run_queue_.push_back(index);
    } else {
        s.state = slot_state::idle;
    }
}

void core_state::release(std::uint32_t index) noexcept
{
    slot& s = slots_[index];
    // The generation moves first, so that the task's destructor notifying
    // itself does nothing; the slot is freed last, so that a spawn from the
    // destructor cannot land in it while it is being destroyed.
    ++s.generation;
    s.state = slot_state::free;
    s.box.reset();
    s.next_free = free_;
    free_ = index;
    --live_;
}

void core_state::report(std::exception_ptr e)
{
    if (on_error_)
        on_error_(e);
    else
        print_task_error(e);
}

void core_state::set_error_handler(std::function<void(std::exception_ptr)> handler)
{
    on_error_ = std::move(handler);
}

void core_state::shutdown() noexcept
{
    std::vector<task_box> handed_over;
    {
        std::lock_guard lock(mutex_);
        open_ = false;
        handed_over.swap(remote_spawns_);
        remote_ids_.clear();
    }
    closing_ = true;
    handed_over.clear();
    draining_spawns_.clear();
    for (slot& s : slots_) {
        if (s.state != slot_state::free) {
            ++s.generation;
            s.state = slot_state::free;
            s.box.reset();
        }
    }
    slots_.clear();
    free_ = npos;
    live_ = 0;
    run_queue_.clear();
    polling_.clear();
    timers_.forget_tasks();
    on_error_ = nullptr;
    io_ = nullptr;
}

} // namespace detail

/// The handler of the wait on the core's one asio timer.
struct core::timer_handler {
    using allocator_type = detail::handler_allocator<void, 192>;

    core* self;
    std::uint64_t generation;

    allocator_type get_allocator() const noexcept { return allocator_type(self->timer_memory_); }

    void operator()(boost::system::error_code) const noexcept
    {
        if (self->arm_generation_ == generation)
            self->armed_.reset();
    }
};

core::core()
    : work_(io_.get_executor()), timer_(io_), clock_(nullptr),
      state_(new detail::core_state(io_, nullptr))
{
}

core::core(manual_clock& clock)
    : work_(io_.get_executor()), timer_(io_), clock_(&clock),
      state_(new detail::core_state(io_, &clock))
{
    clock.attach(state_.get());
}

core::~core()
{
    if (clock_ != nullptr)
        clock_->detach(state_.get());
    state_->shutdown();
}

void core::set_task_error_handler(std::function<void(std::exception_ptr)> handler)
{
    state_->set_error_handler(std::move(handler));
}

void core::turn(std::optional<duration> max_wait)
{
    busy_scope busy(busy_);
    detail::core_state& st = *state_;
    st.claim_thread();
    detail::running_scope running(st);

    // One asio handler a turn, and the tasks it woke: running the others
    // queued too (io_context::poll) would cost a non-blocking epoll_wait on
    // every turn; the next turn's run_one runs them without one, and waits
    // for I/O only once none is left.
    std::size_t handled = 0;
    if (!st.has_work(st.now())) {
        arm_timer();
        if (io_.stopped())
            io_.restart();
        if (max_wait)
            handled = io_.run_one_for(*max_wait);
        else
            handled = io_.run_one();
    }
    if (handled == 0) {
        if (io_.stopped())
            io_.restart();
        io_.poll_one();
    }
    st.drain_remote();
    st.fire_timers(st.now());
    st.poll_tasks();
}

void core::arm_timer()
{
    if (clock_ != nullptr)
        return;
    auto const earliest = state_->timers().earliest();
    // An armed wait that ends no later is kept: if it ends early (its timer
    // was cancelled), the next turn arms the wait again.
    if (!earliest || (armed_ && *armed_ <= *earliest))
        return;
    armed_ = *earliest;
    timer_.expires_at(*earliest);
    timer_.async_wait(timer_handler{this, ++arm_generation_});
}

void manual_clock::advance(duration d)
{
    now_.fetch_add(d.count(), std::memory_order_acq_rel);
    std::lock_guard lock(mutex_);
    for (detail::core_state* c : cores_)
        c->wake();
}

void manual_clock::attach(detail::core_state* state)
{
    std::lock_guard lock(mutex_);
    cores_.push_back(state);
}

void manual_clock::detach(detail::core_state* state) noexcept
{
    std::lock_guard lock(mutex_);
    std::erase(cores_, state);
}

} // namespace protokit::reactor

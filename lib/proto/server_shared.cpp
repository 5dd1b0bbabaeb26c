// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/detail/server_shared.hpp>

#include <iostream>

namespace protokit::proto::detail {

void server_shared::configure(server_options const& options)
{
    std::lock_guard lock(mutex_);
    on_error_ = options.on_error;
    max_connections_ = options.max_connections;
    thread_tasks_.assign(options.threads == 0 ? 1 : options.threads, std::nullopt);
}

void server_shared::shutdown()
{
    if (!shutting_down_.exchange(true, std::memory_order_acq_rel))
        wake_threads();
}

void server_shared::register_thread_task(std::size_t thread, future::task const& t)
{
    std::lock_guard lock(mutex_);
    auto& slot = thread_tasks_.at(thread);
    if (!slot || !slot->will_notify(t))
        slot.emplace(t);
}

void server_shared::close_connection()
{
    if (open_.fetch_sub(1, std::memory_order_acq_rel) >= max_connections_)
        wake_threads();
}

void server_shared::set_listening(boost::asio::ip::tcp::endpoint const& endpoint, boost::system::error_code ec)
{
    {
        std::lock_guard lock(mutex_);
        if (listening_done_)
            return;
        listening_done_ = true;
        endpoint_ = endpoint;
        listen_error_ = ec;
    }
    listening_cv_.notify_all();
}

boost::system::error_code server_shared::wait_listening(boost::asio::ip::tcp::endpoint& endpoint)
{
    std::unique_lock lock(mutex_);
    listening_cv_.wait(lock, [this] { return listening_done_; });
    if (endpoint_)
        endpoint = *endpoint_;
    return listen_error_;
}

void server_shared::report(boost::system::error_code const& ec, std::string_view what) const
{
    if (on_error_) {
        on_error_(ec, what);
        return;
    }
    std::cerr << "protokit: " << what << ": " << ec.message() << '\n';
}

void server_shared::wake_threads()
{
    std::vector<future::task> tasks;
    {
        std::lock_guard lock(mutex_);
        for (auto& t : thread_tasks_)
            if (t)
                tasks.push_back(*t);
    }
    for (auto& t : tasks)
        t.notify();
}

} // namespace protokit::proto::detail

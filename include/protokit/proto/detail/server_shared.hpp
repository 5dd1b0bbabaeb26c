// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_SERVER_SHARED_HPP
#define PROTOKIT_PROTO_DETAIL_SERVER_SHARED_HPP

#include <protokit/future/task.hpp>
#include <protokit/proto/server_options.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

namespace protokit::proto::detail {

/** What the threads of one `tcp_server` share: the only state that crosses threads.

    The shutdown flag, the count of open connections against
    `max_connections`, the tasks to wake when either changes, and the
    listening address that `server_handle::wait_listening` waits for.
*/
class server_shared {
public:
    server_shared() = default;

    /// Takes the options `serve` runs with (before any thread starts).
    void configure(server_options const& options);

    /// Starts a graceful shutdown: every thread stops accepting and drains.
    void shutdown();
    bool shutting_down() const noexcept { return shutting_down_.load(std::memory_order_acquire); }

    /// Registers a thread's main task, woken by shutdown and by freed connection slots.
    void register_thread_task(std::size_t thread, future::task const& t);

    /** True while `max_connections` are open: the threads stop accepting.

        Checked before each accept; with several threads a race can admit
        up to one connection per thread over the limit, never more.
    */
    bool at_connection_limit() const noexcept
    {
        return open_.load(std::memory_order_acquire) >= max_connections_;
    }
    /// Counts a connection accepted.
    void open_connection() noexcept { open_.fetch_add(1, std::memory_order_acq_rel); }
    /// Gives a connection slot back, waking the threads that waited for one.
    void close_connection();
    std::size_t open_connections() const noexcept { return open_.load(std::memory_order_relaxed); }

    /// Every listener is bound at `endpoint` (or binding failed with `ec`).
    void set_listening(boost::asio::ip::tcp::endpoint const& endpoint,
                       boost::system::error_code ec);
    /// Blocks until the server listens (or failed to); the address or the error.
    boost::system::error_code wait_listening(boost::asio::ip::tcp::endpoint& endpoint);

    /// Reports an error to the server's hook (stderr by default).
    void report(boost::system::error_code const& ec, std::string_view what) const;

private:
    void wake_threads();

    std::function<void(boost::system::error_code const&, std::string_view)> on_error_;
    std::size_t max_connections_ = std::numeric_limits<std::size_t>::max();
    std::atomic<bool> shutting_down_{false};
    std::atomic<std::size_t> open_{0};
    std::mutex mutex_;
    std::condition_variable listening_cv_;
    std::vector<std::optional<future::task>> thread_tasks_;
    std::optional<boost::asio::ip::tcp::endpoint> endpoint_;
    boost::system::error_code listen_error_;
    bool listening_done_ = false;
};

} // namespace protokit::proto::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_SERVER_THREAD_HPP
#define PROTOKIT_PROTO_DETAIL_SERVER_THREAD_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/proto/detail/server_shared.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/server_options.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/signal_stream.hpp>
#include <protokit/reactor/tcp_listener.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/service/service.hpp>

#include <boost/intrusive/list.hpp>

#include <cerrno>
#include <csignal>
#include <exception>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

namespace protokit::proto::detail {

/// One open connection, as its thread's registry knows it.
struct connection_entry
    : boost::intrusive::list_base_hook<boost::intrusive::link_mode<boost::intrusive::safe_link>> {
    connection_control control;
    boost::asio::ip::tcp::endpoint peer;
};

/// What the tasks of one server thread share (on that thread only).
struct thread_context {
    std::size_t index = 0;
    server_shared* shared = nullptr;
    server_options const* options = nullptr;
    std::optional<reactor::handle> reactor;
    boost::intrusive::list<connection_entry, boost::intrusive::constant_time_size<true>>
        connections;
    future::task_slot main;
    bool draining = false;

    ~thread_context() { connections.clear(); }

    reactor::handle const& handle() const { return *reactor; }
};

/// The text an error report gives for a connection.
inline std::string describe_peer(boost::asio::ip::tcp::endpoint const& peer)
{
    std::ostringstream s;
    s << "connection " << peer;
    return s.str();
}

/** One server connection as a task: the dispatcher, plus what the server adds.

    Counts the connection against the server's limit and in its thread's
    registry (so that a graceful shutdown can drain it), closes it after
    `idle_timeout` with no request read, answered or in flight, and turns
    an error or an exception thrown by the service into a report to the
    server's error hook. Other connections never notice.
*/
template <class Connection>
class server_connection_task : public future::future_facade<server_connection_task<Connection>> {
public:
    using item_type = future::unit;
    using error_type = future::error_code;

    server_connection_task(Connection conn, std::unique_ptr<connection_entry> entry,
                           thread_context* ctx)
        : conn_(std::move(conn)), entry_(std::move(entry)), ctx_(ctx)
    {
    }

    server_connection_task(server_connection_task&&) = default;

    ~server_connection_task() { finish(); }

    future::poll_result<future::unit> poll()
    {
        try {
            auto r = conn_.poll();
            if (r.is_error())
                ctx_->shared->report(r.error(), describe_peer(entry_->peer));
            if (!r.is_not_ready()) {
                finish();
                return future::ready();
            }
        } catch (std::exception const& e) {
            ctx_->shared->report(make_error_code(error::exception),
                                 describe_peer(entry_->peer) + ": " + e.what());
            finish();
            return future::ready();
        } catch (...) {
            ctx_->shared->report(make_error_code(error::exception), describe_peer(entry_->peer));
            finish();
            return future::ready();
        }
        if (ctx_->options->idle_timeout && idle_expired()) {
            finish();
            return future::ready();
        }
        watch_stall();
        return future::not_ready;
    }

private:
    /// Times a body that keeps reading paused; past the timeout, has the dispatcher abort it.
    void watch_stall()
    {
        connection_control& c = entry_->control;
        if (!c.body_stalled) {
            stall_.reset();
            return;
        }
        if (!stall_)
            stall_.emplace(ctx_->handle(), ctx_->options->body_stall_timeout);
        if (stall_->poll().is_ready()) {
            stall_.reset();
            c.abort_stalled_body = true;
            future::current_task().notify();
        }
    }

    /// True once the connection has been idle for the whole timeout.
    bool idle_expired()
    {
        auto const limit = *ctx_->options->idle_timeout;
        auto const now = ctx_->handle().now();
        connection_control const& c = entry_->control;
        if (!idle_ || c.activity != seen_activity_ || c.in_flight > 0) {
            seen_activity_ = c.activity;
            last_active_ = now;
        }
        if (!idle_)
            idle_.emplace(ctx_->handle(), limit);
        for (;;) {
            if (now - last_active_ < limit)
                idle_->reset(last_active_ + limit);
            if (!idle_->poll().is_ready())
                return false;
            if (ctx_->handle().now() - last_active_ >= limit)
                return true;
        }
    }

    /// Leaves the registry and gives the connection slot back (once).
    void finish()
    {
        if (!entry_)
            return;
        if (entry_->is_linked())
            ctx_->connections.erase(ctx_->connections.iterator_to(*entry_));
        entry_.reset();
        ctx_->shared->close_connection();
        ctx_->main.notify();
    }

    Connection conn_;
    std::unique_ptr<connection_entry> entry_;
    thread_context* ctx_;
    std::optional<reactor::timeout> idle_;
    std::optional<reactor::timeout> stall_;
    reactor::time_point last_active_{};
    std::uint64_t seen_activity_ = 0;
};

/// True for accept errors that mean "out of a resource": back off before retrying.
inline bool is_resource_exhaustion(boost::system::error_code const& ec)
{
    return ec == boost::system::errc::too_many_files_open ||
           ec == boost::system::errc::too_many_files_open_in_system ||
           ec == boost::system::errc::no_buffer_space ||
           ec == boost::system::errc::not_enough_memory;
}

/** One server thread's main task: accept, spawn connections, drain on shutdown.

    Accepts while under `max_connections` (woken when a connection
    anywhere closes), backs off after accept errors instead of ending, and
    on shutdown stops accepting, tells every connection to drain, and ends
    once they are all closed or the grace period is over (then the core's
    destruction closes the rest).
*/
template <class Proto, class MakeService>
class server_thread : public future::future_facade<server_thread<Proto, MakeService>> {
public:
    using item_type = future::unit;
    using error_type = future::error_code;

    server_thread(thread_context& ctx, Proto const& proto, MakeService make,
                  reactor::tcp_listener listener)
        : ctx_(&ctx), proto_(&proto), make_(std::move(make)), listener_(std::move(listener))
    {
        if (ctx.index == 0 && ctx.options->handle_signals)
            signals_.emplace(ctx.handle(), std::initializer_list<int>{SIGINT, SIGTERM});
    }

    future::poll_result<future::unit> poll()
    {
        server_shared& shared = *ctx_->shared;
        shared.register_thread_task(ctx_->index, future::current_task());
        ctx_->main.register_current();
        if (signals_) {
            auto s = signals_->poll_next();
            if (s.is_ready() && s.value())
                shared.shutdown();
            else if (s.is_error()) {
                shared.report(s.error(), "signal handler");
                signals_.reset();
            }
        }
        if (!shared.shutting_down())
            accept();
        if (!shared.shutting_down())
            return future::not_ready;

        if (!ctx_->draining) {
            ctx_->draining = true;
            listener_.reset();
            backoff_.reset();
            for (auto& entry : ctx_->connections) {
                entry.control.draining = true;
                entry.control.task.notify();
            }
            grace_.emplace(ctx_->handle(), ctx_->options->shutdown_grace);
        }
        if (ctx_->connections.empty())
            return future::ready();
        if (grace_->poll().is_ready())
            return future::ready();
        return future::not_ready;
    }

private:
    void accept()
    {
        server_shared& shared = *ctx_->shared;
        for (int budget = 64; budget > 0; --budget) {
            if (backoff_) {
                if (!backoff_->poll().is_ready())
                    return;
                backoff_.reset();
            }
            if (shared.at_connection_limit())
                return;
            auto accepted = listener_->poll_accept();
            if (accepted.is_not_ready())
                return;
            if (accepted.is_error()) {
                shared.report(accepted.error(), "accept");
                auto pause = is_resource_exhaustion(accepted.error())
                                 ? std::chrono::milliseconds(100)
                                 : std::chrono::milliseconds(1);
                backoff_.emplace(ctx_->handle(), pause);
                continue;
            }
            auto [stream, peer] = std::move(accepted).value();
            if (ctx_->options->on_connection && !ctx_->options->on_connection(peer))
                continue;
            if (ctx_->options->nodelay)
                stream.set_nodelay(true);
            auto service = service::new_service(make_);
            if (!service) {
                shared.report(service.error(), "new_service");
                continue;
            }
            start(std::move(stream), peer, std::move(*service));
        }
        future::current_task().notify();
    }

    template <class S>
    void start(reactor::tcp_stream stream, boost::asio::ip::tcp::endpoint const& peer, S service)
    {
        auto entry = std::make_unique<connection_entry>();
        entry->peer = peer;
        connection_control* control = &entry->control;
        ctx_->connections.push_back(*entry);
        ctx_->shared->open_connection();
        auto const& opts = ctx_->options->connection;
        auto conn =
            proto::server_connection(*proto_, std::move(stream), std::move(service), opts, control);
        ctx_->handle().spawn(
            server_connection_task<decltype(conn)>(std::move(conn), std::move(entry), ctx_));
    }

    thread_context* ctx_;
    Proto const* proto_;
    MakeService make_;
    std::optional<reactor::tcp_listener> listener_;
    std::optional<reactor::timeout> backoff_;
    std::optional<reactor::timeout> grace_;
    std::optional<reactor::signal_stream> signals_;
};

} // namespace protokit::proto::detail

#endif

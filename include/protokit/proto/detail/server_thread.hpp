// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_SERVER_THREAD_HPP
#define PROTOKIT_PROTO_DETAIL_SERVER_THREAD_HPP

#include <protokit/error.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/proto/detail/server_shared.hpp>
#include <protokit/proto/family.hpp>
#include <protokit/proto/proxy_protocol.hpp>
#include <protokit/proto/server_options.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/signal_stream.hpp>
#include <protokit/reactor/tcp_listener.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/service/service.hpp>

#include <boost/intrusive/list.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <exception>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

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

/// Takes a connection out of its thread's registry and gives its slot back (once).
inline void release_connection(thread_context& ctx, std::unique_ptr<connection_entry>& entry)
{
    if (!entry)
        return;
    if (entry->is_linked())
        ctx.connections.erase(ctx.connections.iterator_to(*entry));
    entry.reset();
    ctx.shared->close_connection();
    ctx.main.notify();
}

/** A service from `make` for the connection `info` describes.

    A NewService that takes a `connection_info` is given it (the local
    address is asked of the socket only then, unless a PROXY header named
    it); any other is called with nothing.
*/
template <class MakeService>
auto new_connection_service(MakeService& make, connection_info& info,
                            reactor::tcp_stream const& stream)
{
    if constexpr (std::invocable<MakeService&, connection_info const&>) {
        if (!info.proxied) {
            if (auto local = stream.local_endpoint())
                info.local = *local;
        }
        auto bound = [&make, &info] { return make(std::as_const(info)); };
        return service::new_service(bound);
    } else {
        return service::new_service(make);
    }
}

/** One server connection as a task: the dispatcher, plus what the server adds.

    Counts the connection against the server's limit and in its thread's
    registry (so that a graceful shutdown can drain it), closes it after
    `idle_timeout` with no request read, answered or in flight, times the
    request bodies it waits for (`body_read_timeout`), and turns
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
            if (r.is_error() && entry_->control.exception)
                std::rethrow_exception(std::exchange(entry_->control.exception, nullptr));
            if (r.is_error() && !quiet_reset(r.error()))
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
        connection_control& c = entry_->control;
        if (c.drain_when_idle && !c.draining && c.activity > 0 && c.in_flight == 0) {
            c.draining = true;
            future::current_task().notify();
        }
        watch_stall();
        watch_body_read();
        return future::not_ready;
    }

private:
    /** A reset before the first request is no error: a balancer's check (HAProxy's, with the
        PROXY protocol, sends a header, then resets) or a client that changed its mind.
    */
    bool quiet_reset(boost::system::error_code const& ec) const noexcept
    {
        return entry_->control.activity == 0 && ec == boost::asio::error::connection_reset;
    }

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

    /** Times the request body the connection waits for (see `tcp_server::body_read_timeout`).

        The deadline starts at the timeout when the wait starts, moves
        `1 / min_rate` of a second later for each byte that comes, and never
        lies more than the timeout past now. The clock stops while no body
        waits for the peer (its consumer keeps reading paused, or none is
        open); the next wait starts afresh. Past the deadline the dispatcher
        fails the body and ends the connection.
    */
    void watch_body_read()
    {
        auto const& options = *ctx_->options;
        auto const limit =
            options.body_read_timeout ? options.body_read_timeout : options.idle_timeout;
        connection_control& c = entry_->control;
        if (!limit || !c.body_awaited) {
            body_timer_.reset();
            return;
        }
        auto const now = ctx_->handle().now();
        if (!body_timer_) {
            body_deadline_ = now + *limit;
            body_timer_.emplace(reactor::timeout::at(ctx_->handle(), body_deadline_));
            body_bytes_seen_ = c.body_bytes;
        } else if (c.body_bytes != body_bytes_seen_) {
            auto const bytes = c.body_bytes - body_bytes_seen_;
            body_bytes_seen_ = c.body_bytes;
            if (options.body_min_rate == 0) {
                body_deadline_ = now + *limit;
            } else {
                auto const earned =
                    std::chrono::duration_cast<reactor::duration>(std::chrono::duration<double>(
                        static_cast<double>(bytes) / static_cast<double>(options.body_min_rate)));
                body_deadline_ = std::min(body_deadline_ + earned, now + *limit);
            }
            body_timer_->reset(body_deadline_);
        }
        if (body_timer_->poll().is_ready()) {
            body_timer_.reset();
            c.body_timed_out = true;
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
            idle_.emplace(reactor::timeout::at(ctx_->handle(), last_active_ + limit));
        // The timer is not moved on each activity (a busy connection would
        // move it in the core's heap on every poll): when it fires, it moves
        // to where the last activity puts the end, unless that has passed.
        while (idle_->poll().is_ready()) {
            if (ctx_->handle().now() - last_active_ >= limit)
                return true;
            idle_->reset(last_active_ + limit);
        }
        return false;
    }

    /// Leaves the registry and gives the connection slot back (once).
    void finish() { release_connection(*ctx_, entry_); }

    Connection conn_;
    std::unique_ptr<connection_entry> entry_;
    thread_context* ctx_;
    std::optional<reactor::timeout> idle_;
    std::optional<reactor::timeout> stall_;
    std::optional<reactor::timeout> body_timer_;
    reactor::time_point body_deadline_{};
    std::uint64_t body_bytes_seen_ = 0;
    reactor::time_point last_active_{};
    std::uint64_t seen_activity_ = 0;
};

/// Makes the service and the dispatcher of an accepted connection, and spawns it as a task.
template <class Proto, class MakeService>
void start_connection(thread_context& ctx, Proto const& proto, MakeService& make,
                      reactor::tcp_stream stream, std::unique_ptr<connection_entry> entry,
                      connection_info& info)
{
    auto service = new_connection_service(make, info, stream);
    if (!service) {
        ctx.shared->report(service.error(), "new_service");
        release_connection(ctx, entry);
        return;
    }
    connection_control* control = &entry->control;
    auto conn = proto::server_connection(proto, std::move(stream), std::move(*service),
                                         ctx.options->connection, control);
    ctx.handle().spawn(
        server_connection_task<decltype(conn)>(std::move(conn), std::move(entry), &ctx));
}

/** Reads the PROXY protocol header of a new connection, then starts the connection.

    Runs once per connection, before `bind_transport`, and only when the
    server's `proxy_protocol` is not `off`. Reads no more than the header
    may hold (see `proxy::parse`), in reads of at most 512 bytes, so that
    what came after the header (the first request, often in the same
    segment) fits back into the stream for the transport to read first. The
    connection counts against the server's limits and drains like any other
    while it waits; a peer that stalls is closed by the idle timeout. A
    missing (when required) or malformed header closes the connection and
    is reported; a peer that closes before sending a byte (a balancer's
    connect check) is not.
*/
template <class Proto, class MakeService>
class proxy_handshake : public future::future_facade<proxy_handshake<Proto, MakeService>> {
public:
    using item_type = future::unit;
    using error_type = future::error_code;

    proxy_handshake(thread_context& ctx, Proto const& proto, MakeService make,
                    reactor::tcp_stream stream, std::unique_ptr<connection_entry> entry)
        : ctx_(&ctx), proto_(&proto), make_(std::move(make)), stream_(std::move(stream)),
          entry_(std::move(entry))
    {
    }

    proxy_handshake(proxy_handshake&&) = default;

    ~proxy_handshake() { release_connection(*ctx_, entry_); }

    future::poll_result<future::unit> poll()
    {
        if (!entry_)
            return future::ready();
        entry_->control.task.register_current();
        if (entry_->control.draining) {
            release_connection(*ctx_, entry_);
            return future::ready();
        }
        for (;;) {
            auto const parsed = proxy::parse(buffer_);
            switch (parsed.state) {
            case proxy::status::complete: return start(parsed.size, parsed.header);
            case proxy::status::absent:
                if (ctx_->options->proxy_protocol == proxy::mode::optional)
                    return start(0, {});
                return fail(make_error_code(error::invalid_proxy_header),
                            "no PROXY protocol header");
            case proxy::status::invalid:
                return fail(make_error_code(error::invalid_proxy_header), parsed.reason);
            case proxy::status::need_more: break;
            }
            std::size_t const have = buffer_.size();
            std::size_t const want = std::min<std::size_t>(512, parsed.limit - have);
            buffer_.resize(have + want);
            auto r = stream_.poll_read(std::span<char>(buffer_.data() + have, want));
            buffer_.resize(have + (r.is_ready() ? r.value() : 0));
            if (r.is_error() && have == 0) { // reset before a byte: a connect check too
                release_connection(*ctx_, entry_);
                return future::ready();
            }
            if (r.is_error())
                return fail(r.error(), "reading the PROXY protocol header");
            if (r.is_not_ready())
                break;
            if (r.value() == 0) {
                if (have == 0) { // closed before a byte: a connect check
                    release_connection(*ctx_, entry_);
                    return future::ready();
                }
                return fail(make_error_code(error::unexpected_eof), "in the PROXY protocol header");
            }
        }
        if (ctx_->options->idle_timeout) {
            if (!idle_)
                idle_.emplace(ctx_->handle(), *ctx_->options->idle_timeout);
            if (idle_->poll().is_ready())
                return fail(make_error_code(error::timed_out), "waiting for the PROXY header");
        }
        return future::not_ready;
    }

private:
    /// Hands the bytes after the header's `size` back to the stream and starts the connection.
    future::poll_result<future::unit> start(std::size_t size, proxy::header const& header)
    {
        std::span<char const> const rest(buffer_.data() + size, buffer_.size() - size);
        if (!stream_.unread(rest))
            return fail(make_error_code(error::frame_too_large), "after the PROXY header");
        connection_info info;
        info.peer = entry_->peer;
        if (header.proxied) {
            info.peer = header.source;
            info.local = header.destination;
            info.proxied = true;
        }
        entry_->peer = info.peer;
        if (ctx_->options->on_connection && !ctx_->options->on_connection(info.peer)) {
            release_connection(*ctx_, entry_);
            return future::ready();
        }
        start_connection(*ctx_, *proto_, make_, std::move(stream_), std::move(entry_), info);
        return future::ready();
    }

    future::poll_result<future::unit> fail(boost::system::error_code const& ec,
                                           std::string_view what)
    {
        std::string text = describe_peer(entry_->peer);
        text += ": ";
        text += what;
        ctx_->shared->report(ec, text);
        release_connection(*ctx_, entry_);
        return future::ready();
    }

    thread_context* ctx_;
    Proto const* proto_;
    MakeService make_;
    reactor::tcp_stream stream_;
    std::unique_ptr<connection_entry> entry_;
    std::vector<char> buffer_;
    std::optional<reactor::timeout> idle_;
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
        bool const serving = !shared.shutting_down() || in_drain_delay();
        if (serving)
            accept();
        if (serving)
            return future::not_ready;

        if (!ctx_->draining) {
            ctx_->draining = true;
            // A connection that has not sent a request yet may have one on its way (a client
            // that connects for each request): it is answered once, like those swept below.
            for (auto& entry : ctx_->connections) {
                if (entry.control.activity == 0)
                    entry.control.drain_when_idle = true;
                else
                    entry.control.draining = true;
                entry.control.task.notify();
            }
            // What the kernel queued on this listener would be reset with it: those connections
            // are taken and answered once (a restarted server's new process, listening on the
            // same port, takes the ones that come after).
            backoff_.reset();
            sweeping_ = true;
            accept(4096);
            sweeping_ = false;
            listener_.reset();
            backoff_.reset();
            grace_.emplace(ctx_->handle(), ctx_->options->shutdown_grace);
        }
        if (ctx_->connections.empty())
            return future::ready();
        if (grace_->poll().is_ready())
            return future::ready();
        return future::not_ready;
    }

private:
    /// True while a shutdown's `drain_delay` lasts: the thread goes on accepting and serving.
    bool in_drain_delay()
    {
        if (ctx_->draining || ctx_->options->drain_delay <= std::chrono::steady_clock::duration{})
            return false;
        if (!drain_delay_)
            drain_delay_.emplace(ctx_->handle(), ctx_->options->drain_delay);
        return !drain_delay_->poll().is_ready();
    }

    /// Accepts up to `budget` connections; when all were taken, polls again soon for more.
    void accept(int budget = 64)
    {
        server_shared& shared = *ctx_->shared;
        for (; budget > 0; --budget) {
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
            bool const proxied = ctx_->options->proxy_protocol != proxy::mode::off;
            // With the PROXY protocol the hook waits for the header, which names the real peer.
            if (!proxied && ctx_->options->on_connection && !ctx_->options->on_connection(peer))
                continue;
            if (ctx_->options->nodelay)
                stream.set_nodelay(true);
            auto entry = std::make_unique<connection_entry>();
            entry->peer = peer;
            entry->control.drain_when_idle = sweeping_;
            ctx_->connections.push_back(*entry);
            shared.open_connection();
            if (proxied) {
                ctx_->handle().spawn(proxy_handshake<Proto, MakeService>(
                    *ctx_, *proto_, make_, std::move(stream), std::move(entry)));
                continue;
            }
            connection_info info;
            info.peer = peer;
            start_connection(*ctx_, *proto_, make_, std::move(stream), std::move(entry), info);
        }
        future::current_task().notify();
    }

    thread_context* ctx_;
    Proto const* proto_;
    MakeService make_;
    std::optional<reactor::tcp_listener> listener_;
    std::optional<reactor::timeout> backoff_;
    std::optional<reactor::timeout> grace_;
    std::optional<reactor::timeout> drain_delay_;
    bool sweeping_ = false;
    std::optional<reactor::signal_stream> signals_;
};

} // namespace protokit::proto::detail

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_TCP_SERVER_HPP
#define PROTOKIT_PROTO_TCP_SERVER_HPP

#include <protokit/proto/detail/server_shared.hpp>
#include <protokit/proto/detail/server_thread.hpp>
#include <protokit/proto/multiplex.hpp> // the simple families, for protocols that name only protocol.hpp
#include <protokit/proto/pipeline.hpp>
#include <protokit/proto/server_options.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/tcp_listener.hpp>
#include <protokit/service/service.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/system_error.hpp>
#include <boost/thread/thread.hpp>

#include <chrono>
#include <concepts>
#include <functional>
#include <latch>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace protokit {

namespace proto {

/** A NewService told who each connection is with: `[](connection_info const& c) { ... }`.

    Like `service::NewService`, but called with the connection's addresses
    (the real client's, with the PROXY protocol on).
*/
template <class N>
concept ConnectionNewService =
    std::copy_constructible<N> && std::invocable<N&, connection_info const&> &&
    service::Service<typename service::detail::service_result<
        std::remove_cvref_t<std::invoke_result_t<N&, connection_info const&>>>::type>;

/// Either kind of NewService a `tcp_server` serves with.
template <class N>
concept ServerNewService = service::NewService<N> || ConnectionNewService<N>;

} // namespace proto

/** Controls a running `tcp_server` from any thread.

    Copyable; valid before, during and after `serve`.
*/
class server_handle {
public:
    explicit server_handle(std::shared_ptr<proto::detail::server_shared> shared)
        : shared_(std::move(shared))
    {
    }

    /** Starts a graceful shutdown, as SIGINT or SIGTERM would.

        After the `drain_delay` (default none), every thread takes the
        connections the kernel already queued and stops accepting;
        connections stop reading new requests, answer those in flight and
        close, except that one which has not sent a request yet (or was just
        taken from the queue) is answered once first; after the grace period
        the rest are closed. `serve` then returns.
    */
    void shutdown() const { shared_->shutdown(); }

    /// Blocks until the server listens; its address, or the error that stopped it.
    boost::system::error_code wait_listening(boost::asio::ip::tcp::endpoint& endpoint) const
    {
        return shared_->wait_listening(endpoint);
    }

    /** True once a graceful shutdown has begun: the server is draining.

        For the whole `drain_delay` the server still accepts and serves, so
        that a load balancer's health check (an HTTP service answering 503 to
        it while this is true) can take the server out of rotation before it
        stops accepting.
    */
    bool draining() const noexcept { return shared_->shutting_down(); }

    /// Connections open now, across all threads.
    std::size_t open_connections() const noexcept { return shared_->open_connections(); }

private:
    std::shared_ptr<proto::detail::server_shared> shared_;
};

/** A TCP server for a protocol of any family (tokio-proto's `TcpServer`).

    `tcp_server(proto, endpoint).threads(4).serve([] { return my_service{}; })`
    runs one reactor per thread, each with its own listener on the same port
    (SO_REUSEPORT), makes one service per connection, and serves until
    shut down (`get_handle().shutdown()`, SIGINT or SIGTERM). Beyond
    tokio-proto it limits requests in flight per connection and connections
    per server, closes idle connections, sets TCP_NODELAY, lets a hook see
    (and refuse) each peer, reports errors to a hook instead of ending the
    server, and shuts down gracefully.
*/
template <proto::ServerProtocol Proto>
class tcp_server {
public:
    /// A server for `proto` on `endpoint` (port 0 picks a free port; see `on_listening`).
    tcp_server(Proto proto, boost::asio::ip::tcp::endpoint endpoint)
        : proto_(std::move(proto)), endpoint_(std::move(endpoint))
    {
    }

    /// Reactor threads (default 1).
    tcp_server& threads(std::size_t n)
    {
        options_.threads = n == 0 ? 1 : n;
        return *this;
    }
    /** SO_REUSEPORT on the listener even with one thread (default off).

        Lets a new process listen on the port while this one drains: see
        doc/guide.md, "Behind HAProxy". Off by default so that a second
        server started on a port in use by mistake fails to listen instead of
        silently sharing its connections.
    */
    tcp_server& reuse_port(bool on)
    {
        options_.reuse_port = on;
        return *this;
    }
    /** Whether each connection starts with a PROXY protocol header, v1 or v2 (default off).

        The header is read before `bind_transport`; `on_connection`, the
        error reports and a `ConnectionNewService` see the client it names.
        With `required`, a connection without a valid header is closed and
        reported; with `optional`, one that does not start with a header is
        served as is. A peer that stalls in the header is closed after
        `idle_timeout`.
    */
    tcp_server& proxy_protocol(proto::proxy::mode m)
    {
        options_.proxy_protocol = m;
        return *this;
    }
    /** How long a graceful shutdown keeps accepting and serving before it drains (default 0).

        During it `server_handle::draining()` is true, so that a health
        check can fail and the balancer stop sending here before the
        listener closes.
    */
    tcp_server& drain_delay(std::chrono::steady_clock::duration d)
    {
        options_.drain_delay = d;
        return *this;
    }
    /// Requests in flight per connection before reading pauses (default 32).
    tcp_server& max_in_flight(std::size_t n)
    {
        options_.connection.max_in_flight = n == 0 ? 1 : n;
        return *this;
    }
    /// Open connections across threads before accepting pauses (default unlimited).
    tcp_server& max_connections(std::size_t n)
    {
        options_.max_connections = n;
        return *this;
    }
    /** Closes connections idle for `d` (default: never): no request read or answered, and none in
        flight. A request whose body comes slowly is timed by `body_read_timeout`, which defaults
        to this.
    */
    tcp_server& idle_timeout(std::chrono::steady_clock::duration d)
    {
        options_.idle_timeout = d;
        return *this;
    }
    /** Streaming: how long a request body may keep the server waiting, and the rate it must keep
        up (default: `idle_timeout`, and 500 bytes a second).

        While a request body is open and the server waits for the peer to
        send more of it (not while the body's consumer keeps reading
        paused), the peer has `d` to send the body's first bytes, and every
        byte after them moves that deadline `1 / min_rate` of a second
        later, never more than `d` past the last read. So a body may pause
        for up to `d`, and one sent slower than `min_rate` on average ends
        within about `d` of when it fell behind: a slow-body attack (a
        complete head, then its body a byte at a time) is closed, where the
        idle timeout never fires because a request is in flight. With
        `min_rate` 0 only the pauses are timed. On the deadline the open
        request bodies fail with `error::timed_out` (their consumers see
        it), the answers already owed are written, and the connection
        closes, reported to the error hook as `error::timed_out`. With
        neither this nor `idle_timeout` set, bodies are not timed.
    */
    tcp_server& body_read_timeout(std::chrono::steady_clock::duration d, std::size_t min_rate = 500)
    {
        options_.body_read_timeout = d;
        options_.body_min_rate = min_rate;
        return *this;
    }
    /** Streaming multiplex: how long one body's consumer may keep a connection's reading paused
       (default 30 s).

        Then that body is aborted (its consumer sees `error::body_stalled`)
        and the other messages on the connection go on.
    */
    tcp_server& body_stall_timeout(std::chrono::steady_clock::duration d)
    {
        options_.body_stall_timeout = d;
        return *this;
    }
    /// Chunks of one inbound body read ahead of its consumer (streaming protocols; default 4).
    tcp_server& body_window(std::size_t n)
    {
        options_.connection.body_window = n == 0 ? 1 : n;
        return *this;
    }
    /// TCP_NODELAY on accepted sockets (default on).
    tcp_server& nodelay(bool on)
    {
        options_.nodelay = on;
        return *this;
    }
    /// The listen backlog (default 1024).
    tcp_server& backlog(int n)
    {
        options_.backlog = n;
        return *this;
    }
    /// How long a graceful shutdown waits for connections (default 10 s).
    tcp_server& shutdown_grace(std::chrono::steady_clock::duration d)
    {
        options_.shutdown_grace = d;
        return *this;
    }
    /// Whether SIGINT and SIGTERM shut the server down gracefully (default on).
    tcp_server& handle_signals(bool on)
    {
        options_.handle_signals = on;
        return *this;
    }
    /// Sees each new peer; returning false refuses the connection.
    tcp_server& on_connection(std::function<bool(boost::asio::ip::tcp::endpoint const&)> f)
    {
        options_.on_connection = std::move(f);
        return *this;
    }
    /// Receives every error, with what it concerns (default: printed to stderr).
    tcp_server& on_error(std::function<void(boost::system::error_code const&, std::string_view)> f)
    {
        options_.on_error = std::move(f);
        return *this;
    }
    /// Called once the server listens, with its address.
    tcp_server& on_listening(std::function<void(boost::asio::ip::tcp::endpoint const&)> f)
    {
        options_.on_listening = std::move(f);
        return *this;
    }

    /// The options as set so far.
    server_options const& options() const noexcept { return options_; }

    /// A handle to shut the server down or wait for it to listen, from any thread.
    server_handle get_handle() { return server_handle(shared()); }

    /** Serves: one service from `new_service` per connection. Blocks until shut down.

        `new_service` is called with nothing, or with the connection's
        `proto::connection_info` if it takes one.

        Returns the error that kept it from listening on every thread (then
        no thread serves and `on_listening` is not called), or success after
        a shutdown.
    */
    template <proto::ServerNewService N>
    boost::system::error_code serve(N new_service)
    {
        return with_handle([new_service](reactor::handle const&) { return new_service; });
    }

    /** Serves with a NewService made on each thread: `f(handle)` returns it.

        For services that need their thread's reactor (timers, clients of
        other servers).
    */
    template <class F>
    requires proto::ServerNewService<std::invoke_result_t<F&, reactor::handle const&>>
        boost::system::error_code with_handle(F f)
    {
        auto shared_state = shared();
        shared_state->configure(options_);
        std::size_t const n = options_.threads;
        reactor::listen_options listen;
        listen.backlog = options_.backlog;
        listen.reuse_port = n > 1 || options_.reuse_port;

        // Thread 0 binds first: with port 0 the others must share the port it got.
        // Each thread's context outlives its core, whose tasks point into it.
        proto::detail::thread_context ctx0;
        reactor::core core0;
        auto listener0 = reactor::tcp_listener::bind(core0.get_handle(), endpoint_, listen);
        if (!listener0) {
            shared_state->set_listening({}, listener0.error());
            return listener0.error();
        }
        auto local = listener0->local_endpoint();
        if (!local) {
            shared_state->set_listening({}, local.error());
            return local.error();
        }
        boost::asio::ip::tcp::endpoint const bound = *local;

        // Every worker binds, then waits until thread 0 has seen that all of them could.
        std::latch bound_latch(static_cast<std::ptrdiff_t>(n));
        std::latch go(1);
        std::vector<boost::system::error_code> bind_errors(n);
        std::vector<boost::thread> workers;
        workers.reserve(n - 1);
        for (std::size_t i = 1; i < n; ++i) {
            workers.emplace_back([this, i, f, &bound, &bound_latch, &go, &bind_errors, listen,
                                  shared_state]() mutable {
                proto::detail::thread_context ctx;
                std::optional<reactor::core> core;
                std::optional<reactor::tcp_listener> listener;
                try {
                    core.emplace();
                    auto bound_listener =
                        reactor::tcp_listener::bind(core->get_handle(), bound, listen);
                    if (bound_listener)
                        listener.emplace(std::move(*bound_listener));
                    else
                        bind_errors[i] = bound_listener.error();
                } catch (boost::system::system_error const& e) {
                    bind_errors[i] = e.code(); // no descriptor left for the reactor
                }
                bound_latch.count_down();
                go.wait();
                if (bind_errors[i] || shared_state->shutting_down())
                    return;
                run_thread(ctx, *core, i, f, std::move(*listener), shared_state);
            });
        }
        bound_latch.count_down();
        bound_latch.wait();
        for (auto const& ec : bind_errors) {
            if (ec) {
                shared_state->report(ec, "bind");
                shared_state->shutdown();
                go.count_down();
                for (auto& w : workers)
                    w.join();
                shared_state->set_listening({}, ec);
                return ec;
            }
        }
        go.count_down();
        if (options_.on_listening)
            options_.on_listening(bound);
        shared_state->set_listening(bound, {});

        run_thread(ctx0, core0, 0, f, std::move(*listener0), shared_state);
        for (auto& w : workers)
            w.join();
        return {};
    }

private:
    template <class F>
    void run_thread(proto::detail::thread_context& ctx, reactor::core& core, std::size_t index,
                    F& f, reactor::tcp_listener listener,
                    std::shared_ptr<proto::detail::server_shared> const& shared_state)
    {
        ctx.index = index;
        ctx.shared = shared_state.get();
        ctx.options = &options_;
        ctx.reactor.emplace(core.get_handle());
        auto make = f(ctx.handle());
        core.set_task_error_handler([shared_state](std::exception_ptr) {
            shared_state->report(make_error_code(error::exception), "task");
        });
        core.run(proto::detail::server_thread<Proto, decltype(make)>(ctx, proto_, std::move(make),
                                                                     std::move(listener)));
    }

    std::shared_ptr<proto::detail::server_shared> shared()
    {
        if (!shared_)
            shared_ = std::make_shared<proto::detail::server_shared>();
        return shared_;
    }

    Proto proto_;
    boost::asio::ip::tcp::endpoint endpoint_;
    server_options options_;
    std::shared_ptr<proto::detail::server_shared> shared_;
};

} // namespace protokit

#endif

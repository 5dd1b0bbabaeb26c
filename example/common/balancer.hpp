// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_BALANCER_HPP
#define PROTOKIT_EXAMPLE_COMMON_BALANCER_HPP

// The options every example server takes to run behind a load balancer
// (doc/guide.md, "Behind HAProxy"):
//
//   --proxy-protocol [required|optional]   read a PROXY protocol header (v1 or v2) first on each
//                                          connection (alone: required)
//   --log-connections                      print "connection from HOST:PORT" for each connection
//                                          (the real client's address with the PROXY protocol)
//   --reuse-port                           SO_REUSEPORT: a new process may take over the port
//   --drain-delay MS                       on SIGTERM, keep serving (draining) this long first
//
// and the limits a server open to any client wants (doc/reliability.md):
//
//   --idle-timeout MS                      close a connection with no request read or answered
//                                          this long (each server has its own default)
//   --shutdown-grace MS                    on SIGTERM, close what is still open after this long
//                                          (default 10 s)
//   --max-connections N                    stop accepting while N connections are open

#include "args.hpp"

#include <protokit/proto/proxy_protocol.hpp>

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <iostream>
#include <optional>
#include <string_view>

namespace example {

/// What the balancer options ask of a server.
struct balancer_options {
    protokit::proto::proxy::mode proxy = protokit::proto::proxy::mode::off;
    bool log_connections = false;
    bool reuse_port = false;
    std::chrono::milliseconds drain_delay{0};
    std::optional<std::chrono::milliseconds> idle_timeout;
    std::optional<std::chrono::milliseconds> shutdown_grace;
    std::optional<std::size_t> max_connections;

    /// The options in `a`; exits with the usage on a bad value.
    explicit balancer_options(args const& a)
    {
        using protokit::proto::proxy::mode;
        if (auto v = a.get("proxy-protocol")) {
            if (v->empty() || *v == "required")
                proxy = mode::required;
            else if (*v == "optional")
                proxy = mode::optional;
            else if (*v == "off")
                proxy = mode::off;
            else
                a.fail("--proxy-protocol wants required, optional or off, not '" + *v + "'");
        }
        log_connections = a.flag("log-connections");
        reuse_port = a.flag("reuse-port");
        drain_delay = std::chrono::milliseconds(a.number("drain-delay", 0));
        if (a.flag("idle-timeout"))
            idle_timeout = std::chrono::milliseconds(a.number("idle-timeout", 0));
        if (a.flag("shutdown-grace"))
            shutdown_grace = std::chrono::milliseconds(a.number("shutdown-grace", 0));
        if (a.flag("max-connections"))
            max_connections = static_cast<std::size_t>(a.number("max-connections", 0));
    }

    /// Sets them on `server` (a `protokit::tcp_server`).
    template <class Server>
    Server& apply(Server& server) const
    {
        server.proxy_protocol(proxy).reuse_port(reuse_port).drain_delay(drain_delay);
        if (idle_timeout)
            server.idle_timeout(*idle_timeout);
        if (shutdown_grace)
            server.shutdown_grace(*shutdown_grace);
        if (max_connections)
            server.max_connections(*max_connections);
        if (log_connections) {
            server.on_connection([](boost::asio::ip::tcp::endpoint const& peer) {
                std::cout << "connection from " << peer << std::endl;
                return true;
            });
        }
        return server;
    }
};

/// The usage text of the balancer options, to append to a server's.
inline constexpr std::string_view balancer_usage =
    " [--proxy-protocol [required|optional]] [--log-connections] [--reuse-port] [--drain-delay MS]"
    " [--idle-timeout MS] [--shutdown-grace MS] [--max-connections N]";

} // namespace example

#endif

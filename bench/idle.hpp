// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_BENCH_IDLE_HPP
#define PROTOKIT_BENCH_IDLE_HPP

// The idle-connection point: what a connection that has been served once and
// then sits idle costs a server, in resident memory. The server runs alone in
// a forked child, so its resident set is its own; the parent opens the
// connections with plain sockets, sends one request on each and reads its
// answer, then reads the child's VmRSS.

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bench {

struct idle_result {
    int connections = 0; ///< how many were open and served when measured
    double kib_per_connection = 0;
    long baseline_kib = 0; ///< the server's VmRSS after one connection, before the rest
    long loaded_kib = 0;   ///< its VmRSS with every connection open
    bool ok = false;
};

/// How many connections this process may open: `wanted`, or fewer if the descriptor limit says so.
inline int idle_connections_allowed(int wanted)
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur < limit.rlim_max) { // raise the soft limit as far as allowed
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    long const spare = static_cast<long>(limit.rlim_cur) - 64;
    return static_cast<int>(std::max(0L, std::min<long>(wanted, spare)));
}

inline long resident_kib(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

namespace detail {

/// One request on a connected socket, its answer read; false on any failure.
inline bool idle_exchange(int fd)
{
    char const request[] = "21\n";
    if (::send(fd, request, sizeof request - 1, MSG_NOSIGNAL) != sizeof request - 1)
        return false;
    char answer[8];
    std::size_t got = 0;
    while (got < 3) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 5000) != 1)
            return false;
        ssize_t const n = ::recv(fd, answer + got, sizeof answer - got, 0);
        if (n <= 0)
            return false;
        got += static_cast<std::size_t>(n);
    }
    return got == 3 && answer[0] == '4' && answer[1] == '2' && answer[2] == '\n';
}

inline int idle_connect(unsigned short port)
{
    int const fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace detail

/** Measures a doubler's resident memory per idle connection at `count` connections.

    `serve()` runs in a forked child: it starts the server and returns its
    port, and the child then waits until the parent is done. Call this before
    the process starts any thread, since it forks.
*/
template <class Serve>
idle_result measure_idle(Serve serve, int count)
{
    idle_result result;
    int to_parent[2], to_child[2];
    if (::pipe(to_parent) != 0 || ::pipe(to_child) != 0)
        return result;
    pid_t const child = ::fork();
    if (child < 0)
        return result;
    if (child == 0) {
        ::close(to_parent[0]);
        ::close(to_child[1]);
        unsigned short const port = serve();
        (void)!::write(to_parent[1], &port, sizeof port);
        char c;
        while (::read(to_child[0], &c, 1) > 0) {
        }
        std::_Exit(0); // the server is not stopped: only its memory was wanted
    }
    ::close(to_parent[1]);
    ::close(to_child[0]);
    unsigned short port = 0;
    if (::read(to_parent[0], &port, sizeof port) == sizeof port && port != 0) {
        std::vector<int> fds;
        fds.reserve(static_cast<std::size_t>(count));
        bool ok = true;
        // The first connection pays for what the server sets up once.
        if (int fd = detail::idle_connect(port); fd >= 0 && detail::idle_exchange(fd))
            fds.push_back(fd);
        else
            ok = false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        result.baseline_kib = resident_kib(child);
        // In batches, so that the listen backlog never overflows.
        while (ok && static_cast<int>(fds.size()) < count) {
            std::size_t const batch_start = fds.size();
            for (int i = 0; i < 200 && static_cast<int>(fds.size()) < count; ++i) {
                int const fd = detail::idle_connect(port);
                if (fd < 0) {
                    ok = false;
                    break;
                }
                fds.push_back(fd);
            }
            for (std::size_t i = batch_start; ok && i < fds.size(); ++i)
                ok = detail::idle_exchange(fds[i]);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        result.loaded_kib = resident_kib(child);
        result.connections = static_cast<int>(fds.size());
        result.ok = ok && result.baseline_kib > 0 && result.loaded_kib > 0;
        if (result.connections > 1)
            result.kib_per_connection =
                static_cast<double>(result.loaded_kib - result.baseline_kib) /
                static_cast<double>(result.connections - 1);
        for (int fd : fds)
            ::close(fd);
    }
    ::close(to_child[1]);
    ::close(to_parent[0]);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    return result;
}

} // namespace bench

#endif

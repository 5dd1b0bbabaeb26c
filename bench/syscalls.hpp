// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_BENCH_SYSCALLS_HPP
#define PROTOKIT_BENCH_SYSCALLS_HPP

// Counts one thread's system calls, as the kernel sees them: a perf counter
// on the syscall-entry tracepoint of each call that receives, sends, waits
// for readiness or changes what is waited for. Needs tracefs and the right
// to trace (root, or perf_event_paranoid <= 1); without them the counter
// says it is unavailable and the benchmark prints dashes.

#include <array>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

namespace bench {

/// System calls of one thread, by kind.
struct syscall_counts {
    std::uint64_t receives = 0; // recvfrom, recvmsg, read, readv
    std::uint64_t sends = 0;    // sendto, sendmsg, write, writev
    std::uint64_t waits = 0;    // epoll_wait, epoll_pwait
    std::uint64_t controls = 0; // epoll_ctl

    syscall_counts operator-(syscall_counts const& o) const
    {
        return {receives - o.receives, sends - o.sends, waits - o.waits, controls - o.controls};
    }
    syscall_counts& operator+=(syscall_counts const& o)
    {
        receives += o.receives;
        sends += o.sends;
        waits += o.waits;
        controls += o.controls;
        return *this;
    }
};

/// The calling thread's kernel id, for `syscall_counter`.
inline pid_t this_thread_id()
{
    return static_cast<pid_t>(::syscall(SYS_gettid));
}

class syscall_counter {
public:
    /// Counts the system calls of thread `tid` from now on.
    explicit syscall_counter(pid_t tid)
    {
        for (std::size_t kind = 0; kind < calls.size(); ++kind) {
            for (char const* name : calls[kind]) {
                if (name == nullptr)
                    continue;
                int const fd = open_tracepoint(name, tid);
                if (fd < 0) {
                    close_all();
                    return;
                }
                fds_.push_back({fd, kind});
            }
        }
    }

    ~syscall_counter() { close_all(); }
    syscall_counter(syscall_counter const&) = delete;
    syscall_counter& operator=(syscall_counter const&) = delete;

    /// False if the kernel would not count (no tracefs, or no permission).
    bool available() const noexcept { return !fds_.empty(); }

    /// The counts since construction.
    syscall_counts read() const
    {
        std::array<std::uint64_t, 4> by_kind{};
        for (auto const& [fd, kind] : fds_) {
            std::uint64_t value = 0;
            if (::read(fd, &value, sizeof value) == sizeof value)
                by_kind[kind] += value;
        }
        return {by_kind[0], by_kind[1], by_kind[2], by_kind[3]};
    }

private:
    struct counter {
        int fd;
        std::size_t kind;
    };

    static constexpr std::array<std::array<char const*, 4>, 4> calls{{
        {"recvfrom", "recvmsg", "read", "readv"},
        {"sendto", "sendmsg", "write", "writev"},
        {"epoll_wait", "epoll_pwait", nullptr, nullptr},
        {"epoll_ctl", nullptr, nullptr, nullptr},
    }};

    static int open_tracepoint(char const* name, pid_t tid)
    {
        std::uint64_t id = 0;
        for (char const* root : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
            std::ifstream in(std::string(root) + "/events/syscalls/sys_enter_" + name + "/id");
            if (in >> id)
                break;
        }
        if (id == 0)
            return -1;
        perf_event_attr attr{};
        attr.type = PERF_TYPE_TRACEPOINT;
        attr.size = sizeof attr;
        attr.config = id;
        return static_cast<int>(::syscall(SYS_perf_event_open, &attr, tid, -1, -1, 0));
    }

    void close_all()
    {
        for (auto const& c : fds_)
            ::close(c.fd);
        fds_.clear();
    }

    std::vector<counter> fds_;
};

} // namespace bench

#endif

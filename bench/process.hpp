// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_BENCH_PROCESS_HPP
#define PROTOKIT_BENCH_PROCESS_HPP

// What the benchmarks that drive real programs (bench_resp, bench_http)
// share: a child process with its output piped back, finding programs,
// free ports, medians, and the examples next to the bench directory.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bench {

/// A program run with its output read through a pipe; killed (SIGTERM, then SIGKILL) when
/// destroyed.
class process {
public:
    process(std::string const& path, std::vector<std::string> const& args)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            fail("pipe2 failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
        std::vector<char*> argv{const_cast<char*>(path.c_str())};
        for (auto const& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        int const rc = posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        out_ = fds[0];
        if (rc != 0)
            fail("cannot start " + path);
    }

    process(process const&) = delete;
    process& operator=(process const&) = delete;

    ~process()
    {
        if (!exited_) {
            ::kill(pid_, SIGTERM);
            if (!wait_exit(std::chrono::seconds(10))) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, nullptr, 0);
            }
        }
        ::close(out_);
    }

    /// Reads output until a line holds `marker` (true) or the output ends or `limit` passes
    /// (false).
    bool wait_for(std::string const& marker, std::chrono::seconds limit = std::chrono::seconds(20))
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        for (;;) {
            if (output_.find(marker) != std::string::npos)
                return true;
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                end - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !read_some(static_cast<int>(left.count())))
                return false;
        }
    }

    /// Reads all output and waits for the exit (at most `limit`); the exit code, or nothing.
    std::optional<int> finish(std::chrono::seconds limit = std::chrono::seconds(600))
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end && read_some(100)) {
        }
        if (!wait_exit(std::chrono::duration_cast<std::chrono::seconds>(
                end - std::chrono::steady_clock::now())))
            return std::nullopt;
        return status_;
    }

    /// Everything it printed so far.
    std::string const& output() const { return output_; }

    /** Reads what it has printed, without waiting.

        A program whose output nobody reads blocks once the pipe is full:
        call this now and then while it runs.
    */
    void drain()
    {
        for (int i = 0; i < 64; ++i) {
            pollfd p{out_, POLLIN, 0};
            if (::poll(&p, 1, 0) <= 0 || !read_some(0))
                return;
        }
    }

    /// Its process id, for what /proc tells of it.
    pid_t pid() const noexcept { return pid_; }

    /// Its CPU time so far (user + system, all threads), in seconds.
    double cpu_seconds() const
    {
        std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        auto after_name = text.rfind(')');
        if (after_name == std::string::npos)
            return 0;
        std::istringstream fields(text.substr(after_name + 2));
        std::string field;
        double ticks = 0;
        for (int i = 3; i <= 15 && fields >> field; ++i)
            if (i == 14 || i == 15) // utime, stime
                ticks += std::stod(field);
        return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
    }

private:
    [[noreturn]] static void fail(std::string const& why)
    {
        std::fprintf(stderr, "%s: %s\n", program_invocation_short_name, why.c_str());
        std::exit(1);
    }

    /// Reads what is there within `ms`; false once the output has ended.
    bool read_some(int ms)
    {
        pollfd p{out_, POLLIN, 0};
        if (::poll(&p, 1, ms) <= 0)
            return true;
        char chunk[4096];
        auto n = ::read(out_, chunk, sizeof chunk);
        if (n <= 0)
            return false;
        output_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    bool wait_exit(std::chrono::seconds limit)
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        for (;;) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                return true;
            }
            if (std::chrono::steady_clock::now() >= end)
                return false;
            read_some(10);
        }
    }

    pid_t pid_ = -1;
    int out_ = -1;
    std::string output_;
    bool exited_ = false;
    int status_ = 0;
};

/// The path of program `name` on the PATH or in the system's directories; exits, saying which
/// packages `hint` names, if there is none.
inline std::string on_path(std::string const& name, char const* hint)
{
    std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
    std::istringstream dirs(path + ":/usr/sbin:/usr/bin:/usr/local/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
        if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0)
            return dir + "/" + name;
    std::fprintf(stderr, "%s: %s not found (scripts/deps installs %s)\n",
                 program_invocation_short_name, name.c_str(), hint);
    std::exit(1);
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
inline unsigned short free_port()
{
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

/// The median of `v` (0 for none).
inline double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// The example program `name` of the build this benchmark belongs to (`<build>/example/name`).
inline std::string sibling(char const* argv0, std::string const& name)
{
    auto self = std::filesystem::absolute(argv0).parent_path();
    return (self.parent_path() / "example" / name).string();
}

} // namespace bench

#endif

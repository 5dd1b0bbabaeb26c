// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_CHILD_PROCESS_HPP
#define PROTOKIT_TEST_SUPPORT_CHILD_PROCESS_HPP

// A program the test starts (an example server or client), with its output
// read line by line under a deadline. The process is killed and reaped
// when the object goes, so a test never leaves one behind.

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace protokit::test {

class child_process {
public:
    /** Starts `path` with `args`; its stdout and stderr come to this object.

        With `pipe_input` its stdin is a pipe that `write_input` feeds and
        `close_input` ends; otherwise it is the test's.
    */
    child_process(std::string const& path, std::vector<std::string> const& args,
                  bool pipe_input = false)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe2 failed");
        int input[2] = {-1, -1};
        if (pipe_input && ::pipe2(input, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe2 failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        if (pipe_input)
            posix_spawn_file_actions_adddup2(&actions, input[0], 0);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(path.c_str()));
        for (auto const& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        int rc = posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        out_ = fds[0];
        if (pipe_input) {
            ::close(input[0]);
            in_ = input[1];
        }
        if (rc != 0) {
            ::close(out_);
            close_input();
            throw std::runtime_error("cannot start " + path);
        }
    }

    child_process(child_process const&) = delete;
    child_process& operator=(child_process const&) = delete;

    ~child_process()
    {
        if (pid_ > 0 && !status_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        ::close(out_);
        close_input();
    }

    /// Writes `text` to the process's stdin (made with `pipe_input`); false if it could not.
    bool write_input(std::string_view text)
    {
        ::signal(SIGPIPE, SIG_IGN); // a process that is gone fails the write, not the test binary
        while (!text.empty()) {
            auto const n = ::write(in_, text.data(), text.size());
            if (n <= 0)
                return false;
            text.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    /// Closes the process's stdin: it reads the end of its input.
    void close_input()
    {
        if (in_ >= 0)
            ::close(in_);
        in_ = -1;
    }

    /// The next line of output, or nothing if none came before the deadline (or the output ended).
    std::optional<std::string> read_line(std::chrono::milliseconds limit = std::chrono::seconds(20))
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        for (;;) {
            if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
                std::string line = buffer_.substr(0, nl);
                buffer_.erase(0, nl + 1);
                output_ += line + '\n';
                return line;
            }
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return std::nullopt;
            pollfd p{out_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
                continue;
            char chunk[4096];
            auto n = ::read(out_, chunk, sizeof chunk);
            if (n <= 0)
                return std::nullopt;
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    /// Reads lines until one starts with `prefix`; that line, or nothing by the deadline.
    std::optional<std::string> wait_for_line(std::string const& prefix,
                                             std::chrono::milliseconds limit = std::chrono::seconds(20))
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            auto line = read_line(std::chrono::duration_cast<std::chrono::milliseconds>(
                end - std::chrono::steady_clock::now()));
            if (!line)
                return std::nullopt;
            if (line->rfind(prefix, 0) == 0)
                return line;
        }
        return std::nullopt;
    }

    /// The process id, for what /proc tells of it.
    pid_t pid() const noexcept { return pid_; }

    /// Sends `signal` to the process.
    void signal(int signal) { ::kill(pid_, signal); }

    /// Waits for the process to exit (at most `limit`); its exit code, or nothing if it did not.
    std::optional<int> wait(std::chrono::milliseconds limit = std::chrono::seconds(20))
    {
        auto const end = std::chrono::steady_clock::now() + limit;
        while (!status_) {
            int status = 0;
            pid_t r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                break;
            }
            if (std::chrono::steady_clock::now() > end)
                return std::nullopt;
            // Drain the output so that a chatty child never blocks on a full pipe.
            read_line(std::chrono::milliseconds(10));
        }
        // And keep what it wrote before it exited.
        while (read_line(std::chrono::milliseconds(100))) {
        }
        output_ += std::exchange(buffer_, {});
        return status_;
    }

    /// Everything read so far, for failure messages.
    std::string const& output() const { return output_; }

private:
    pid_t pid_ = -1;
    int out_ = -1;
    int in_ = -1;
    std::string buffer_;
    std::string output_;
    std::optional<int> status_;
};

/// The path among this test binary's arguments whose file name is `name` (b2 and ctest pass them).
inline std::string program_path(std::string const& name)
{
    auto& suite = boost::unit_test::framework::master_test_suite();
    for (int i = 1; i < suite.argc; ++i) {
        std::string a = suite.argv[i];
        auto slash = a.rfind('/');
        if (a.substr(slash == std::string::npos ? 0 : slash + 1) == name)
            return a;
    }
    BOOST_FAIL("the path of program '" + name + "' was not given to the test binary");
    return {};
}

} // namespace protokit::test

#endif

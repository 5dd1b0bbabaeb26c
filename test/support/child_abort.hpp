// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_CHILD_ABORT_HPP
#define PROTOKIT_TEST_SUPPORT_CHILD_ABORT_HPP

// Runs a piece of a test in a child process, to see a debug assertion fire
// without ending the test program: the child's stderr is captured, and
// whether it aborted is reported.

#include <csignal>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

// ThreadSanitizer cannot follow a forked child of a multi-threaded program
// that starts threads of its own ("starting new threads after multi-threaded
// fork is not supported"), and the test program always runs one more thread
// (test/main.cpp's time limit). Under it the tests that use `run_in_child`
// are not built; the ASan + UBSan build, a debug build too, runs them.
#if defined(__SANITIZE_THREAD__)
#define PROTOKIT_TEST_FORKED_CHILDREN 0
#else
#define PROTOKIT_TEST_FORKED_CHILDREN 1
#endif

namespace protokit::test {

/// How a child run by `run_in_child` ended.
struct child_outcome {
    /// True if the child was ended by SIGABRT (a failed assertion).
    bool aborted = false;
    /// The exit status if it exited; -1 otherwise.
    int exit_code = -1;
    /// What the child wrote to stderr.
    std::string stderr_text;
};

/** Runs `body` in a forked child, which then exits with 0; reports how it ended.

    The child has only the calling thread (test/main.cpp's watchdog is not
    copied by fork), and glibc makes malloc usable in it. The child restores
    the default SIGABRT action (Boost.Test catches signals), so that a
    failed assertion ends it.
*/
inline child_outcome run_in_child(std::function<void()> const& body)
{
    int fds[2];
    if (::pipe(fds) != 0)
        throw std::runtime_error("pipe failed");
    pid_t const pid = ::fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::close(fds[0]);
        ::dup2(fds[1], 2);
        std::signal(SIGABRT, SIG_DFL);
        body();
        std::_Exit(0);
    }
    ::close(fds[1]);
    child_outcome out;
    char buf[512];
    for (;;) {
        ssize_t const n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0)
            break;
        out.stderr_text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    out.aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    if (WIFEXITED(status))
        out.exit_code = WEXITSTATUS(status);
    return out;
}

} // namespace protokit::test

#endif

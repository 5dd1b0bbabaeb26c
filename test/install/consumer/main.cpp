// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// Runs a future on a reactor with nothing but the installed headers and library.
#include <protokit/protokit.hpp>

#include <chrono>
#include <cstdio>

int main()
{
    protokit::reactor::core core;
    auto answer =
        core.run(protokit::reactor::timeout(core.get_handle(), std::chrono::milliseconds(1))
                     .and_then([](protokit::future::unit) { return protokit::future::ok(21); })
                     .map([](int x) { return 2 * x; }));
    if (!answer || *answer != 42) {
        std::puts("consumer: wrong answer");
        return 1;
    }
    std::puts("consumer: 42");
    return 0;
}

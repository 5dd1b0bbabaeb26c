// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// libFuzzer target: the PROXY protocol parser (include/protokit/proto/proxy_protocol.hpp).
//
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
//       test/fuzz/proxy_protocol.cpp lib/proto/proxy_protocol.cpp -o fuzz_proxy_protocol
//   ./fuzz_proxy_protocol test/fuzz/corpus/proxy_protocol
//
// Feeds the input as a server would receive it: every prefix, in the order a
// reader asks for bytes, and checks what the parser promises: it never claims
// more bytes than it was given, never asks a reader to go past the header's
// limits, and the answer for a prefix never contradicts the answer for the whole.

#include <protokit/proto/proxy_protocol.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

namespace {

namespace fpx = protokit::proto::proxy;

void check(bool ok)
{
    if (!ok)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::span<char const> const all(reinterpret_cast<char const*>(data), size);
    auto const whole = fpx::parse(all);
    if (whole.state == fpx::status::complete) {
        check(whole.size <= size);
        check(whole.size <= (whole.header.version == 1 ? fpx::v1_max_size : fpx::v2_max_size));
        check(whole.header.version == 1 || whole.header.version == 2);
    }
    if (whole.state == fpx::status::need_more)
        check(whole.limit > size && whole.limit <= fpx::v2_max_size);
    if (whole.state == fpx::status::invalid)
        check(!whole.reason.empty());

    // Read as a server reads: at most 512 bytes at a time, never past the limit.
    std::size_t have = 0;
    for (int steps = 0; steps < 1000; ++steps) {
        auto const r = fpx::parse(all.first(have));
        if (r.state != fpx::status::need_more) {
            // A decided prefix stays decided: the whole says the same.
            check(r.state == whole.state);
            if (r.state == fpx::status::complete)
                check(r.size == whole.size && r.size <= have);
            return 0;
        }
        check(r.limit > have);
        if (have == size)
            return 0; // the input ends before the header does
        std::size_t step = r.limit - have;
        if (step > 512)
            step = 512;
        if (step > size - have)
            step = size - have;
        have += step;
    }
    std::abort(); // a reader would never finish
}

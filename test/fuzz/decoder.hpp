// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_FUZZ_DECODER_HPP
#define PROTOKIT_TEST_FUZZ_DECODER_HPP

// What every decoder target shares: a byte stream decoded through `io::framed_read` over a
// scripted Io object, once in one read and once cut into reads of fuzzed sizes. Both must give
// the same frames and end the same way (a decoder's result may not depend on how the bytes
// arrive), the number of frames is bounded by the input (a decoder that yields without consuming
// loops forever), and a failed check aborts with both transcripts printed.

#include "../support/mock_io.hpp"

#include <protokit/future/task.hpp>
#include <protokit/io/framed.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace protokit::fuzz {

/// Stops the run: libFuzzer saves the input that got here.
[[noreturn]] inline void fail(char const* what)
{
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
}

/// Checks `ok`; aborts with `what` if it does not hold.
inline void check(bool ok, char const* what)
{
    if (!ok)
        fail(what);
}

/// Takes bytes off the front of the fuzzer's input, for the choices a target makes.
class input {
public:
    input(std::uint8_t const* data, std::size_t size)
        : rest_(reinterpret_cast<char const*>(data), size)
    {
    }

    /// The next byte (0 once the input is used up).
    std::uint8_t byte()
    {
        if (rest_.empty())
            return 0;
        auto const b = static_cast<std::uint8_t>(rest_.front());
        rest_.remove_prefix(1);
        return b;
    }

    /// The next `n` bytes (fewer at the end).
    std::string_view take(std::size_t n)
    {
        auto const s = rest_.substr(0, n);
        rest_.remove_prefix(s.size());
        return s;
    }

    /// Everything left.
    std::string_view rest() const noexcept { return rest_; }
    bool empty() const noexcept { return rest_.empty(); }

private:
    std::string_view rest_;
};

/// Cuts `size` bytes into pieces of 1 to 64 bytes, from a seed (0: one piece).
inline std::vector<std::size_t> cuts(std::size_t size, std::uint8_t seed)
{
    std::vector<std::size_t> out;
    if (seed == 0) {
        out.push_back(size);
        return out;
    }
    std::uint32_t x = seed * 2654435761u;
    for (std::size_t left = size; left > 0;) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        std::size_t const n = std::min<std::size_t>(left, 1 + x % (seed < 128 ? 8 : 64));
        out.push_back(n);
        left -= n;
    }
    return out;
}

/// What a decoder made of a byte stream: each frame as text, then how the stream ended.
struct transcript {
    std::vector<std::string> frames;
    std::string end;

    friend bool operator==(transcript const&, transcript const&) = default;

    void print(char const* title) const
    {
        std::fprintf(stderr, "%s: %zu frames\n", title, frames.size());
        for (auto const& f : frames)
            std::fprintf(stderr, "  %s\n", f.c_str());
        std::fprintf(stderr, "  then %s\n", end.c_str());
    }
};

/** Decodes `bytes` with `codec` through `framed_read`, arriving in reads of `pieces` bytes, then
    the end of the stream; stops at the end or the first error.

    `describe(frame)` writes a frame as text. With `merge` set, frames whose text starts with
    "chunk " are pieces of one body: consecutive ones are joined, since where a body is cut
    depends on the reads.
*/
template <class Codec, class Describe>
transcript decode_all(Codec codec, std::string_view bytes, std::vector<std::size_t> const& pieces,
                      Describe describe, bool merge = false)
{
    test::mock_io io;
    std::size_t at = 0;
    for (auto n : pieces) {
        io.read(bytes.substr(at, n));
        at += n;
    }
    io.read_eof();
    io::framed_read<test::mock_io, Codec> framed(io, std::move(codec));

    future::task_scope scope(future::noop_task());
    transcript t;
    // Each frame but an end of body takes at least one byte; bodies end once per head.
    std::size_t const most = 2 * bytes.size() + 16;
    for (std::size_t polls = 0;; ++polls) {
        check(polls <= most, "more frames than the input can hold: the decoder loops");
        auto r = framed.poll_next();
        check(!r.is_not_ready(), "a read of a finished script was not ready");
        if (r.is_error()) {
            t.end = "error " + r.error().message();
            return t;
        }
        auto& item = r.value();
        if (!item) {
            t.end = "end";
            return t;
        }
        std::string text = describe(*item);
        if (merge && text.starts_with("chunk ") && !t.frames.empty() &&
            t.frames.back().starts_with("chunk "))
            t.frames.back() += text.substr(6);
        else
            t.frames.push_back(std::move(text));
    }
}

/// How closely two transcripts must agree on how the stream ended.
enum class ending {
    same,      ///< the same end, or the same error
    same_kind, ///< both end, or both fail (with errors that may differ, and the body the error
               ///< cut short may have given more or fewer chunks)
};

/// The frames before a failed stream's last body chunks (which depend on the reads).
inline std::vector<std::string> before_last_chunks(transcript const& t)
{
    auto frames = t.frames;
    if (t.end.starts_with("error"))
        while (!frames.empty() && frames.back().starts_with("chunk "))
            frames.pop_back();
    return frames;
}

/** The decoder check of a target: `bytes` decoded in one read and in reads cut by `seed` give
    the same frames and end alike; returns the transcript of the one read.

    `same_kind` is for a decoder (Beast's parser) that checks what it has
    only once it holds enough: a malformed stream cut short may then fail
    as malformed in one read and as cut short in pieces, and a body over
    the limit fails at once in one read, but may first give a chunk or two
    in pieces.
*/
template <class MakeCodec, class Describe>
transcript same_however_cut(MakeCodec make_codec, std::string_view bytes, std::uint8_t seed,
                            Describe describe, bool merge = false, ending how = ending::same)
{
    auto whole = decode_all(make_codec(), bytes, {bytes.size()}, describe, merge);
    auto cut = decode_all(make_codec(), bytes, cuts(bytes.size(), seed), describe, merge);
    bool const agree = how == ending::same
                           ? whole == cut
                           : before_last_chunks(whole) == before_last_chunks(cut) &&
                                 whole.end.starts_with("error") == cut.end.starts_with("error");
    if (!agree) {
        whole.print("in one read");
        cut.print("in pieces");
        fail("the frames depend on how the bytes were cut into reads");
    }
    return whole;
}

/// Writes bytes for a transcript: printable ASCII as is, the rest as \xNN.
inline std::string escape(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        auto const u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f && u != '\\') {
            out.push_back(c);
        } else {
            char esc[5];
            std::snprintf(esc, sizeof esc, "\\x%02x", u);
            out += esc;
        }
    }
    return out;
}

} // namespace protokit::fuzz

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_INT_PROTO_HPP
#define PROTOKIT_EXAMPLE_COMMON_INT_PROTO_HPP

// The doubler's protocol, from tokio-proto's guide: newline-separated
// unsigned 64-bit integers, pipelined.

#include <protokit/error.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/proto/protocol.hpp>

#include <boost/system/result.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace example {

/// Lines of decimal u64s: "21\n" decodes to 21; 42 encodes as "42\n". A trailing '\r' is allowed.
struct int_codec {
    using in_type = std::uint64_t;
    using out_type = std::uint64_t;

    /// Longest line a u64 can take ("18446744073709551615\r\n"); longer is garbage.
    static constexpr std::size_t max_line = 22;

    boost::system::result<std::optional<std::uint64_t>> decode(protokit::io::bytes_mut& buf)
    {
        auto const view = buf.view();
        // A newline past `max_line` makes garbage anyway: look no further (a
        // loop over so few bytes costs less than a call to memchr).
        std::size_t const end = std::min(view.size(), max_line);
        std::size_t nl = scanned_;
        while (nl < end && view[nl] != '\n')
            ++nl;
        if (nl == end) {
            // As long a line is garbage however it arrived: whole, or cut before its newline.
            if (view.size() >= max_line)
                return make_error_code(protokit::error::invalid_frame);
            scanned_ = view.size();
            return std::nullopt;
        }
        scanned_ = 0;
        std::uint64_t value = 0;
        if (!parse(view.substr(0, nl), value))
            return make_error_code(protokit::error::invalid_frame);
        buf.advance(nl + 1);
        // Made in place: a result built from another one is copied through the stack.
        return std::optional<std::uint64_t>(value);
    }

    /// At the end of the input, the bytes after the last newline are a last number
    /// (the seed's `decode_eof`: "21" then the end answers 42).
    boost::system::result<std::optional<std::uint64_t>> decode_eof(protokit::io::bytes_mut& buf)
    {
        auto frame = decode(buf);
        if (!frame || frame->has_value() || buf.empty())
            return frame;
        scanned_ = 0;
        std::uint64_t value = 0;
        if (!parse(buf.view(), value))
            return make_error_code(protokit::error::invalid_frame);
        buf.clear();
        return std::optional<std::uint64_t>(value);
    }

    boost::system::result<void> encode(std::uint64_t value, protokit::io::bytes_mut& dst)
    {
        auto out = dst.prepare(21);
        auto [end, ec] = std::to_chars(out.data(), out.data() + out.size(), value);
        *end++ = '\n';
        dst.commit(static_cast<std::size_t>(end - out.data()));
        return {};
    }

private:
    /// Reads `line` (a trailing '\r' allowed) into `value`; false if it is not a u64.
    static bool parse(std::string_view line, std::uint64_t& value)
    {
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), value);
        return !line.empty() && ec == std::errc() && end == line.data() + line.size();
    }

    std::size_t scanned_ = 0;
};

/// The doubler's protocol: pipelined requests and responses of u64, framed by `int_codec`.
struct int_proto : protokit::pipeline::server_proto, protokit::pipeline::client_proto {
    using request_type = std::uint64_t;
    using response_type = std::uint64_t;

    template <class Io>
    protokit::io::framed<Io, int_codec> bind_transport(Io io) const
    {
        return protokit::io::framed<Io, int_codec>(std::move(io));
    }
};

} // namespace example

#endif

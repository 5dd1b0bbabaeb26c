// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_MUX_PROTO_HPP
#define PROTOKIT_EXAMPLE_COMMON_MUX_PROTO_HPP

// mux_echo's protocol: each frame is an 8-byte request id and a 4-byte
// payload length (both big-endian), then the payload. Responses carry the
// id of their request and may come back in any order.

#include <protokit/error.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/proto/protocol.hpp>

#include <boost/endian/conversion.hpp>
#include <boost/system/result.hpp>

#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

namespace example {

/// Frames of (id, payload). A payload over 16 MiB is refused before anything is allocated for it.
struct mux_codec {
    using frame = std::pair<std::uint64_t, protokit::io::bytes>;
    using in_type = frame;
    using out_type = frame;

    static constexpr std::size_t header = 12;
    static constexpr std::uint32_t max_payload = 16u << 20;

    boost::system::result<std::optional<frame>> decode(protokit::io::bytes_mut& buf)
    {
        if (buf.size() < header)
            return std::nullopt;
        std::uint64_t id = 0;
        std::uint32_t length = 0;
        std::memcpy(&id, buf.data(), 8);
        std::memcpy(&length, buf.data() + 8, 4);
        boost::endian::big_to_native_inplace(id);
        boost::endian::big_to_native_inplace(length);
        if (length > max_payload)
            return make_error_code(protokit::error::frame_too_large);
        if (buf.size() < header + length) {
            buf.reserve(header + length - buf.size());
            return std::nullopt;
        }
        buf.advance(header);
        return frame(id, buf.split_to(length));
    }

    boost::system::result<void> encode(frame const& f, protokit::io::bytes_mut& dst)
    {
        if (f.second.size() > max_payload)
            return make_error_code(protokit::error::frame_too_large);
        auto out = dst.prepare(header);
        std::uint64_t const id = boost::endian::native_to_big(f.first);
        std::uint32_t const length = boost::endian::native_to_big(static_cast<std::uint32_t>(f.second.size()));
        std::memcpy(out.data(), &id, 8);
        std::memcpy(out.data() + 8, &length, 4);
        dst.commit(header);
        dst.append(f.second);
        return {};
    }
};

/// The multiplexed echo protocol, for servers and clients alike.
struct mux_proto : protokit::multiplex::server_proto, protokit::multiplex::client_proto {
    using request_type = protokit::io::bytes;
    using response_type = protokit::io::bytes;

    template <class Io>
    protokit::io::framed<Io, mux_codec> bind_transport(Io io) const
    {
        return protokit::io::framed<Io, mux_codec>(std::move(io));
    }
};

} // namespace example

#endif

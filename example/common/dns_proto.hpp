// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_DNS_PROTO_HPP
#define PROTOKIT_EXAMPLE_COMMON_DNS_PROTO_HPP

// DNS over TCP (RFC 1035 4.2.2, RFC 7766): each message is preceded by its
// length in two bytes, big-endian. The message id is the multiplex request
// id, so a connection carries many queries at once and answers leave as
// they are ready. A frame too short to hold a header cannot be answered and
// closes the connection; a longer one that does not parse is still a
// query, answered with FORMERR.

#include "dns.hpp"
#include "dns_zone.hpp"

#include <protokit/error.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/proto/protocol.hpp>

#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>

namespace example::dns {

namespace detail {

/// The next whole frame's message in `buf` (length prefix removed), nothing if incomplete, or an
/// error.
inline boost::system::result<std::optional<std::span<char const>>>
next_frame(protokit::io::bytes_mut& buf)
{
    if (buf.size() < 2)
        return std::nullopt;
    std::size_t const length =
        std::size_t(static_cast<unsigned char>(buf[0])) << 8 | static_cast<unsigned char>(buf[1]);
    if (length < 12)
        return make_error_code(protokit::error::invalid_frame);
    if (buf.size() < 2 + length) {
        buf.reserve(2 + length - buf.size());
        return std::nullopt;
    }
    return std::optional(std::span<char const>(buf.data() + 2, length));
}

/// Appends `m`, with id `id` and its length prefix, to `dst` (cut with TC past 65535 bytes).
inline void put_frame(std::uint16_t id, message const& m, std::string& scratch,
                      protokit::io::bytes_mut& dst)
{
    writer(scratch).write(m, max_tcp_message);
    set16(scratch, 0, id);
    auto out = dst.prepare(2);
    out[0] = static_cast<char>(scratch.size() >> 8);
    out[1] = static_cast<char>(scratch.size() & 0xff);
    dst.commit(2);
    dst.append(std::string_view(scratch));
}

} // namespace detail

/// A server's TCP codec: queries in (with their ids), responses out.
class tcp_server_codec {
public:
    using in_type = std::pair<std::uint16_t, query>;
    using out_type = std::pair<std::uint16_t, message>;

    /// The next query; an error (the connection closes) for a frame shorter than a header.
    boost::system::result<std::optional<in_type>> decode(protokit::io::bytes_mut& buf)
    {
        auto frame = detail::next_frame(buf);
        if (!frame)
            return frame.error();
        if (!*frame)
            return std::nullopt;
        query q = read_query(**frame);
        buf.advance(2 + (*frame)->size());
        std::uint16_t const id = q.msg.head.id;
        return std::optional<in_type>(std::in_place, id, std::move(q));
    }

    /// Writes a response with the request's id.
    boost::system::result<void> encode(out_type const& response, protokit::io::bytes_mut& dst)
    {
        detail::put_frame(response.first, response.second, scratch_, dst);
        return {};
    }

private:
    std::string scratch_;
};

/// A client's TCP codec: queries out (with the ids the client assigns), responses in.
class tcp_client_codec {
public:
    using in_type = std::pair<std::uint16_t, message>;
    using out_type = std::pair<std::uint16_t, message>;

    /// The next response; a response that does not parse is an error that ends the connection.
    boost::system::result<std::optional<in_type>> decode(protokit::io::bytes_mut& buf)
    {
        auto frame = detail::next_frame(buf);
        if (!frame)
            return frame.error();
        if (!*frame)
            return std::nullopt;
        auto m = parse(**frame);
        if (!m)
            return make_error_code(protokit::error::invalid_frame);
        buf.advance(2 + (*frame)->size());
        std::uint16_t const id = m->head.id;
        return std::optional<in_type>(std::in_place, id, std::move(*m));
    }

    /// Writes a query with the id the client gave it.
    boost::system::result<void> encode(out_type const& request, protokit::io::bytes_mut& dst)
    {
        detail::put_frame(request.first, request.second, scratch_, dst);
        return {};
    }

private:
    std::string scratch_;
};

/// DNS over TCP for servers: the message id is the request id.
struct tcp_server_proto : protokit::multiplex::server_proto {
    using request_id_type = std::uint16_t;
    using request_type = query;
    using response_type = message;

    template <class Io>
    protokit::io::framed<Io, tcp_server_codec> bind_transport(Io io) const
    {
        return protokit::io::framed<Io, tcp_server_codec>(std::move(io));
    }
};

/** DNS over TCP for clients: the client picks each query's id.

    The client's ids are `generation * slots + slot` cut to 16 bits, with a
    power-of-two number of slots: distinct while at most 65536 calls are in
    flight, so keep `max_in_flight` at or below that.
*/
struct tcp_client_proto : protokit::multiplex::client_proto {
    using request_id_type = std::uint16_t;
    using request_type = message;
    using response_type = message;

    /// The most calls in flight for which the 16-bit ids stay distinct.
    static constexpr std::size_t max_in_flight = 65536;

    template <class Io>
    protokit::io::framed<Io, tcp_client_codec> bind_transport(Io io) const
    {
        return protokit::io::framed<Io, tcp_client_codec>(std::move(io));
    }
};

/// A query for `qname` and `qtype`, class IN, recursion not desired.
inline message make_query(name qname, std::uint16_t qtype)
{
    message m;
    m.questions.push_back({std::move(qname), qtype, klass::in});
    return m;
}

} // namespace example::dns

#endif

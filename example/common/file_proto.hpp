// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_FILE_PROTO_HPP
#define PROTOKIT_EXAMPLE_COMMON_FILE_PROTO_HPP

// The file server's protocol, over streaming::multiplex. Every frame is an
// 8-byte message id, a 1-byte kind (0 head, 1 chunk, 2 end of body,
// 3 error), a 4-byte payload length (big-endian), then the payload; a
// payload over 1 MiB is a protocol error. Every head opens a body, which
// an end frame closes (a message without a body is its head and an end at
// once). A request head is "GET path" or "PUT path" (a path relative to
// the server's root; a PUT's body is the file). A response head is
// "OK size", then (for a GET) the file in chunks of at most 64 KiB. An
// error frame's payload is one byte, a `file_error`, then a message for
// people; it ends that message.

#include <protokit/error.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/proto/streaming/multiplex.hpp>

#include <boost/endian/conversion.hpp>
#include <boost/system/error_category.hpp>
#include <boost/system/result.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

namespace example {

/// Why a file request failed, as the protocol's error frames carry it.
enum class file_error : std::uint8_t {
    bad_request = 1,
    forbidden,
    not_found,
    io_failure,
};

inline boost::system::error_category const& file_error_category() noexcept
{
    struct category final : boost::system::error_category {
        char const* name() const noexcept override { return "file"; }
        std::string message(int ev) const override
        {
            switch (static_cast<file_error>(ev)) {
            case file_error::bad_request: return "bad request";
            case file_error::forbidden: return "forbidden: outside the served root";
            case file_error::not_found: return "no such file";
            case file_error::io_failure: return "input/output failure";
            }
            return "unknown file error";
        }
    };
    static category const c;
    return c;
}

inline boost::system::error_code make_error_code(file_error e) noexcept
{
    return {static_cast<int>(e), file_error_category()};
}

/// A frame of the protocol: heads are text, chunks are bytes.
using file_frame =
    protokit::streaming::tagged_frame<std::uint64_t, std::string, protokit::io::bytes>;

/// Frames both ways (the same layout from client and server).
struct file_codec {
    using in_type = file_frame;
    using out_type = file_frame;
    using kind = protokit::streaming::frame<std::string, protokit::io::bytes>::kind;

    static constexpr std::size_t header = 13;
    static constexpr std::uint32_t max_payload = 1u << 20;
    /// The largest chunk a sender should make: the protocol's own limit is `max_payload`.
    static constexpr std::size_t chunk_size = 64 * 1024;

    boost::system::result<std::optional<file_frame>> decode(protokit::io::bytes_mut& buf)
    {
        if (buf.size() < header)
            return std::nullopt;
        std::uint64_t id = 0;
        std::uint32_t length = 0;
        std::memcpy(&id, buf.data(), 8);
        auto const k = static_cast<std::uint8_t>(buf.data()[8]);
        std::memcpy(&length, buf.data() + 9, 4);
        boost::endian::big_to_native_inplace(id);
        boost::endian::big_to_native_inplace(length);
        if (length > max_payload)
            return protokit::make_error_code(protokit::error::frame_too_large);
        if (k > 3 || (k == 2 && length != 0) || (k == 3 && length == 0))
            return protokit::make_error_code(protokit::error::invalid_frame);
        if (buf.size() < header + length) {
            buf.reserve(header + length - buf.size());
            return std::nullopt;
        }
        buf.advance(header);
        auto payload = buf.split_to(length);
        using frame = protokit::streaming::frame<std::string, protokit::io::bytes>;
        switch (static_cast<kind>(k)) {
        case kind::message:
            return file_frame{id, frame::message(std::string(payload.view()), true)};
        case kind::chunk: return file_frame{id, frame::chunk(std::move(payload))};
        case kind::end_of_body: return file_frame{id, frame::end_of_body()};
        case kind::error: break;
        }
        auto const code = static_cast<std::uint8_t>(payload[0]);
        if (code < 1 || code > 4)
            return protokit::make_error_code(protokit::error::invalid_frame);
        return file_frame{id, frame::error(make_error_code(static_cast<file_error>(code)))};
    }

    boost::system::result<void> encode(file_frame&& f, protokit::io::bytes_mut& dst)
    {
        switch (f.inner.type()) {
        case kind::message:
            if (auto r = put(dst, f.id, kind::message, f.inner.head()); !r || f.inner.has_body())
                return r;
            return put(dst, f.id, kind::end_of_body, {}); // no body: an empty one
        case kind::chunk: return put(dst, f.id, kind::chunk, f.inner.chunk().view());
        case kind::end_of_body: return put(dst, f.id, kind::end_of_body, {});
        case kind::error: break;
        }
        auto const& ec = f.inner.error();
        std::string payload(1, static_cast<char>(ec.category() == file_error_category()
                                                     ? ec.value()
                                                     : static_cast<int>(file_error::io_failure)));
        payload += ec.message();
        return put(dst, f.id, kind::error, payload);
    }

private:
    static boost::system::result<void> put(protokit::io::bytes_mut& dst, std::uint64_t id, kind k,
                                           std::string_view payload)
    {
        if (payload.size() > max_payload)
            return protokit::make_error_code(protokit::error::frame_too_large);
        auto out = dst.prepare(header);
        std::uint64_t const big_id = boost::endian::native_to_big(id);
        std::uint32_t const length =
            boost::endian::native_to_big(static_cast<std::uint32_t>(payload.size()));
        std::memcpy(out.data(), &big_id, 8);
        out[8] = static_cast<char>(k);
        std::memcpy(out.data() + 9, &length, 4);
        dst.commit(header);
        dst.append(payload);
        return {};
    }
};

/// The protocol, for servers and clients alike.
struct file_proto : protokit::streaming::multiplex::server_proto,
                    protokit::streaming::multiplex::client_proto {
    using request_type = std::string;
    using request_body_type = protokit::io::bytes;
    using response_type = std::string;
    using response_body_type = protokit::io::bytes;

    template <class Io>
    auto bind_transport(Io io) const
    {
        return protokit::io::framed<Io, file_codec>(std::move(io), file_codec{});
    }
};

using file_request = protokit::streaming::request_t<file_proto>;
using file_response = protokit::streaming::response_t<file_proto>;
using file_body = protokit::streaming::body<protokit::io::bytes>;

/// An open file descriptor, closed with its owner.
class unique_fd {
public:
    explicit unique_fd(int fd = -1) noexcept : fd_(fd) {}
    unique_fd(unique_fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    unique_fd& operator=(unique_fd&& other) noexcept
    {
        if (this != &other) {
            reset();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    ~unique_fd() { reset(); }

    int get() const noexcept { return fd_; }
    explicit operator bool() const noexcept { return fd_ >= 0; }

    void reset() noexcept
    {
        if (fd_ >= 0)
            ::close(std::exchange(fd_, -1));
    }

private:
    int fd_;
};

/** A file's bytes as a stream of chunks, read when polled: as fast as its consumer takes them.

    `on_chunk(bytes const&)` sees each chunk (a digest, a count).
*/
template <class OnChunk>
class file_chunks : public protokit::future::stream_facade<file_chunks<OnChunk>> {
public:
    using item_type = protokit::io::bytes;
    using error_type = boost::system::error_code;

    file_chunks(unique_fd fd, OnChunk on_chunk) : fd_(std::move(fd)), on_chunk_(std::move(on_chunk))
    {
    }

    protokit::future::stream_poll_result<protokit::io::bytes> poll_next()
    {
        if (!fd_)
            return protokit::future::end_of_stream;
        protokit::io::bytes_mut buf(file_codec::chunk_size);
        auto room = buf.prepare(file_codec::chunk_size);
        ssize_t n = 0;
        do {
            n = ::read(fd_.get(), room.data(), room.size());
        } while (n < 0 && errno == EINTR);
        if (n < 0)
            return protokit::future::fail(make_error_code(file_error::io_failure));
        if (n == 0) {
            fd_.reset();
            return protokit::future::end_of_stream;
        }
        buf.commit(static_cast<std::size_t>(n));
        auto chunk = buf.split_to(static_cast<std::size_t>(n));
        on_chunk_(chunk);
        return protokit::future::ready(std::optional<protokit::io::bytes>(std::move(chunk)));
    }

private:
    unique_fd fd_;
    OnChunk on_chunk_;
};

} // namespace example

template <>
struct boost::system::is_error_code_enum<example::file_error> : std::true_type {
};

#endif

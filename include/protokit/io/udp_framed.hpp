// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_UDP_FRAMED_HPP
#define PROTOKIT_IO_UDP_FRAMED_HPP

#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/io/bytes.hpp>
#include <protokit/reactor/udp_socket.hpp>

#include <boost/asio/ip/udp.hpp>
#include <boost/system/result.hpp>

#include <concepts>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace protokit::io {

/** A codec of whole datagrams (tokio-core's `UdpCodec`).

    `decode(from, datagram)` makes a message of one datagram (an error
    drops that datagram: the stream yields the error and goes on);
    `encode(message, dst)` writes one datagram into `dst` and returns where
    it goes.
*/
template <class C>
concept DatagramCodec = requires(C& c, boost::asio::ip::udp::endpoint const& from,
                                 std::span<char const> datagram, typename C::out_type&& out,
                                 bytes_mut& dst)
{
    typename C::in_type;
    typename C::out_type;
    {
        c.decode(from, datagram)
        } -> std::same_as<boost::system::result<typename C::in_type>>;
    {
        c.encode(std::move(out), dst)
        } -> std::same_as<boost::system::result<boost::asio::ip::udp::endpoint>>;
};

/** A UDP socket as a Stream of decoded messages and a Sink of messages to send.

    Each item is one datagram. `start_send` encodes the message and keeps it
    until it is sent; while one is waiting for the socket, the next is handed
    back (not ready). A datagram the socket refuses (an unreachable or
    invalid address) is dropped with the error: the next one goes out. Reads use a buffer of
   `max_datagram` bytes (64 KiB by default, the largest UDP payload), allocated once.
*/
template <DatagramCodec C>
class udp_framed : public future::stream_facade<udp_framed<C>>,
                   public future::sink_facade<udp_framed<C>> {
public:
    using item_type = typename C::in_type;
    using error_type = future::error_code;
    using sink_item_type = typename C::out_type;
    using sink_error_type = future::error_code;

    static constexpr std::size_t max_datagram = 65536;

    explicit udp_framed(reactor::udp_socket socket, C codec = C())
        : socket_(std::move(socket)), codec_(std::move(codec)), read_buffer_(max_datagram)
    {
    }

    /// The next datagram, decoded; the stream never ends by itself.
    future::stream_poll_result<item_type> poll_next()
    {
        auto received = socket_.poll_recv_from(std::span<char>(read_buffer_));
        if (!received.is_ready())
            return std::move(received).template propagate<std::optional<item_type>>();
        auto const [size, from] = received.value();
        auto message = codec_.decode(from, std::span<char const>(read_buffer_.data(), size));
        if (!message)
            return future::fail(message.error());
        return future::ready(std::optional<item_type>(std::move(*message)));
    }

    /// Encodes `message`; hands it back while the previous datagram waits for the socket.
    future::start_send_result<sink_item_type> start_send(sink_item_type message)
    {
        if (pending_to_) {
            auto flushed = poll_complete();
            if (flushed.is_error())
                return future::fail(std::move(flushed).error());
            if (pending_to_)
                return future::not_ready_with(std::move(message));
        }
        write_buffer_.clear();
        auto to = codec_.encode(std::move(message), write_buffer_);
        if (!to)
            return future::fail(to.error());
        pending_to_ = *to;
        return future::accepted;
    }

    /// Sends the datagram waiting, if any.
    future::poll_result<future::unit> poll_complete()
    {
        if (!pending_to_)
            return future::ready();
        auto sent = socket_.poll_send_to(
            std::span<char const>(write_buffer_.data(), write_buffer_.size()), *pending_to_);
        if (sent.is_not_ready())
            return future::not_ready;
        pending_to_
            .reset(); // sent, or refused for good: a datagram that cannot go is lost, not retried
        if (sent.is_error())
            return future::fail(std::move(sent).error());
        return future::ready();
    }

    /// Sends the datagram waiting; a UDP socket has nothing else to close.
    future::poll_result<future::unit> close() { return poll_complete(); }

    reactor::udp_socket& get_ref() noexcept { return socket_; }
    C& codec() noexcept { return codec_; }

private:
    reactor::udp_socket socket_;
    C codec_;
    std::vector<char> read_buffer_;
    bytes_mut write_buffer_;
    std::optional<boost::asio::ip::udp::endpoint> pending_to_;
};

} // namespace protokit::io

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_HTTP_TRANSPORT_HPP
#define PROTOKIT_HTTP_TRANSPORT_HPP

#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/http/codec.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/io.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <utility>

namespace protokit::http {

/// A codec as `transport` drives it: `server_codec` or `client_codec`.
template <class C>
concept TransportCodec = io::Codec<C> && requires(C& c, C const& cc, io::bytes_mut& buf)
{
    {
        cc.read_closed()
        } -> std::convertible_to<bool>;
    {
        c.interim(buf)
        } -> std::convertible_to<bool>;
    c.closing(buf);
};

/** An HTTP/1.1 connection as a `streaming::pipeline` transport: `io::framed` over an HTTP codec.

    On top of `framed`: the stream ends once the codec reads no more (a
    connection that is closing); a `100 Continue` the codec owes is
    written as the body it announces is asked for; and `close()` writes
    the answer owed to a request that could not be read, shuts the write
    side, then reads and drops what the peer still sends (up to
    `linger_limit` bytes, until it closes) so that the answer is not lost
    to a reset. The connection's idle timeout and shutdown grace bound how
    long that takes.
*/
template <io::Io T, TransportCodec C>
class transport : public future::stream_facade<transport<T, C>>,
                  public future::sink_facade<transport<T, C>> {
public:
    using item_type = typename C::in_type;
    using error_type = io::error_code;
    using sink_item_type = typename C::out_type;
    using sink_error_type = io::error_code;

    /// The most a closing connection reads and drops while it waits for the peer to close.
    static constexpr std::size_t linger_limit = 1 << 20;

    transport(T io, C codec) : framed_(std::move(io), std::move(codec)) {}

    /// The next frame; the end once the codec reads no more.
    future::stream_poll_result<item_type> poll_next()
    {
        C& codec = framed_.codec();
        if (codec.interim(framed_.write_buffer()))
            flushing_interim_ = true;
        if (flushing_interim_) {
            auto sent = framed_.poll_complete();
            if (sent.is_error())
                return future::fail(std::move(sent).error());
            flushing_interim_ = !sent.is_ready(); // else the task waits to write the rest
        }
        if (codec.read_closed())
            return future::end_of_stream;
        return framed_.poll_next();
    }

    future::start_send_result<sink_item_type> start_send(sink_item_type item)
    {
        return framed_.start_send(std::move(item));
    }

    future::poll_result<future::unit> poll_complete() { return framed_.poll_complete(); }

    /// Writes what the codec owes at the end, flushes, shuts the write side, lingers; see the
    /// class.
    future::poll_result<future::unit> close()
    {
        if (!closing_) {
            closing_ = true;
            std::size_t const before = framed_.write_buffer().size();
            framed_.codec().closing(framed_.write_buffer());
            linger_ = framed_.write_buffer().size() != before;
        }
        if (!shut_) {
            auto closed = framed_.close();
            if (!closed.is_ready())
                return closed;
            shut_ = true;
        }
        while (linger_ && lingered_ < linger_limit) {
            std::array<char, 4096> scratch;
            auto n = framed_.get_mut().poll_read(std::span<char>(scratch));
            if (n.is_not_ready())
                return future::not_ready;
            if (n.is_error() || n.value() == 0)
                break;
            lingered_ += n.value();
        }
        return future::ready();
    }

    /// The framed connection underneath.
    io::framed<T, C>& framed() noexcept { return framed_; }

private:
    io::framed<T, C> framed_;
    bool flushing_interim_ = false;
    bool closing_ = false;
    bool shut_ = false;
    bool linger_ = false;
    std::size_t lingered_ = 0;
};

} // namespace protokit::http

#endif

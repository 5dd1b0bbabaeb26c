// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_STREAMING_FRAME_HPP
#define PROTOKIT_PROTO_STREAMING_FRAME_HPP

#include <protokit/future/poll.hpp>

#include <boost/assert.hpp>

#include <utility>
#include <variant>

namespace protokit::streaming {

/** One frame of a streaming protocol on the wire (tokio-proto's `streaming::pipeline::Frame`).

    A message head (which says whether a body follows), a chunk of the
    open body, the end of that body, or an error. A streaming transport is
    a Stream of these and a Sink of these: its codec decides how each looks
    in bytes.
*/
template <class Head, class Chunk, class Error = future::error_code>
class frame {
public:
    /// What a frame is.
    enum class kind { message, chunk, end_of_body, error };

    /// A message head; `has_body`: its body's chunks follow, then an end of body.
    static frame message(Head head, bool has_body)
    {
        return frame(std::in_place_index<0>, std::pair<Head, bool>(std::move(head), has_body));
    }
    /// A chunk of the body that is open.
    static frame chunk(Chunk c) { return frame(std::in_place_index<1>, std::move(c)); }
    /// The end of the body that is open.
    static frame end_of_body() { return frame(std::in_place_index<2>); }
    /// An error (of the message, or of the body that is open).
    static frame error(Error e) { return frame(std::in_place_index<3>, std::move(e)); }

    kind type() const noexcept { return static_cast<kind>(v_.index()); }

    Head& head() noexcept { return std::get<0>(v_).first; }
    bool has_body() const noexcept { return std::get<0>(v_).second; }
    Chunk& chunk() noexcept { return std::get<1>(v_); }
    Error& error() noexcept { return std::get<3>(v_); }

    friend bool operator==(frame const&, frame const&) = default;

private:
    template <std::size_t I, class... A>
    explicit frame(std::in_place_index_t<I> i, A&&... a) : v_(i, std::forward<A>(a)...)
    {
    }

    std::variant<std::pair<Head, bool>, Chunk, std::monostate, Error> v_;
};

/// A frame of a multiplexed streaming protocol: the frame, the id of its message, and whether it is
/// one-way.
template <class Id, class Head, class Chunk, class Error = future::error_code>
struct tagged_frame {
    Id id;
    frame<Head, Chunk, Error> inner;
    /// A one-way message: no response comes for it (meaningful on a message head).
    bool solo = false;

    friend bool operator==(tagged_frame const&, tagged_frame const&) = default;
};

} // namespace protokit::streaming

#endif

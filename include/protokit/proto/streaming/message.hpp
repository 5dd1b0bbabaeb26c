// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_STREAMING_MESSAGE_HPP
#define PROTOKIT_PROTO_STREAMING_MESSAGE_HPP

#include <protokit/proto/streaming/body.hpp>

#include <boost/assert.hpp>

#include <optional>
#include <utility>

namespace protokit::streaming {

/** A message of a streaming protocol: a head, and a body that may follow it (tokio-proto's
   `Message`).

    Without a body the message is its head alone (`WithoutBody`); with one,
    the body's chunks follow the head on the connection (`WithBody`) and
    are read, or produced, as they flow.
*/
template <class Head, class Body>
class message {
public:
    using head_type = Head;
    using body_type = Body;

    /// A message without a body.
    explicit message(Head head) : head_(std::move(head)) {}

    /// A message whose body follows its head.
    message(Head head, Body body) : head_(std::move(head)), body_(std::move(body)) {}

    Head& head() noexcept { return head_; }
    Head const& head() const noexcept { return head_; }

    bool has_body() const noexcept { return body_.has_value(); }

    /// The body; the message must have one.
    Body& body() noexcept
    {
        BOOST_ASSERT(body_);
        return *body_;
    }

    /// Takes the body out (the message keeps its head, and has no body any more).
    std::optional<Body> take_body() noexcept { return std::exchange(body_, std::nullopt); }

private:
    Head head_;
    std::optional<Body> body_;
};

/// The request message of a streaming protocol: its head, and a body of its request chunks.
template <class Proto>
using request_t = message<typename Proto::request_type, body<typename Proto::request_body_type>>;

/// The response message of a streaming protocol: its head, and a body of its response chunks.
template <class Proto>
using response_t = message<typename Proto::response_type, body<typename Proto::response_body_type>>;

} // namespace protokit::streaming

#endif

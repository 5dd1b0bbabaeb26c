// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_DETAIL_TRANSPORT_CHECK_HPP
#define PROTOKIT_PROTO_DETAIL_TRANSPORT_CHECK_HPP

#include <protokit/future/concepts.hpp>

#include <concepts>

namespace protokit::proto::detail {

/** Checks, where a protocol is first used, that its transport carries the frames its family needs.

    On a mismatch the compiler names this template with both types: read
    `Expected` and `Actual` (for what the transport yields) and `ExpectedOut`
    and `ActualOut` (for what it takes) in the error's instantiation line.
*/
template <class Transport, class ExpectedIn, class ExpectedOut>
struct transport_check {
    static_assert(
        future::Stream<Transport> && future::Sink<Transport>,
        "a protocol's bind_transport must give a Stream of inbound frames that is also a Sink of "
        "outbound frames (or a result or Future of one)");
    static constexpr bool value = true;
};

template <class Transport, class ExpectedIn, class ExpectedOut>
requires future::Stream<Transport> && future::Sink<Transport>
struct transport_check<Transport, ExpectedIn, ExpectedOut> {
    template <class Expected, class Actual>
    struct inbound_frames {
        static_assert(std::same_as<Expected, Actual>,
                      "the transport yields frames of the wrong type: see Expected and Actual in "
                      "this instantiation");
        static constexpr bool value = true;
    };
    template <class ExpectedOut_, class ActualOut>
    struct outbound_frames {
        static_assert(
            std::same_as<ExpectedOut_, ActualOut>,
            "the transport takes frames of the wrong type: see ExpectedOut_ and ActualOut in this "
            "instantiation");
        static constexpr bool value = true;
    };
    static_assert(std::same_as<typename Transport::error_type, future::error_code> &&
                      std::same_as<typename Transport::sink_error_type, future::error_code>,
                  "a transport's errors are boost::system::error_code");
    static constexpr bool value =
        inbound_frames<ExpectedIn, typename Transport::item_type>::value &&
        outbound_frames<ExpectedOut, typename Transport::sink_item_type>::value;
};

} // namespace protokit::proto::detail

#endif

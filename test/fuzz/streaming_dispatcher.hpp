// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_FUZZ_STREAMING_DISPATCHER_HPP
#define PROTOKIT_TEST_FUZZ_STREAMING_DISPATCHER_HPP

// What the streaming server dispatcher targets share: the service that answers "got:HEAD" with
// the request's whole body once it has arrived, the connection's limits taken from the script's
// first bytes, and a polled connection that remembers how it ended.

#include "decoder.hpp"

#include "../support/mock_notify.hpp"
#include "../support/streaming_support.hpp"

#include <protokit/future/boxed.hpp>
#include <protokit/future/executor.hpp>
#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/proto/connection.hpp>
#include <protokit/proto/streaming/message.hpp>
#include <protokit/service/service_fn.hpp>

#include <cerrno>
#include <string>

namespace protokit::fuzz {

/// Answers "got:HEAD", with the request's whole body once it has arrived if it has one.
template <class Proto>
auto collecting_service()
{
    using request = streaming::request_t<Proto>;
    using response = streaming::response_t<Proto>;
    return service::service_fn([](request r) -> future::boxed_future<response> {
        std::string h = "got:" + r.head();
        if (!r.has_body())
            return future::ok(response(std::move(h))).boxed();
        return std::move(r.body())
            .concat()
            .map([h](std::string all) {
                return response(h, streaming::body<std::string>::from(std::move(all)));
            })
            .boxed();
    });
}

/// The limits of a connection, from the script's first three bytes.
inline proto::connection_options streaming_options(input& in)
{
    proto::connection_options options;
    options.max_in_flight = 1 + in.byte() % 4;
    options.poll_budget = 1 + in.byte() % 16;
    options.body_window = 1 + in.byte() % 4;
    return options;
}

/// The error a peer's reset brings.
inline future::error_code reset_error()
{
    return future::error_code(ECONNRESET, boost::system::generic_category());
}

/// A spawned connection, polled until it ends; remembers whether it ended cleanly.
template <class Spawned>
class polled_connection {
public:
    explicit polled_connection(Spawned conn) : conn_(std::move(conn)) {}

    /// Polls once, unless it has ended.
    void poll()
    {
        if (done_)
            return;
        auto r = conn_.poll_future_notify(notify_, 0);
        done_ = !r.is_not_ready();
        clean_ = r.is_ready();
    }

    bool done() const noexcept { return done_; }
    bool clean() const noexcept { return clean_; }

private:
    Spawned conn_;
    boost::intrusive_ptr<test::counting_notify> notify_ = test::make_counting_notify();
    bool done_ = false;
    bool clean_ = false;
};

} // namespace protokit::fuzz

#endif

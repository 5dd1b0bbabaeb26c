// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_STREAMING_SUPPORT_HPP
#define PROTOKIT_TEST_SUPPORT_STREAMING_SUPPORT_HPP

#include <protokit/future/executor.hpp>
#include <protokit/future/task.hpp>
#include <protokit/proto/streaming/body.hpp>

#include "mock_notify.hpp"

#include <string>
#include <vector>

namespace protokit::test {

/// A streaming protocol of text heads and text chunks whose Io is already the transport.
template <class... Bases>
struct text_streaming_proto : Bases... {
    using request_type = std::string;
    using request_body_type = std::string;
    using response_type = std::string;
    using response_body_type = std::string;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

/// Polls a spawned future again while it was notified, as its task would be (bounded).
template <class F>
auto settle(F& f, boost::intrusive_ptr<counting_notify> const& n)
{
    auto r = f.poll_future_notify(n, 0);
    for (int i = 0; i < 16 && r.is_not_ready() && n->take() > 0; ++i)
        r = f.poll_future_notify(n, 0);
    return r;
}

/// What a body had to give at one point: its chunks, and whether (and how) it ended.
template <class Chunk>
struct drained_body {
    std::vector<Chunk> chunks;
    bool ended = false;
    future::error_code error;
};

/// Takes every chunk a body has now, under a task of its own.
template <class Chunk>
drained_body<Chunk> drain_body(streaming::body<Chunk>& b)
{
    drained_body<Chunk> d;
    auto n = make_counting_notify();
    future::task t(n, 99);
    future::task_scope scope(t);
    for (int i = 0; i < 1000; ++i) {
        auto r = b.poll_next();
        if (r.is_not_ready())
            break;
        if (r.is_error()) {
            d.error = r.error();
            d.ended = true;
            break;
        }
        if (!r.value()) {
            d.ended = true;
            break;
        }
        d.chunks.push_back(std::move(*r.value()));
    }
    return d;
}

} // namespace protokit::test

#endif

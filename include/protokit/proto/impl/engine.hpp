// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTO_IMPL_ENGINE_HPP
#define PROTOKIT_PROTO_IMPL_ENGINE_HPP

#include <boost/assert.hpp>

namespace protokit::proto {

template <class BindFuture, Dispatch D>
future::poll_result<future::unit> connection_engine<BindFuture, D>::poll()
{
    BOOST_ASSERT_MSG(!ended_, "connection_engine polled after it completed");
    dispatch_.begin_poll();
    auto r = step();
    dispatch_.end_poll();
    return r;
}

template <class BindFuture, Dispatch D>
future::poll_result<future::unit> connection_engine<BindFuture, D>::step()
{
    if (state_.index() == 0) {
        auto bound = std::get<0>(state_).poll();
        if (bound.is_not_ready())
            return future::not_ready;
        if (bound.is_error())
            return finish(std::move(bound).error());
        state_.template emplace<1>(std::move(bound).value());
    }
    return run(std::get<1>(state_));
}

template <class BindFuture, Dispatch D>
future::poll_result<future::unit> connection_engine<BindFuture, D>::run(transport_type& transport)
{
    std::size_t budget = budget_;
    // Once the transport has no frame, it will wake the task when it has
    // one: asking again in this poll would only cost a read that cannot
    // succeed (a read buffer taken and given back, a would-block).
    bool transport_waits = false;
    for (;;) {
        bool progress = false;

        // The write half: what the dispatch has to send, while the transport takes it.
        for (;;) {
            auto out = dispatch_.poll_write();
            if (out.is_not_ready())
                break;
            if (out.is_error()) {
                if (!closing_)
                    closing_ = std::move(out).error();
                break;
            }
            auto sent = transport.start_send(std::move(out).value());
            if (sent.is_error())
                return finish(std::move(sent).error());
            if (sent.is_not_ready()) {
                dispatch_.refused(std::move(sent).item());
                break;
            }
            dispatch_.written();
            unflushed_ = true;
            progress = true;
        }

        if (budget == 0) {
            // Written what this turn read: flush, and come back after the others.
            if (auto ec = flush(transport))
                return finish(ec);
            future::current_task().notify();
            return future::not_ready;
        }

        // The read half: a frame only when the dispatch can take it.
        while (!reading_stopped() && budget > 0 && !transport_waits) {
            auto ready = dispatch_.poll_read();
            if (ready.is_not_ready())
                break;
            if (ready.is_error()) {
                closing_ = std::move(ready).error();
                break;
            }
            auto frame = transport.poll_next();
            if (frame.is_not_ready()) {
                transport_waits = true;
                break;
            }
            if (frame.is_error() || !frame.value()) {
                future::error_code ec =
                    frame.is_error() ? std::move(frame).error() : future::error_code();
                if (!dispatch_.read_ended(ec))
                    return finish(ec);
                if (ec)
                    closing_ = ec;
                else
                    read_closed_ = true;
                break;
            }
            if (auto ec = dispatch_.read(std::move(*frame.value())))
                return finish(ec);
            --budget;
            progress = true;
        }

        if (auto ec = flush(transport))
            return finish(ec);
        if (!progress || (dispatch_.done(!reading_stopped()) && !unflushed_))
            break;
    }

    if (!dispatch_.done(!reading_stopped()) || unflushed_)
        return future::not_ready;
    auto closed = transport.close();
    if (closed.is_not_ready())
        return future::not_ready;
    if (closed.is_error())
        return finish(std::move(closed).error());
    return finish(closing_.value_or(future::error_code()));
}

/// Flushes what was written since the last flush; the error that ends the connection, if any.
template <class BindFuture, Dispatch D>
future::error_code connection_engine<BindFuture, D>::flush(transport_type& transport)
{
    if (!unflushed_)
        return {};
    auto flushed = transport.poll_complete();
    if (flushed.is_error())
        return std::move(flushed).error();
    if (flushed.is_ready())
        unflushed_ = false;
    return {};
}

/// Ends the connection: the dispatch is told, and the future completes with `ec` (if any).
template <class BindFuture, Dispatch D>
future::poll_result<future::unit> connection_engine<BindFuture, D>::finish(future::error_code ec)
{
    ended_ = true;
    dispatch_.end(ec);
    if (ec)
        return future::fail(ec);
    return future::ready();
}

} // namespace protokit::proto

#endif

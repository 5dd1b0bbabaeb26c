// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/reactor/signal_stream.hpp>

#include <boost/asio/error.hpp>

#include <utility>

namespace protokit::reactor {

signal_stream::signal_stream(handle const& h, std::initializer_list<int> signals)
    : set_(std::make_unique<boost::asio::signal_set>(h.io_context())), state_(new state)
{
    for (int s : signals) {
        boost::system::error_code ec;
        set_->add(s, ec);
        if (ec && !state_->error)
            state_->error = ec;
    }
}

future::poll_result<std::optional<int>> signal_stream::poll_next()
{
    if (state_->caught) {
        int const signal = *std::exchange(state_->caught, std::nullopt);
        return future::ready(std::optional<int>(signal));
    }
    if (state_->error)
        return future::fail(std::exchange(state_->error, future::error_code()));
    state_->waiter.register_current();
    if (!state_->armed) {
        set_->async_wait([s = state_](boost::system::error_code ec, int signal) {
            s->armed = false;
            if (!ec)
                s->caught = signal;
            else if (ec != boost::asio::error::operation_aborted)
                s->error = ec;
            s->waiter.notify();
        });
        state_->armed = true;
    }
    return future::not_ready;
}

} // namespace protokit::reactor

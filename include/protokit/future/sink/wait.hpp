// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_WAIT_HPP
#define PROTOKIT_FUTURE_SINK_WAIT_HPP

#include <protokit/future/executor.hpp>
#include <protokit/future/sink_facade.hpp>

#include <boost/system/result.hpp>

#include <utility>

namespace protokit::future {

/** The blocking sink of `sink.wait()`: sends, flushes and closes on this thread.

    futures-rs's `sink::Wait`. Each call blocks this thread until the sink
    has done it (its task is this thread, woken by the sink's
    notifications) and returns its outcome. Never use it on a reactor's
    thread: the reactor would stop while the thread waits, and nothing
    would wake it.
*/
template <class S>
class wait_sink {
public:
    using item_type = typename S::sink_item_type;
    using error_type = typename S::sink_error_type;

    /// Blocks this thread on `sink`'s calls.
    explicit wait_sink(S sink) : sink_(std::move(sink)), parker_(new detail::thread_notify) {}

    /// Sends `item`, waiting while the sink hands it back (it is not flushed).
    boost::system::result<void, error_type> send(item_type item)
    {
        task const t(parker_, 0);
        for (;;) {
            {
                task_scope scope(t);
                auto r = sink_.start_send(std::move(item));
                if (r.is_accepted())
                    return {};
                if (r.is_error())
                    return {boost::system::in_place_error, std::move(r).error()};
                item = std::move(r).item();
            }
            parker_->park();
        }
    }

    /// Waits until everything sent is flushed (`poll_complete`).
    boost::system::result<void, error_type> flush()
    {
        return block([this] { return sink_.poll_complete(); });
    }

    /// Flushes and closes the sink (`close`), waiting until it has.
    boost::system::result<void, error_type> close()
    {
        return block([this] { return sink_.close(); });
    }

    /// The sink.
    S& get_ref() noexcept { return sink_; }

    /// The sink, given back.
    S into_inner() && { return std::move(sink_); }

private:
    template <class Poll>
    boost::system::result<void, error_type> block(Poll poll)
    {
        task const t(parker_, 0);
        for (;;) {
            {
                task_scope scope(t);
                auto r = poll();
                if (r.is_ready())
                    return {};
                if (r.is_error())
                    return {boost::system::in_place_error, std::move(r).error()};
            }
            parker_->park();
        }
    }

    S sink_;
    boost::intrusive_ptr<detail::thread_notify> parker_;
};

} // namespace protokit::future

#endif

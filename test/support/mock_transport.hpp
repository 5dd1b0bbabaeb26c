// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_MOCK_TRANSPORT_HPP
#define PROTOKIT_TEST_SUPPORT_MOCK_TRANSPORT_HPP

#include <protokit/future/sink_facade.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/future/task.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace protokit::test {

/** A transport the test drives frame by frame, as tokio-proto's own tests do.

    Frames come in through `control::send` (or an error, or the end);
    frames written are captured; the test decides when the transport is
    writable and can inject errors. Every not-ready outcome registers the
    current task, and every control action that could unblock it notifies
    that task, so tests can assert exactly when the dispatcher is woken.
*/
template <class In, class Out>
class mock_transport : public future::stream_facade<mock_transport<In, Out>>,
                       public future::sink_facade<mock_transport<In, Out>> {
    struct end_t {};

    struct state {
        std::deque<std::variant<In, future::error_code, end_t>> incoming;
        future::task_slot reader;
        future::task_slot writer;
        bool writable = true;
        std::optional<future::error_code> write_error;
        std::vector<Out> written;
        std::size_t flushes = 0;
        std::size_t reads = 0;
        bool closed = false;
        std::size_t transports = 0;
    };

public:
    using item_type = In;
    using error_type = future::error_code;
    using sink_item_type = Out;
    using sink_error_type = future::error_code;

    /// The test's side of the transport.
    class control {
    public:
        explicit control(std::shared_ptr<state> s) : s_(std::move(s)) {}

        /// A frame arrives.
        void send(In frame)
        {
            s_->incoming.emplace_back(std::in_place_index<0>, std::move(frame));
            s_->reader.notify();
        }
        /// The next read fails with `ec`.
        void send_error(future::error_code ec)
        {
            s_->incoming.emplace_back(std::in_place_index<1>, ec);
            s_->reader.notify();
        }
        /// The peer closes its side: the stream ends after the frames already sent.
        void send_eof()
        {
            s_->incoming.emplace_back(std::in_place_index<2>);
            s_->reader.notify();
        }
        /// Makes the transport (un)writable; becoming writable wakes the writer.
        void set_writable(bool w)
        {
            s_->writable = w;
            if (w)
                s_->writer.notify();
        }
        /// Every write from now on fails with `ec`.
        void fail_writes(future::error_code ec)
        {
            s_->write_error = ec;
            s_->writer.notify();
        }

        std::vector<Out>& written() { return s_->written; }
        bool closed() const { return s_->closed; }
        std::size_t flushes() const { return s_->flushes; }
        std::size_t reads() const { return s_->reads; }
        std::size_t unread() const { return s_->incoming.size(); }
        /// The transport objects (copies) alive: a dispatcher that let go of its copy dropped the
        /// connection.
        std::size_t transports() const { return s_->transports; }

    private:
        std::shared_ptr<state> s_;
    };

    mock_transport() : s_(std::make_shared<state>()) { s_->transports = 1; }
    mock_transport(mock_transport const& other) : s_(other.s_) { ++s_->transports; }
    mock_transport(mock_transport&& other) noexcept : s_(std::move(other.s_)) {}
    mock_transport& operator=(mock_transport const&) = delete;
    mock_transport& operator=(mock_transport&&) = delete;
    ~mock_transport()
    {
        if (s_)
            --s_->transports;
    }

    control get_control() const { return control(s_); }

    future::poll_result<std::optional<In>> poll_next()
    {
        ++s_->reads;
        if (s_->incoming.empty()) {
            s_->reader.register_current();
            return future::not_ready;
        }
        auto next = std::move(s_->incoming.front());
        if (next.index() != 2)
            s_->incoming.pop_front();
        switch (next.index()) {
        case 0: return future::ready(std::optional<In>(std::move(std::get<0>(next))));
        case 1: return future::fail(std::get<1>(next));
        default: return future::end_of_stream;
        }
    }

    future::start_send_result<Out> start_send(Out frame)
    {
        if (s_->write_error)
            return future::fail(*s_->write_error);
        if (!s_->writable) {
            s_->writer.register_current();
            return future::not_ready_with(std::move(frame));
        }
        s_->written.push_back(std::move(frame));
        return future::accepted;
    }

    future::poll_result<future::unit> poll_complete()
    {
        if (s_->write_error)
            return future::fail(*s_->write_error);
        ++s_->flushes;
        return future::ready();
    }

    future::poll_result<future::unit> close()
    {
        s_->closed = true;
        return future::ready();
    }

private:
    std::shared_ptr<state> s_;
};

} // namespace protokit::test

#endif

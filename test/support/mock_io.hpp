// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_MOCK_IO_HPP
#define PROTOKIT_TEST_SUPPORT_MOCK_IO_HPP

#include <protokit/future/poll.hpp>
#include <protokit/future/task.hpp>

#include <boost/system/errc.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace protokit::test {

/** A scripted Io object, driven by hand from a test.

    Reads follow a script of steps: a chunk of data (handed out over as
    many reads as the callers' buffers and `max_read_size` need), a
    would-block (the read is not ready and registers the current task; the
    test wakes it later with `wake_reader` and checks the notification),
    an error, or the end of the stream (which stays). A read past the end
    of the script would block too, so a test can add steps and wake.

    Writes take every byte offered, at most `max_write_size` per call, and
    at most the `write_budget` left (at 0 a write would block until
    `allow_write`). A script of steps for the next write calls can make
    chosen calls block or fail. Everything written is kept in `written()`.

    Copies share one state: the test keeps one and gives the other away.
*/
class mock_io {
public:
    using error_code = future::error_code;

    mock_io() : s_(std::make_shared<state>()) {}

    // ---- the read script

    /// Adds a chunk of data to the read script.
    mock_io& read(std::string_view data)
    {
        s_->reads.emplace_back(std::string(data));
        return *this;
    }

    /// Adds a read that is not ready (registers the task).
    mock_io& read_would_block()
    {
        s_->reads.emplace_back(would_block{});
        return *this;
    }

    /// Adds a read that fails with `ec`.
    mock_io& read_error(error_code ec)
    {
        s_->reads.emplace_back(ec);
        return *this;
    }

    /// Adds the end of the stream: every read from then on is ready with 0.
    mock_io& read_eof()
    {
        s_->reads.emplace_back(eof{});
        return *this;
    }

    /// Limits how many bytes one read hands out.
    mock_io& max_read_size(std::size_t n)
    {
        s_->max_read = n;
        return *this;
    }

    /// Adds data to the script and wakes the task waiting to read, as a socket would.
    void feed(std::string_view data)
    {
        read(data);
        wake_reader();
    }

    /// Notifies (once) the task that last got a not-ready read.
    void wake_reader() { s_->reader.take_and_notify(); }

    /// True while a task waits for a `wake_reader`.
    bool reader_registered() const { return s_->reader.is_registered(); }

    /// How many times `poll_read` was called.
    int read_calls() const { return s_->read_calls; }

    /// True once every scripted chunk has been read (an end of stream may remain).
    bool read_script_done() const
    {
        return s_->reads.empty() || std::holds_alternative<eof>(s_->reads.front());
    }

    // ---- the write side

    /// Limits how many bytes one write takes (short writes).
    mock_io& max_write_size(std::size_t n)
    {
        s_->max_write = n;
        return *this;
    }

    /// Limits how many more bytes writes take before they would block.
    mock_io& write_budget(std::size_t n)
    {
        s_->write_budget = n;
        return *this;
    }

    /// Lets `n` more bytes be written, and wakes the task waiting to write.
    void allow_write(std::size_t n)
    {
        s_->write_budget = s_->write_budget > std::numeric_limits<std::size_t>::max() - n
                               ? std::numeric_limits<std::size_t>::max()
                               : s_->write_budget + n;
        wake_writer();
    }

    /// Scripts the next write call to behave as usual.
    mock_io& write_ok()
    {
        s_->writes.emplace_back(std::monostate{});
        return *this;
    }

    /// Scripts the next write call to be not ready (it registers the task).
    mock_io& write_would_block()
    {
        s_->writes.emplace_back(would_block{});
        return *this;
    }

    /// Scripts the next write call to fail with `ec`.
    mock_io& write_error(error_code ec)
    {
        s_->writes.emplace_back(ec);
        return *this;
    }

    /// Scripts the next flush to be not ready (it registers the task).
    mock_io& flush_would_block()
    {
        ++s_->flush_blocks;
        return *this;
    }

    /// Notifies (once) the task that last got a not-ready write or flush.
    void wake_writer() { s_->writer.take_and_notify(); }

    /// True while a task waits for a `wake_writer`.
    bool writer_registered() const { return s_->writer.is_registered(); }

    /// Every byte written so far.
    std::string const& written() const { return s_->written; }

    /// Every byte written since the last call.
    std::string take_written() { return std::exchange(s_->written, std::string()); }

    /// How many times `poll_write` was called.
    int write_calls() const { return s_->write_calls; }

    /// How many flushes were ready.
    int flushes() const { return s_->flushes; }

    /// True once `shutdown` was ready.
    bool is_shut_down() const { return s_->shut_down; }

    // ---- the Io object

    future::poll_result<std::size_t> poll_read(std::span<char> buf)
    {
        ++s_->read_calls;
        for (;;) {
            if (s_->reads.empty()) {
                s_->reader.register_current();
                return future::not_ready;
            }
            auto& step = s_->reads.front();
            if (std::holds_alternative<eof>(step))
                return future::ready(std::size_t{0});
            if (std::holds_alternative<would_block>(step)) {
                s_->reads.pop_front();
                s_->reader.register_current();
                return future::not_ready;
            }
            if (auto* ec = std::get_if<error_code>(&step)) {
                error_code e = *ec;
                s_->reads.pop_front();
                return future::fail(e);
            }
            auto& data = std::get<std::string>(step);
            if (data.empty()) {
                s_->reads.pop_front();
                continue;
            }
            std::size_t const n = std::min({buf.size(), data.size(), s_->max_read});
            std::memcpy(buf.data(), data.data(), n);
            data.erase(0, n);
            if (data.empty())
                s_->reads.pop_front();
            return future::ready(n);
        }
    }

    future::poll_result<std::size_t> poll_write(std::span<char const> buf)
    {
        ++s_->write_calls;
        if (s_->shut_down)
            return future::fail(make_error_code(boost::system::errc::broken_pipe));
        if (!s_->writes.empty()) {
            auto step = std::move(s_->writes.front());
            s_->writes.pop_front();
            if (std::holds_alternative<would_block>(step)) {
                s_->writer.register_current();
                return future::not_ready;
            }
            if (auto* ec = std::get_if<error_code>(&step))
                return future::fail(*ec);
        }
        if (!buf.empty() && s_->write_budget == 0) {
            s_->writer.register_current();
            return future::not_ready;
        }
        std::size_t const n = std::min({buf.size(), s_->max_write, s_->write_budget});
        s_->written.append(buf.data(), n);
        s_->write_budget -= n;
        return future::ready(n);
    }

    future::poll_result<future::unit> poll_flush()
    {
        if (s_->flush_blocks > 0) {
            --s_->flush_blocks;
            s_->writer.register_current();
            return future::not_ready;
        }
        ++s_->flushes;
        return future::ready();
    }

    future::poll_result<future::unit> shutdown()
    {
        auto flushed = poll_flush();
        if (!flushed.is_ready())
            return flushed;
        s_->shut_down = true;
        return future::ready();
    }

private:
    struct would_block {};
    struct eof {};

    struct state {
        std::deque<std::variant<std::string, would_block, error_code, eof>> reads;
        std::size_t max_read = std::numeric_limits<std::size_t>::max();
        future::task_slot reader;
        int read_calls = 0;

        std::deque<std::variant<std::monostate, would_block, error_code>> writes;
        std::size_t max_write = std::numeric_limits<std::size_t>::max();
        std::size_t write_budget = std::numeric_limits<std::size_t>::max();
        int flush_blocks = 0;
        future::task_slot writer;
        std::string written;
        int write_calls = 0;
        int flushes = 0;
        bool shut_down = false;
    };

    std::shared_ptr<state> s_;
};

} // namespace protokit::test

#endif

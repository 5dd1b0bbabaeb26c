// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_BENCH_REFERENCE_DOUBLER_HPP
#define PROTOKIT_BENCH_REFERENCE_DOUBLER_HPP

// The reference: a doubler hand-written on Boost.Asio, single-threaded.
// One async read at a time per connection; every complete line in the
// buffer is parsed and answered; the answers of a batch leave in one write.

#include <boost/asio.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <pthread.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

namespace bench {

/** The hand-written doubler's work on what it read: answers every complete line of
    `[data, data + size)` into `out`. The count of bytes used, or nothing if a line is not a
    number.
*/
inline std::optional<std::size_t> answer_lines(char const* data, std::size_t size, std::string& out)
{
    std::size_t pos = 0;
    for (;;) {
        char const* begin = data + pos;
        char const* end = data + size;
        char const* nl = std::find(begin, end, '\n');
        if (nl == end)
            return pos;
        std::uint64_t v = 0;
        auto [p, ec] = std::from_chars(begin, nl, v);
        if (ec != std::errc() || p != nl)
            return std::nullopt;
        char buf[24];
        auto [q, ec2] = std::to_chars(buf, buf + sizeof buf, v * 2);
        out.append(buf, q);
        out.push_back('\n');
        pos = static_cast<std::size_t>(nl - data) + 1;
    }
}

class reference_doubler {
public:
    reference_doubler() : acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0})
    {
        accept();
        std::promise<pid_t> tid;
        auto known = tid.get_future();
        thread_ = std::thread([this, &tid] {
            pthread_setname_np(pthread_self(), "asio-doubler");
            tid.set_value(static_cast<pid_t>(::syscall(SYS_gettid)));
            ioc_.run();
        });
        tid_ = known.get();
    }

    ~reference_doubler()
    {
        boost::asio::post(ioc_, [this] { ioc_.stop(); });
        thread_.join();
    }

    boost::asio::ip::tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }

    /// The server thread, to read its CPU time.
    std::thread& thread() { return thread_; }

    /// The server thread's kernel id, to count its system calls.
    pid_t thread_id() const { return tid_; }

private:
    using tcp = boost::asio::ip::tcp;

    struct session : std::enable_shared_from_this<session> {
        explicit session(tcp::socket s) : socket(std::move(s)) {}

        void read()
        {
            socket.async_read_some(
                boost::asio::buffer(rbuf.data() + rlen, rbuf.size() - rlen),
                [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                    if (!ec)
                        self->on_read(n);
                });
        }

        void on_read(std::size_t n)
        {
            rlen += n;
            auto const used = answer_lines(rbuf.data(), rlen, pending);
            if (!used)
                return; // not a number: drop the connection
            std::size_t const pos = *used;
            if (pos == 0 && rlen == rbuf.size())
                return; // a line longer than the buffer
            std::copy(rbuf.data() + pos, rbuf.data() + rlen, rbuf.data());
            rlen -= pos;
            write();
            read();
        }

        void write()
        {
            if (writing || pending.empty())
                return;
            writing = true;
            std::swap(out, pending);
            boost::asio::async_write(
                socket, boost::asio::buffer(out),
                [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                    self->writing = false;
                    self->out.clear();
                    if (!ec)
                        self->write();
                });
        }

        tcp::socket socket;
        std::array<char, 65536> rbuf{};
        std::size_t rlen = 0;
        std::string out, pending;
        bool writing = false;
    };

    void accept()
    {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket s) {
            if (!ec) {
                s.set_option(tcp::no_delay(true));
                std::make_shared<session>(std::move(s))->read();
            }
            accept();
        });
    }

    boost::asio::io_context ioc_{1};
    tcp::acceptor acceptor_;
    std::thread thread_;
    pid_t tid_ = 0;
};

} // namespace bench

#endif

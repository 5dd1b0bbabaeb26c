// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// An HTTP/1.1 client on protokit::http: streams a request (GET, or POST of
// a file's bytes as they are read) and writes the response body to stdout
// as it arrives.
//
//   http_client --url http://HOST:PORT/PATH [--data-file F [--chunked]] [--http1.0]
//               [--depth D --count N] [--style combinators|coroutine]
//
// --data-file sends F as the body of a POST, with its Content-Length (or
// chunked, with --chunked). --http1.0 asks as HTTP/1.0 (the server may then
// end the body by closing). With --count, N requests go over one connection,
// D at a time (pipelined), and only a summary is printed: "N responses, B
// body bytes in T s". Exits non-zero if the server cannot be reached, a
// response fails, or its status is not 2xx (which is printed to stderr).
// The exchange is written twice, with the same effect: as hand-written
// futures (the default) and as coroutines (--style coroutine).

#include <protokit/future/async_fn.hpp>
#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/future/stream_facade.hpp>
#include <protokit/http/proto.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/core.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <list>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>

namespace {

namespace pf = protokit::future;
namespace http = protokit::http;

[[noreturn]] void usage(std::string const& why)
{
    std::cerr << "http_client: " << why
              << "\nusage: http_client --url http://HOST:PORT/PATH [--data-file F [--chunked]] "
                 "[--http1.0] [--depth D --count N] [--style combinators|coroutine]"
              << std::endl;
    std::exit(2);
}

/// A file's bytes as a stream of chunks, read as the connection takes them.
class file_chunks : public pf::stream_facade<file_chunks> {
public:
    using item_type = protokit::io::bytes;
    using error_type = boost::system::error_code;

    explicit file_chunks(int fd) : fd_(fd) {}
    file_chunks(file_chunks&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    file_chunks& operator=(file_chunks&&) = delete;
    ~file_chunks()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }

    pf::stream_poll_result<protokit::io::bytes> poll_next()
    {
        if (fd_ < 0)
            return pf::end_of_stream;
        constexpr std::size_t chunk = 64 * 1024;
        protokit::io::bytes_mut buf(chunk);
        auto room = buf.prepare(chunk);
        ssize_t n = 0;
        do {
            n = ::read(fd_, room.data(), room.size());
        } while (n < 0 && errno == EINTR);
        if (n < 0)
            return pf::fail(boost::system::error_code(errno, boost::system::generic_category()));
        if (n == 0) {
            ::close(std::exchange(fd_, -1));
            return pf::end_of_stream;
        }
        buf.commit(static_cast<std::size_t>(n));
        return pf::ready(
            std::optional<protokit::io::bytes>(buf.split_to(static_cast<std::size_t>(n))));
    }

private:
    int fd_;
};

/// One call: its response, then its body, counted and (if `print`) written to stdout as it comes.
class exchange : public pf::future_facade<exchange> {
public:
    using item_type = std::uint64_t;
    using error_type = boost::system::error_code;

    exchange(http::client::future_type call, bool print) : call_(std::move(call)), print_(print) {}

    pf::poll_result<std::uint64_t> poll()
    {
        if (!body_) {
            auto r = call_.poll();
            if (!r.is_ready())
                return std::move(r).template propagate<std::uint64_t>();
            auto const& head = r.value().head();
            if (head.result_int() / 100 != 2) {
                std::cerr << "http_client: " << head.result_int() << " " << head.reason()
                          << std::endl;
                failed_ = true;
            }
            auto body = r.value().take_body();
            if (!body)
                return done();
            body_.emplace(std::move(*body));
        }
        for (;;) {
            auto next = body_->poll_next();
            if (next.is_not_ready())
                return pf::not_ready;
            if (next.is_error())
                return pf::fail(next.error());
            if (!next.value())
                return done();
            auto const& chunk = *next.value();
            if (print_)
                std::fwrite(chunk.data(), 1, chunk.size(), stdout);
            bytes_ += chunk.size();
        }
    }

private:
    pf::poll_result<std::uint64_t> done()
    {
        if (print_)
            std::fflush(stdout);
        if (failed_)
            return pf::fail(protokit::make_error_code(protokit::error::unexpected_response));
        return pf::ready(bytes_);
    }

    http::client::future_type call_;
    bool print_;
    std::optional<http::body> body_;
    std::uint64_t bytes_ = 0;
    bool failed_ = false;
};

/// `count` calls made by `make()`, at most `depth` at once; the body bytes of all.
template <class Make>
class pipelined : public pf::future_facade<pipelined<Make>> {
public:
    using item_type = std::uint64_t;
    using error_type = boost::system::error_code;

    pipelined(Make make, std::uint64_t count, std::size_t depth)
        : make_(std::move(make)), left_(count), depth_(depth)
    {
    }

    pf::poll_result<std::uint64_t> poll()
    {
        for (;;) {
            while (left_ > 0 && in_flight_.size() < depth_) {
                in_flight_.push_back(make_());
                --left_;
            }
            bool progress = false;
            for (auto it = in_flight_.begin(); it != in_flight_.end();) {
                auto r = it->poll();
                if (r.is_error())
                    return pf::fail(r.error());
                if (r.is_ready()) {
                    bytes_ += r.value();
                    it = in_flight_.erase(it);
                    progress = true;
                } else {
                    ++it;
                }
            }
            if (in_flight_.empty() && left_ == 0)
                return pf::ready(bytes_);
            if (!progress)
                return pf::not_ready;
        }
    }

private:
    Make make_;
    std::uint64_t left_;
    std::size_t depth_;
    std::list<exchange> in_flight_;
    std::uint64_t bytes_ = 0;
};

/// `exchange` as a coroutine: the response, then its body, counted and (if `print`) written out.
pf::async_fn<std::uint64_t> exchange_coroutine(http::client::future_type call, bool print)
{
    auto response = co_await std::move(call);
    bool const failed = response.head().result_int() / 100 != 2;
    if (failed)
        std::cerr << "http_client: " << response.head().result_int() << " "
                  << response.head().reason() << std::endl;
    std::uint64_t bytes = 0;
    if (auto body = response.take_body()) {
        while (auto chunk = co_await pf::next(*body)) {
            if (print)
                std::fwrite(chunk->data(), 1, chunk->size(), stdout);
            bytes += chunk->size();
        }
    }
    if (print)
        std::fflush(stdout);
    if (failed)
        co_return pf::fail(protokit::make_error_code(protokit::error::unexpected_response));
    co_return bytes;
}

/// `pipelined` as a coroutine: `count` calls, `depth` at once, their body bytes summed.
template <class Make>
pf::async_fn<std::uint64_t> pipelined_coroutine(Make make, std::uint64_t count, std::size_t depth)
{
    auto exchanges = pf::iter_ok(std::views::iota(std::uint64_t{0}, count))
                         .map([&make](std::uint64_t) { return make(); })
                         .buffered(depth);
    std::uint64_t bytes = 0;
    while (auto body_bytes = co_await pf::next(exchanges))
        bytes += *body_bytes;
    co_return bytes;
}

struct url {
    std::string host;
    std::string port;
    std::string target;
};

std::optional<url> parse_url(std::string_view u)
{
    constexpr std::string_view scheme = "http://";
    if (!u.starts_with(scheme))
        return std::nullopt;
    u.remove_prefix(scheme.size());
    auto const slash = u.find('/');
    std::string_view authority = u.substr(0, slash);
    url out;
    out.target = slash == std::string_view::npos ? "/" : std::string(u.substr(slash));
    auto const colon = authority.rfind(':');
    if (colon == std::string_view::npos) {
        out.host = std::string(authority);
        out.port = "80";
    } else {
        out.host = std::string(authority.substr(0, colon));
        out.port = std::string(authority.substr(colon + 1));
    }
    if (out.host.empty() || out.port.empty())
        return std::nullopt;
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    std::optional<std::string> url_text, data_file;
    bool chunked = false, http10 = false;
    std::optional<std::uint64_t> count;
    std::uint64_t depth = 1;
    bool coroutine = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage(std::string(a) + " wants a value");
            return argv[++i];
        };
        auto number = [&]() -> std::uint64_t {
            auto v = value();
            try {
                return std::stoull(v);
            } catch (...) {
                usage(std::string(a) + " wants a number, not '" + v + "'");
            }
        };
        if (a == "--url")
            url_text = value();
        else if (a == "--data-file")
            data_file = value();
        else if (a == "--chunked")
            chunked = true;
        else if (a == "--http1.0")
            http10 = true;
        else if (a == "--depth")
            depth = number();
        else if (a == "--count")
            count = number();
        else if (a == "--style") {
            auto const style = value();
            if (style != "combinators" && style != "coroutine")
                usage("--style wants combinators or coroutine, not '" + style + "'");
            coroutine = style == "coroutine";
        } else
            usage("unexpected argument '" + std::string(a) + "'");
    }
    if (!url_text)
        usage("--url is required");
    auto const where = parse_url(*url_text);
    if (!where)
        usage("--url wants http://HOST:PORT/PATH, not '" + *url_text + "'");
    if (depth == 0)
        depth = 1;

    boost::asio::io_context resolver_context;
    boost::asio::ip::tcp::resolver resolver(resolver_context);
    boost::system::error_code ec;
    auto const endpoints = resolver.resolve(where->host, where->port, ec);
    if (ec || endpoints.empty()) {
        std::cerr << "http_client: cannot resolve " << where->host << ": " << ec.message()
                  << std::endl;
        return 1;
    }

    protokit::reactor::core core;
    auto connected = core.run(protokit::tcp_client(http::client_proto{})
                                  .max_in_flight(depth)
                                  .connect(endpoints.begin()->endpoint(), core.get_handle()));
    if (!connected) {
        std::cerr << "http_client: cannot connect to " << where->host << ":" << where->port << ": "
                  << connected.error().message() << std::endl;
        return 1;
    }
    http::client client = std::move(*connected);

    std::string const host = where->port == "80" ? where->host : where->host + ":" + where->port;
    bool opened_ok = true;
    // The call for the next request (with its body stream, for a POST).
    auto start_call = [&]() -> http::client::future_type {
        auto head = http::make_request_head(http::verb::get, where->target, host);
        if (http10)
            head.version(10);
        if (!data_file)
            return client.call(http::request(std::move(head)));
        head.method(http::verb::post);
        int fd = ::open(data_file->c_str(), O_RDONLY | O_CLOEXEC);
        struct stat st {};
        if (fd < 0 || ::fstat(fd, &st) != 0) {
            opened_ok = false;
            if (fd >= 0)
                ::close(fd);
            return client.call(http::request(std::move(head)));
        }
        if (!chunked)
            head.set(http::field::content_length, std::to_string(st.st_size));
        return client.call(
            http::request(std::move(head), http::body::from_stream(file_chunks(fd))));
    };

    auto const start = std::chrono::steady_clock::now();
    bool const print = !count;
    auto result =
        coroutine
            ? core.run(pipelined_coroutine([&] { return exchange_coroutine(start_call(), print); },
                                           count.value_or(1), depth))
            : core.run(pipelined([&] { return exchange(start_call(), print); }, count.value_or(1),
                                 depth));
    auto const seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!opened_ok) {
        std::cerr << "http_client: cannot read " << *data_file << std::endl;
        return 1;
    }
    if (!result) {
        std::cerr << "http_client: " << result.error().message() << std::endl;
        return 1;
    }
    if (count)
        std::cout << *count << " responses, " << *result << " body bytes in " << seconds << " s"
                  << std::endl;
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// A client of file_server: fetches (or, with --put, uploads) every PATH at
// once over one multiplexed connection, so the files' chunks interleave on
// the wire. Each file streams to (or from) disk as it flows, its SHA-256
// computed on the way; prints "SHA256  PATH" for each, then the overall
// rate. Exits non-zero if any file failed. The transfers are written twice,
// with the same effect: as hand-written futures (the default) and as
// coroutines (--style coroutine).
//
//   file_client --connect HOST:PORT [--out DIR] [--put] [--style combinators|coroutine] PATH...

#include <protokit/future/async_fn.hpp>
#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/core.hpp>

#include "../common/file_proto.hpp"
#include "../common/sha256.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace pf = protokit::future;

using example::sha256;

using client_type = protokit::proto::client_service_t<example::file_proto>;

/// The size an "OK size" head announces.
std::optional<std::uint64_t> announced_size(std::string const& head)
{
    if (!head.starts_with("OK "))
        return std::nullopt;
    try {
        return std::stoull(head.substr(3));
    } catch (...) {
        return std::nullopt;
    }
}

/// One GET: the response, then its body written to `out` as it streams, digested on the way.
class fetch : public pf::future_facade<fetch> {
public:
    using item_type = std::uint64_t;
    using error_type = boost::system::error_code;

    fetch(client_type::future_type call, std::string path, fs::path out)
        : call_(std::move(call)), path_(std::move(path)), out_(std::move(out))
    {
    }

    pf::poll_result<std::uint64_t> poll()
    {
        if (!body_) {
            auto r = call_.poll();
            if (!r.is_ready())
                return std::move(r).template propagate<std::uint64_t>();
            expected_ = announced_size(r.value().head());
            if (!expected_ || !r.value().has_body())
                return pf::fail(protokit::make_error_code(protokit::error::invalid_frame));
            std::error_code ec;
            fs::create_directories(out_.parent_path(), ec);
            fd_ = example::unique_fd(
                ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
            if (!fd_)
                return pf::fail(example::make_error_code(example::file_error::io_failure));
            body_.emplace(std::move(*r.value().take_body()));
        }
        for (;;) {
            auto next = body_->poll_next();
            if (next.is_not_ready())
                return pf::not_ready;
            if (next.is_error())
                return pf::fail(next.error());
            if (!next.value())
                break;
            auto const& chunk = *next.value();
            if (::write(fd_.get(), chunk.data(), chunk.size()) !=
                static_cast<ssize_t>(chunk.size()))
                return pf::fail(example::make_error_code(example::file_error::io_failure));
            digest_.update(chunk.view());
            got_ += chunk.size();
        }
        if (got_ != *expected_)
            return pf::fail(protokit::make_error_code(protokit::error::unexpected_eof));
        std::cout << digest_.hex() << "  " << path_ << std::endl;
        return pf::ready(got_);
    }

private:
    client_type::future_type call_;
    std::string path_;
    fs::path out_;
    std::optional<example::file_body> body_;
    std::optional<std::uint64_t> expected_;
    example::unique_fd fd_;
    sha256 digest_;
    std::uint64_t got_ = 0;
};

/// One PUT: the file streams up as the connection drains, digested on the way; done at the answer.
class upload : public pf::future_facade<upload> {
public:
    using item_type = std::uint64_t;
    using error_type = boost::system::error_code;

    upload(client_type::future_type call, std::string path, std::shared_ptr<sha256> digest)
        : call_(std::move(call)), path_(std::move(path)), digest_(std::move(digest))
    {
    }

    pf::poll_result<std::uint64_t> poll()
    {
        auto r = call_.poll();
        if (!r.is_ready())
            return std::move(r).template propagate<std::uint64_t>();
        auto size = announced_size(r.value().head());
        if (!size)
            return pf::fail(protokit::make_error_code(protokit::error::invalid_frame));
        std::cout << digest_->hex() << "  " << path_ << std::endl;
        return pf::ready(*size);
    }

private:
    client_type::future_type call_;
    std::string path_;
    std::shared_ptr<sha256> digest_;
};

/// Runs every transfer to its end; the bytes moved, and how many failed (each reported).
class all_of : public pf::future_facade<all_of> {
public:
    using item_type = std::pair<std::uint64_t, std::size_t>;
    using error_type = boost::system::error_code;

    explicit all_of(pf::futures_unordered<pf::boxed_future<std::uint64_t>> set)
        : set_(std::move(set))
    {
    }

    pf::poll_result<item_type> poll()
    {
        for (;;) {
            auto next = set_.poll_next();
            if (next.is_not_ready())
                return pf::not_ready;
            if (next.is_error()) {
                std::cerr << "file_client: " << next.error().message() << std::endl;
                ++failed_;
                continue;
            }
            if (!next.value())
                return pf::ready(item_type(bytes_, failed_));
            bytes_ += *next.value();
        }
    }

private:
    pf::futures_unordered<pf::boxed_future<std::uint64_t>> set_;
    std::uint64_t bytes_ = 0;
    std::size_t failed_ = 0;
};

/// `fetch` as a coroutine.
pf::async_fn<std::uint64_t> fetch_coroutine(client_type::future_type call, std::string path,
                                            fs::path out)
{
    auto response = co_await std::move(call);
    auto const expected = announced_size(response.head());
    if (!expected || !response.has_body())
        co_return pf::fail(protokit::make_error_code(protokit::error::invalid_frame));
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    example::unique_fd fd(::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd)
        co_return pf::fail(example::make_error_code(example::file_error::io_failure));
    auto body = std::move(*response.take_body());
    sha256 digest;
    std::uint64_t got = 0;
    while (auto chunk = co_await pf::next(body)) {
        if (::write(fd.get(), chunk->data(), chunk->size()) != static_cast<ssize_t>(chunk->size()))
            co_return pf::fail(example::make_error_code(example::file_error::io_failure));
        digest.update(chunk->view());
        got += chunk->size();
    }
    if (got != *expected)
        co_return pf::fail(protokit::make_error_code(protokit::error::unexpected_eof));
    std::cout << digest.hex() << "  " << path << std::endl;
    co_return got;
}

/// `upload` as a coroutine.
pf::async_fn<std::uint64_t> upload_coroutine(client_type::future_type call, std::string path,
                                             std::shared_ptr<sha256> digest)
{
    auto response = co_await std::move(call);
    auto const size = announced_size(response.head());
    if (!size)
        co_return pf::fail(protokit::make_error_code(protokit::error::invalid_frame));
    std::cout << digest->hex() << "  " << path << std::endl;
    co_return *size;
}

/// `all_of` as a coroutine: a transfer's error is counted, not the end.
pf::async_fn<std::pair<std::uint64_t, std::size_t>>
all_of_coroutine(pf::futures_unordered<pf::boxed_future<std::uint64_t>> set)
{
    std::uint64_t bytes = 0;
    std::size_t failed = 0;
    for (;;) {
        auto next = co_await pf::settled(pf::next(set));
        if (!next) {
            std::cerr << "file_client: " << next.error().message() << std::endl;
            ++failed;
            continue;
        }
        if (!*next)
            co_return std::pair(bytes, failed);
        bytes += **next;
    }
}

[[noreturn]] void usage(std::string const& why)
{
    std::cerr << "file_client: " << why
              << "\nusage: file_client --connect HOST:PORT [--out DIR] [--put] "
                 "[--style combinators|coroutine] PATH..."
              << std::endl;
    std::exit(2);
}

} // namespace

int main(int argc, char** argv)
{
    std::optional<std::string> connect;
    fs::path out = ".";
    bool put = false;
    bool coroutine = false;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--put")
            put = true;
        else if (a == "--connect" && i + 1 < argc)
            connect = argv[++i];
        else if (a == "--out" && i + 1 < argc)
            out = argv[++i];
        else if (a == "--style" && i + 1 < argc) {
            std::string_view const style = argv[++i];
            if (style != "combinators" && style != "coroutine")
                usage("--style wants combinators or coroutine, not '" + std::string(style) + "'");
            coroutine = style == "coroutine";
        } else if (a.starts_with("--"))
            usage("unexpected argument '" + std::string(a) + "'");
        else
            paths.emplace_back(a);
    }
    if (!connect)
        usage("--connect is required");
    if (paths.empty())
        usage("no PATH given");
    auto colon = connect->rfind(':');
    if (colon == std::string::npos)
        usage("--connect takes HOST:PORT");
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(connect->substr(0, colon), ec);
    if (ec)
        usage("bad address '" + *connect + "'");
    boost::asio::ip::tcp::endpoint const server(
        address, static_cast<unsigned short>(std::stoul(connect->substr(colon + 1))));

    protokit::reactor::core core;
    auto connected = core.run(protokit::tcp_client(example::file_proto{})
                                  .max_in_flight(paths.size())
                                  .connect(server, core.get_handle()));
    if (!connected) {
        std::cerr << "file_client: cannot connect to " << *connect << ": "
                  << connected.error().message() << std::endl;
        return 1;
    }
    client_type client = std::move(*connected);

    auto const start = std::chrono::steady_clock::now();
    pf::futures_unordered<pf::boxed_future<std::uint64_t>> transfers;
    for (auto const& path : paths) {
        if (!put) {
            auto call = client.call(example::file_request("GET " + path));
            if (coroutine)
                transfers.push(pf::boxed_future<std::uint64_t>(
                    fetch_coroutine(std::move(call), path, out / path)));
            else
                transfers.push(
                    pf::boxed_future<std::uint64_t>(fetch(std::move(call), path, out / path)));
            continue;
        }
        example::unique_fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd) {
            std::cerr << "file_client: cannot open " << path << std::endl;
            return 1;
        }
        auto digest = std::make_shared<sha256>();
        auto body = example::file_body::from_stream(example::file_chunks(
            std::move(fd), [digest](protokit::io::bytes const& c) { digest->update(c.view()); }));
        std::string const name =
            fs::path(path).is_absolute() ? fs::path(path).filename().string() : path;
        auto call = client.call(example::file_request("PUT " + name, std::move(body)));
        if (coroutine)
            transfers.push(
                pf::boxed_future<std::uint64_t>(upload_coroutine(std::move(call), path, digest)));
        else
            transfers.push(pf::boxed_future<std::uint64_t>(upload(std::move(call), path, digest)));
    }
    auto done = coroutine ? core.run(all_of_coroutine(std::move(transfers)))
                          : core.run(all_of(std::move(transfers)));
    auto const seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!done) {
        std::cerr << "file_client: " << done.error().message() << std::endl;
        return 1;
    }
    auto [bytes, failed] = *done;
    std::cout << paths.size() - failed << " of " << paths.size() << " files, " << bytes
              << " bytes in " << seconds
              << " s: " << (seconds > 0 ? static_cast<double>(bytes) / seconds / (1 << 20) : 0.0)
              << " MiB/s" << std::endl;
    return failed == 0 ? 0 : 1;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// A multiplexed streaming file server: many files in flight at once on one
// connection, each streamed from disk as the connection drains, uploads
// streamed to disk as they arrive (example/common/file_proto.hpp has the
// protocol).
//
//   file_server --listen HOST:PORT --root DIR [--threads N]
//       plus the load-balancer options of example/common/balancer.hpp
//
// A path that is absolute, climbs out with "..", or leads outside the root
// through a link is answered with an error frame, never served. SIGINT /
// SIGTERM stop it gracefully.

#include <protokit/future/future.hpp>
#include <protokit/future/ok.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/service/service_fn.hpp>

#include "../common/args.hpp"
#include "../common/balancer.hpp"
#include "../common/file_proto.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>

namespace {

namespace fs = std::filesystem;
namespace pf = protokit::future;

/// The file `relative` names under `root` (canonical), if it stays inside it.
boost::system::result<fs::path> resolve(fs::path const& root, std::string_view relative)
{
    if (relative.empty() || relative.find('\0') != std::string_view::npos)
        return example::make_error_code(example::file_error::bad_request);
    fs::path const p{std::string(relative)};
    if (p.is_absolute())
        return example::make_error_code(example::file_error::forbidden);
    for (auto const& part : p)
        if (part == "..")
            return example::make_error_code(example::file_error::forbidden);
    std::error_code ec;
    fs::path const full = fs::weakly_canonical(root / p, ec); // follows links that exist
    if (ec)
        return example::make_error_code(example::file_error::not_found);
    auto const [in_root, rest] = std::mismatch(root.begin(), root.end(), full.begin(), full.end());
    if (in_root != root.end() || rest == full.end())
        return example::make_error_code(example::file_error::forbidden);
    return full;
}

/// Writes an upload's body into its file as the chunks come; answers "OK size" at its end.
class upload : public pf::future_facade<upload> {
public:
    using item_type = example::file_response;
    using error_type = boost::system::error_code;

    upload(example::file_body body, example::unique_fd fd)
        : body_(std::move(body)), fd_(std::move(fd))
    {
    }

    pf::poll_result<example::file_response> poll()
    {
        for (;;) {
            auto next = body_.poll_next();
            if (next.is_not_ready())
                return pf::not_ready;
            if (next.is_error())
                return pf::fail(next.error());
            if (!next.value())
                return pf::ready(example::file_response("OK " + std::to_string(written_)));
            auto const& chunk = *next.value();
            for (std::size_t done = 0; done < chunk.size();) {
                auto n = ::write(fd_.get(), chunk.data() + done, chunk.size() - done);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    return pf::fail(example::make_error_code(example::file_error::io_failure));
                done += static_cast<std::size_t>(n);
            }
            written_ += chunk.size();
        }
    }

private:
    example::file_body body_;
    example::unique_fd fd_;
    std::uint64_t written_ = 0;
};

pf::boxed_future<example::file_response> serve(fs::path const& root, example::file_request request)
{
    using example::file_error;
    auto const& head = request.head();
    bool const get = head.starts_with("GET ");
    if (!get && !head.starts_with("PUT "))
        return pf::err<example::file_response>(make_error_code(file_error::bad_request));
    auto path = resolve(root, std::string_view(head).substr(4));
    if (!path)
        return pf::err<example::file_response>(path.error());
    if (get) {
        example::unique_fd fd(::open(path->c_str(), O_RDONLY | O_CLOEXEC));
        struct stat st {};
        if (!fd || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
            return pf::err<example::file_response>(make_error_code(file_error::not_found));
        auto body = example::file_body::from_stream(
            example::file_chunks(std::move(fd), [](protokit::io::bytes const&) {}));
        return pf::ok(example::file_response("OK " + std::to_string(st.st_size), std::move(body)));
    }
    example::unique_fd fd(::open(path->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd)
        return pf::err<example::file_response>(make_error_code(file_error::io_failure));
    auto body = request.take_body();
    return pf::boxed_future<example::file_response>(
        upload(body ? std::move(*body) : example::file_body(), std::move(fd)));
}

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv,
                       std::string("file_server --listen HOST:PORT --root DIR [--threads N]") +
                           std::string(example::balancer_usage));
    example::balancer_options const balancer(args);
    auto const listen = args.endpoint("listen", "127.0.0.1:12346");
    auto const threads = args.number("threads", 1);
    auto const root_arg = args.get("root");
    if (!root_arg)
        args.fail("--root is required");
    std::error_code ec;
    fs::path const root = fs::canonical(*root_arg, ec);
    if (ec || !fs::is_directory(root)) {
        std::cerr << "file_server: " << *root_arg << " is not a directory" << std::endl;
        return 1;
    }

    auto files = [root] {
        return protokit::service::service_fn(
            [root](example::file_request r) { return serve(root, std::move(r)); });
    };
    auto error =
        balancer
            .apply(protokit::tcp_server(example::file_proto{}, listen)
                       .threads(threads)
                       .on_listening(
                           [](auto const& ep) { std::cout << "listening on " << ep << std::endl; })
                       .on_error([](auto const& e, std::string_view what) {
                           std::cerr << "file_server: " << what << ": " << e.message() << std::endl;
                       }))
            .serve(files);
    if (error) {
        std::cerr << "file_server: cannot listen on " << listen << ": " << error.message()
                  << std::endl;
        return 1;
    }
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// A Redis-compatible server: RESP2 over pipeline::server_proto, with an
// in-memory store of strings shared by every thread (see store.hpp for why
// it is shared with locks, and how keys expire).
//
//   resp_server [--listen 127.0.0.1:6379] [--threads N]
//       plus the load-balancer options of example/common/balancer.hpp
//
// Commands: PING ECHO SET (EX PX NX XX GET KEEPTTL) GET DEL EXISTS INCR DECR
// INCRBY DECRBY MGET MSET EXPIRE (NX XX GT LT) TTL DBSIZE FLUSHALL SELECT 0
// QUIT, and enough of COMMAND, CONFIG GET and CLIENT for redis-cli and
// redis-benchmark. Others get Redis's "unknown command" error and the
// connection stays open. Bytes that are not RESP get Redis's "Protocol
// error" reply and that connection is closed (the error is logged). SIGINT /
// SIGTERM stop it gracefully.

#include <protokit/future/ok.hpp>
#include <protokit/proto/tcp_server.hpp>

#include "../common/args.hpp"
#include "../common/balancer.hpp"
#include "../common/resp.hpp"
#include "commands.hpp"
#include "store.hpp"

#include <atomic>
#include <iostream>
#include <memory>

namespace {

/// One connection's service: runs each command on the shared store, ready at once.
class resp_service {
public:
    using request_type = example::resp::command;
    using response_type = example::resp::value;
    using error_type = protokit::future::error_code;

    resp_service(std::shared_ptr<resp_server::store> keys, std::int64_t id) : keys_(std::move(keys))
    {
        conn_.id = id;
    }

    protokit::future::ready_future<response_type, error_type> call(request_type&& c)
    {
        return protokit::future::ok(resp_server::commands(*keys_).execute(c, conn_));
    }

private:
    std::shared_ptr<resp_server::store> keys_;
    resp_server::connection_info conn_;
};

} // namespace

int main(int argc, char** argv)
{
    example::args args(argc, argv,
                       std::string("resp_server [--listen HOST:PORT] [--threads N]") +
                           std::string(example::balancer_usage));
    example::balancer_options const balancer(args);
    auto const listen = args.endpoint("listen", "127.0.0.1:6379");
    auto const threads = args.number("threads", 1);

    auto keys = std::make_shared<resp_server::store>();
    auto ids = std::make_shared<std::atomic<std::int64_t>>(0);
    auto new_service = [keys, ids] { return resp_service(keys, ids->fetch_add(1) + 1); };

    auto ec = balancer
                  .apply(protokit::tcp_server(example::resp::server_protocol{}, listen)
                             .threads(threads)
                             .on_listening([](auto const& ep) {
                                 std::cout << "listening on " << ep << std::endl;
                             })
                             .on_error([](auto const& ec, std::string_view what) {
                                 std::cerr << "resp_server: " << what << ": " << ec.message()
                                           << std::endl;
                             }))
                  .serve(new_service);
    if (ec) {
        std::cerr << "resp_server: cannot listen on " << listen << ": " << ec.message()
                  << std::endl;
        return 1;
    }
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// A line echo server written with the reactor and the io layer only (no
// protocol layer): each connection's lines come back to it as they arrive.
//
//   echo [--listen 127.0.0.1:12345]
//
// SIGINT / SIGTERM stop it.

#include <protokit/future/future.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/lines_codec.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/signal_stream.hpp>
#include <protokit/reactor/tcp_listener.hpp>

#include "../common/args.hpp"

#include <csignal>
#include <iostream>

namespace pf = protokit::future;
namespace pr = protokit::reactor;

int main(int argc, char** argv)
{
    example::args args(argc, argv, "echo [--listen HOST:PORT]");
    auto const listen = args.endpoint("listen", "127.0.0.1:12345");

    pr::core core;
    auto const h = core.get_handle();
    auto listener = pr::tcp_listener::bind(h, listen);
    if (!listener) {
        std::cerr << "echo: cannot listen on " << listen << ": " << listener.error().message() << std::endl;
        return 1;
    }
    std::cout << "listening on " << *listener->local_endpoint() << std::endl;

    using lines = protokit::io::framed<pr::tcp_stream, protokit::io::lines_codec>;
    auto serve = std::move(*listener)
                     .incoming()
                     .then([h](boost::system::result<pr::tcp_listener::accepted_type> accepted) {
                         if (!accepted) {
                             // Out of descriptors, say: keep accepting the next ones.
                             std::cerr << "echo: accept: " << accepted.error().message() << std::endl;
                             return pf::ok();
                         }
                         auto [in, out] = lines(std::move(accepted->first)).split();
                         h.spawn(std::move(in).forward(std::move(out)));
                         return pf::ok();
                     })
                     .for_each([] {});
    auto stop = pr::signal_stream(h, {SIGINT, SIGTERM}).into_future();
    (void)core.run(std::move(serve).select2(std::move(stop)));
    return 0;
}

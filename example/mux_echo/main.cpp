// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// A multiplexed echo server: each request is answered with its own id and
// payload after a random delay of 0 to --max-delay-ms, so answers really
// come back out of order.
//
//   mux_echo [--listen 127.0.0.1:12346] [--threads N] [--max-delay-ms 10]
//       plus the load-balancer options of example/common/balancer.hpp
//
// A frame announcing more than 16 MiB closes that connection (logged).

#include <protokit/future/future.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/service/service_fn.hpp>

#include "../common/args.hpp"
#include "../common/balancer.hpp"
#include "../common/mux_proto.hpp"

#include <chrono>
#include <iostream>
#include <random>

int main(int argc, char** argv)
{
    example::args args(
        argc, argv,
        std::string("mux_echo [--listen HOST:PORT] [--threads N] [--max-delay-ms MS]") +
            std::string(example::balancer_usage));
    example::balancer_options const balancer(args);
    auto const listen = args.endpoint("listen", "127.0.0.1:12346");
    auto const threads = args.number("threads", 1);
    auto const max_delay = args.number("max-delay-ms", 10);

    auto per_thread = [max_delay](protokit::reactor::handle const& h) {
        return [h, max_delay] {
            return protokit::service::service_fn([h, max_delay](protokit::io::bytes payload) {
                thread_local std::minstd_rand random(std::random_device{}());
                auto delay = std::chrono::milliseconds(random() % (max_delay + 1));
                return protokit::reactor::timeout(h, delay).map([payload] { return payload; });
            });
        };
    };

    auto ec =
        balancer
            .apply(protokit::tcp_server(example::mux_proto{}, listen)
                       .threads(threads)
                       .on_listening(
                           [](auto const& ep) { std::cout << "listening on " << ep << std::endl; })
                       .on_error([](auto const& ec, std::string_view what) {
                           std::cerr << "mux_echo: " << what << ": " << ec.message() << std::endl;
                       }))
            .with_handle(per_thread);
    if (ec) {
        std::cerr << "mux_echo: cannot listen on " << listen << ": " << ec.message() << std::endl;
        return 1;
    }
    return 0;
}

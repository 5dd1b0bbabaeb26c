// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// Resolves names over one multiplexed DNS-over-TCP connection: every query
// is sent at once (each with its own id), answers are matched by id as
// they arrive, and printed in the order of the names, dig-style:
//
//   dns_client --server HOST:PORT [--type A] [--timeout-ms 10000]
//              [--style combinators|coroutine] name...
//
//   ;; www.example.com. A: NOERROR, 1 answer
//   www.example.com. 3600 IN A 192.0.2.1
//
// Exits 0 once every name has an answer (whatever its response code), 1 if
// the connection fails, an answer is for another question, or the timeout
// passes first. The queries are written twice: as combinators (the
// default) and as a coroutine (--style coroutine).

#include <protokit/future/async_fn.hpp>
#include <protokit/future/future.hpp>
#include <protokit/future/ok.hpp>
#include <protokit/future/select.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/timeout.hpp>

#include "../common/args.hpp"
#include "../common/dns.hpp"
#include "../common/dns_proto.hpp"

#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <ranges>
#include <string>
#include <vector>

namespace {

namespace dns = example::dns;
namespace pf = protokit::future;

/// Prints one answer; false if it does not answer `q`.
bool print_answer(dns::question const& q, dns::message const& m)
{
    std::cout << ";; " << q.qname.to_string() << ' ' << dns::type_name(q.qtype) << ": ";
    if (m.questions.size() != 1 || !(m.questions.front() == q)) {
        std::cout << "answer for another question" << std::endl;
        return false;
    }
    std::cout << dns::rcode_name(m.head.rcode) << ", " << m.answers.size()
              << (m.answers.size() == 1 ? " answer" : " answers")
              << (m.head.aa ? ", authoritative" : "") << (m.head.tc ? ", truncated" : "") << '\n';
    for (auto const& rr : m.answers)
        std::cout << dns::to_string(rr) << '\n';
    for (auto const& rr : m.authority)
        std::cout << "; authority: " << dns::to_string(rr) << '\n';
    std::cout << std::flush;
    return true;
}

/// Every query, up to `depth` in flight, the answers printed in order; the count of wrong ones.
pf::async_fn<std::uint64_t> resolve(boost::asio::ip::tcp::endpoint server,
                                    protokit::reactor::handle h,
                                    std::vector<dns::question> questions, std::size_t depth)
{
    auto client = co_await protokit::tcp_client(dns::tcp_client_proto{})
                      .max_in_flight(depth)
                      .connect(server, h);
    auto answers = pf::iter_ok(questions)
                       .map([client](dns::question const& q) mutable {
                           return client.call(dns::make_query(q.qname, q.qtype));
                       })
                       .buffered(depth);
    std::uint64_t wrong = 0;
    for (auto const& q : questions)
        wrong += !print_answer(q, *co_await pf::next(answers));
    co_return wrong;
}

} // namespace

int main(int argc, char** argv)
{
    // Options are `--name value` pairs; every other argument is a name to resolve.
    std::vector<char*> options{argv[0]};
    std::vector<std::string> names;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a.starts_with("--") && a != "--help" && i + 1 < argc) {
            options.push_back(argv[i]);
            options.push_back(argv[++i]);
        } else if (a.starts_with("-")) {
            options.push_back(argv[i]);
        } else {
            names.emplace_back(a);
        }
    }
    example::args args(static_cast<int>(options.size()), options.data(),
                       "dns_client --server HOST:PORT [--type TYPE] [--timeout-ms MS] "
                       "[--style combinators|coroutine] name...");
    if (!args.get("server"))
        args.fail("--server is required");
    if (names.empty())
        args.fail("no name to resolve");
    auto const server = args.endpoint("server", "");
    auto const qtype = dns::type_from_name(args.get("type").value_or("A"));
    if (!qtype)
        args.fail("--type wants a record type, not '" + *args.get("type") + "'");
    auto const timeout = std::chrono::milliseconds(args.number("timeout-ms", 10000));
    bool const coroutine = args.choice("style", {"combinators", "coroutine"}) == "coroutine";

    auto questions = std::make_shared<std::vector<dns::question>>();
    dns::name const root;
    for (auto const& n : names) {
        auto qname = dns::name::from_text(n, &root);
        if (!qname)
            args.fail("not a domain name: '" + n + "'");
        questions->push_back({std::move(*qname), *qtype, dns::klass::in});
    }

    // All at once, within the limit under which 16-bit ids stay distinct.
    std::size_t const depth = std::min(questions->size(), dns::tcp_client_proto::max_in_flight);
    protokit::reactor::core core;
    std::uint64_t wrong = 0;
    auto work =
        protokit::tcp_client(dns::tcp_client_proto{})
            .max_in_flight(depth)
            .connect(server, core.get_handle())
            .and_then([questions, depth, &wrong](auto client) {
                return pf::iter_ok(std::views::iota(std::size_t{0}, questions->size()))
                    .map([client, questions](std::size_t i) mutable {
                        dns::question const& q = (*questions)[i];
                        return client.call(dns::make_query(q.qname, q.qtype))
                            .map([i](dns::message m) { return std::pair(i, std::move(m)); });
                    })
                    .buffered(depth)
                    .for_each([questions, &wrong](std::pair<std::size_t, dns::message> answer) {
                        if (!print_answer((*questions)[answer.first], answer.second))
                            ++wrong;
                    });
            });
    auto deadline = protokit::reactor::timeout(core.get_handle(), timeout).and_then([] {
        return pf::err<pf::unit>(make_error_code(protokit::error::timed_out));
    });
    if (coroutine) {
        auto wrong_answers = core.run(resolve(server, core.get_handle(), *questions, depth)
                                          .timeout(core.get_handle(), timeout));
        if (!wrong_answers) {
            std::cerr << "dns_client: " << wrong_answers.error().message() << std::endl;
            return 1;
        }
        return *wrong_answers == 0 ? 0 : 1;
    }
    auto done = core.run(
        std::move(work).select(std::move(deadline)).map([](auto&&) {}).map_err([](auto&& e) {
            return e.first;
        }));
    if (!done) {
        std::cerr << "dns_client: " << done.error().message() << std::endl;
        return 1;
    }
    return wrong == 0 ? 0 : 1;
}

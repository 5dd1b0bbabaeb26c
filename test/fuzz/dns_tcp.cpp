// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// DNS over TCP (example/common/dns_proto.hpp): the server's codec, as dns_server reads a
// connection. The first byte picks how the rest is cut into reads; the queries are the same
// however the bytes arrive, and each answer the codec writes reads back with its id.
#include "decoder.hpp"

#include "../../example/common/dns_proto.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    namespace dns = example::dns;
    fuzz::input in(data, size);
    std::uint8_t const seed = in.byte();
    fuzz::same_however_cut(
        [] { return dns::tcp_server_codec(); }, in.rest(), seed,
        [](std::pair<std::uint16_t, dns::query>& q) {
            std::string text = "query " + std::to_string(q.first) + " " +
                               (q.second.error ? "bad " : "") +
                               std::to_string(q.second.msg.questions.size());
            // The answer goes back through both codecs with its id.
            dns::tcp_server_codec server;
            dns::tcp_client_codec client;
            io::bytes_mut buf;
            dns::message answer = q.second.msg;
            answer.head.qr = true;
            auto id = static_cast<std::uint16_t>(q.first ^ 0x5a5a);
            fuzz::check(server.encode({id, answer}, buf).has_value(), "an answer does not encode");
            auto back = client.decode(buf);
            fuzz::check(back && *back && (*back)->first == id && buf.empty(),
                        "an answer reads back differently");
            return text;
        });
    return 0;
}

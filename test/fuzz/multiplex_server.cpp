// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The multiplexed server dispatcher (multiplex::server_connection on the mock transport): the
// input is a script of requests (some reusing ids), call completions and failures, writability
// changes, the peer's close or a read error, and polls (see dispatcher.hpp). Every response
// carries its request's id, no request is answered twice, all are when nothing failed; the
// calls in flight stay within the limit.
#include "dispatcher.hpp"

#include <protokit/proto/multiplex.hpp>

namespace {

struct mux_proto : protokit::multiplex::server_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

struct multiplex_server : protokit::fuzz::multiplex_kind {
    template <class S>
    static auto connection(transport t, S service, protokit::proto::connection_options options)
    {
        return protokit::multiplex::server_connection(mux_proto{}, std::move(t), std::move(service),
                                                      options);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    protokit::fuzz::input in(data, size);
    protokit::fuzz::run_server_script<multiplex_server>(in);
    return 0;
}

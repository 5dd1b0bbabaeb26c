// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The multiplexed client dispatcher (multiplex::client_connection on the mock transport): the
// input is a script of calls, dropped calls, the client dropped, the peer's answers by id in any
// order (or with an id not in flight), its close or a read error, writability changes and polls
// (see client_dispatcher.hpp). Every call ends, with its own request's answer when it succeeds;
// the connection ends; no more requests are in flight than the limit; with a well-behaved peer
// every call that was kept succeeds.
#include "client_dispatcher.hpp"

#include <protokit/proto/multiplex.hpp>

namespace {

struct mux_proto : protokit::multiplex::client_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

struct multiplex_client : protokit::fuzz::multiplex_client_kind {
    using proto = mux_proto;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    protokit::fuzz::input in(data, size);
    protokit::fuzz::run_client_script<multiplex_client>(in);
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The pipelined client dispatcher (pipeline::client_connection on the mock transport): the input
// is a script of calls, dropped calls, the client dropped, the peer's answers in order (or to
// nothing asked), its close or a read error, writability changes and polls (see
// client_dispatcher.hpp). Every call ends, with its own request's answer when it succeeds; the
// connection ends; with a well-behaved peer every call that was kept succeeds.
#include "client_dispatcher.hpp"

#include <protokit/proto/pipeline.hpp>

namespace {

struct line_proto : protokit::pipeline::client_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

struct pipeline_client : protokit::fuzz::pipeline_client_kind {
    using proto = line_proto;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    protokit::fuzz::input in(data, size);
    protokit::fuzz::run_client_script<pipeline_client>(in);
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The pipelined server dispatcher (pipeline::server_connection on the mock transport): the
// input is a script of requests, call completions and failures, writability changes, the peer's
// close or a read error, and polls (see dispatcher.hpp). Responses go out in request order, each
// once, all of them when nothing failed; the calls in flight stay within the limit.
#include "dispatcher.hpp"

#include <protokit/proto/pipeline.hpp>

namespace {

struct line_proto : protokit::pipeline::server_proto {
    using request_type = std::string;
    using response_type = std::string;

    template <class Io>
    Io bind_transport(Io io) const
    {
        return io;
    }
};

struct pipeline_server : protokit::fuzz::pipeline_kind {
    template <class S>
    static auto connection(transport t, S service, protokit::proto::connection_options options)
    {
        return protokit::pipeline::server_connection(line_proto{}, std::move(t), std::move(service),
                                                     options);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    protokit::fuzz::input in(data, size);
    protokit::fuzz::run_server_script<pipeline_server>(in);
    return 0;
}

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The streaming pipelined client dispatcher (streaming::pipeline::client_connection on the mock
// transport), driven by a script of the user's and the peer's moves (see streaming_client.hpp):
// the peer answers in order, each response body ended before the next answer. Checked: the
// connection, every call and every response body end; a call that succeeds has its own answer;
// each request body is written after its head, ended before the next head, as the user sent it;
// with a well-behaved peer and user every call kept succeeds and every response body arrives
// whole.
#include "streaming_client.hpp"

#include <protokit/proto/streaming/pipeline.hpp>

namespace {

struct pipeline_client : protokit::fuzz::streaming_pipeline_client_kind {
    using proto = protokit::test::text_streaming_proto<protokit::streaming::pipeline::client_proto>;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    protokit::fuzz::input in(data, size);
    protokit::fuzz::run_streaming_client_script<pipeline_client>(in);
    return 0;
}

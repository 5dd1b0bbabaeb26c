// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// The streaming multiplexed client dispatcher (streaming::multiplex::client_connection on the
// mock transport), driven by a script of the user's and the peer's moves (see
// streaming_client.hpp): the peer answers by id in any order, its response bodies interleaved,
// fails single calls with error frames and sends frames for ids no call has. Checked: the
// connection, every call and every response body end; a call that succeeds has its own answer;
// per id, each request body is written after its head and ended once, as the user sent it; with
// a well-behaved peer and user every call kept that the peer did not fail succeeds and every
// response body arrives whole.
#include "streaming_client.hpp"

#include <protokit/proto/streaming/multiplex.hpp>

namespace {

struct multiplex_client : protokit::fuzz::streaming_multiplex_client_kind {
    using proto =
        protokit::test::text_streaming_proto<protokit::streaming::multiplex::client_proto>;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    protokit::fuzz::input in(data, size);
    protokit::fuzz::run_streaming_client_script<multiplex_client>(in);
    return 0;
}

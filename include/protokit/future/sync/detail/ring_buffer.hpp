#ifndef PROTOKIT_FUTURE_SYNC_DETAIL_RING_BUFFER_HPP
#define PROTOKIT_FUTURE_SYNC_DETAIL_RING_BUFFER_HPP

// The ring buffer moved to <protokit/future/detail/ring_buffer.hpp>
// (`protokit::future::detail::ring_buffer`). This name stays only until
// proto/detail/server_policies.hpp includes it there (issue 8); then this
// header goes.
#include <protokit/future/detail/ring_buffer.hpp>

namespace protokit::future::sync::detail {

using future::detail::ring_buffer;

} // namespace protokit::future::sync::detail

#endif

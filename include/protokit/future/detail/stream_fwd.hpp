#ifndef PROTOKIT_FUTURE_DETAIL_STREAM_FWD_HPP
#define PROTOKIT_FUTURE_DETAIL_STREAM_FWD_HPP

// Declarations of the stream combinator types, so that `stream_facade` can
// name them before their definitions.

namespace protokit::future {

} // namespace protokit::future

#endif

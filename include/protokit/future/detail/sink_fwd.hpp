#ifndef PROTOKIT_FUTURE_DETAIL_SINK_FWD_HPP
#define PROTOKIT_FUTURE_DETAIL_SINK_FWD_HPP

// Declarations of the sink combinator types, so that `sink_facade` can
// name them before their definitions.

namespace protokit::future {

} // namespace protokit::future

#endif

#ifndef PROTOKIT_FUTURE_DETAIL_FUTURE_FWD_HPP
#define PROTOKIT_FUTURE_DETAIL_FUTURE_FWD_HPP

// Declarations of the future combinator types, so that `future_facade` can
// name them before their definitions.

namespace protokit::future {

template <class F, class G>
class map_future;
template <class F, class G>
class map_err_future;

} // namespace protokit::future

#endif

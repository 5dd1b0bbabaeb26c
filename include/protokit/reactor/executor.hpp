// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_EXECUTOR_HPP
#define PROTOKIT_REACTOR_EXECUTOR_HPP

#include <protokit/future/executor.hpp>

namespace protokit::reactor {

/// The `Executor` concept, which lives with the futures (`future/executor.hpp`); kept here by name.
using future::Executor;

} // namespace protokit::reactor

#endif

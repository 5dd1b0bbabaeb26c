// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_HPP
#define PROTOKIT_FUTURE_HPP

// The futures layer: futures, streams, sinks, tasks, executors, channels.

#include <protokit/future/future.hpp>
#include <protokit/future/sink.hpp>
#include <protokit/future/stream.hpp>
#include <protokit/future/sync.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SINK_HPP
#define PROTOKIT_FUTURE_SINK_HPP

// The Sink concept, the sink facade and every sink combinator.

#include <protokit/future/concepts.hpp>
#include <protokit/future/sink_facade.hpp>

#include <protokit/future/sink/buffer.hpp>
#include <protokit/future/sink/fanout.hpp>
#include <protokit/future/sink/flush.hpp>
#include <protokit/future/sink/from_err.hpp>
#include <protokit/future/sink/map_err.hpp>
#include <protokit/future/sink/send.hpp>
#include <protokit/future/sink/send_all.hpp>
#include <protokit/future/sink/vector_sink.hpp>
#include <protokit/future/sink/wait.hpp>
#include <protokit/future/sink/with.hpp>
#include <protokit/future/sink/with_flat_map.hpp>

#endif

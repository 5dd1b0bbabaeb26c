// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_FUTURE_HPP
#define PROTOKIT_FUTURE_FUTURE_HPP

// The Future concept, its facade, and every future constructor and
// combinator: including this header defines all of them.

#include <protokit/future/concepts.hpp>
#include <protokit/future/executor.hpp>
#include <protokit/future/future_facade.hpp>
#include <protokit/future/poll.hpp>
#include <protokit/future/task.hpp>

#include <protokit/future/async_fn.hpp>
#include <protokit/future/boxed.hpp>
#include <protokit/future/either.hpp>
#include <protokit/future/empty.hpp>
#include <protokit/future/flatten.hpp>
#include <protokit/future/fuse.hpp>
#include <protokit/future/inspect.hpp>
#include <protokit/future/into_stream.hpp>
#include <protokit/future/join.hpp>
#include <protokit/future/lazy.hpp>
#include <protokit/future/loop_fn.hpp>
#include <protokit/future/map.hpp>
#include <protokit/future/ok.hpp>
#include <protokit/future/select.hpp>
#include <protokit/future/shared.hpp>
#include <protokit/future/then.hpp>

#endif

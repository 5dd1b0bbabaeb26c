// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_FUTURE_SYNC_HPP
#define PROTOKIT_FUTURE_SYNC_HPP

// Every channel: thread-safe (protokit::future::sync) and single-thread
// (protokit::future::unsync) oneshot and mpsc.

#include <protokit/future/sync/mpsc.hpp>
#include <protokit/future/sync/oneshot.hpp>
#include <protokit/future/sync/send_result.hpp>
#include <protokit/future/unsync/mpsc.hpp>
#include <protokit/future/unsync/oneshot.hpp>

#endif

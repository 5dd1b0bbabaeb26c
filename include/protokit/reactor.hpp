// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_REACTOR_HPP
#define PROTOKIT_REACTOR_HPP

// The reactor layer: one thread's event loop over Boost.Asio, its executor,
// its timers and its readiness-polled sockets.

#include <protokit/reactor/clock.hpp>
#include <protokit/reactor/core.hpp>
#include <protokit/reactor/executor.hpp>
#include <protokit/reactor/interval.hpp>
#include <protokit/reactor/poll_evented.hpp>
#include <protokit/reactor/signal_stream.hpp>
#include <protokit/reactor/tcp_listener.hpp>
#include <protokit/reactor/tcp_stream.hpp>
#include <protokit/reactor/timeout.hpp>
#include <protokit/reactor/udp_socket.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_HPP
#define PROTOKIT_SERVICE_HPP

// The service layer: Service, NewService, service_fn, boxed_service, map_err / from_err, and the
// middleware (timeout, retry, concurrency_limit, rate_limit, reconnect, balance, pool, builder).

#include <protokit/service/balance.hpp>
#include <protokit/service/boxed_service.hpp>
#include <protokit/service/builder.hpp>
#include <protokit/service/concurrency_limit.hpp>
#include <protokit/service/map_err.hpp>
#include <protokit/service/rate_limit.hpp>
#include <protokit/service/reconnect.hpp>
#include <protokit/service/retry.hpp>
#include <protokit/service/service.hpp>
#include <protokit/service/service_fn.hpp>
#include <protokit/service/timeout.hpp>

#endif

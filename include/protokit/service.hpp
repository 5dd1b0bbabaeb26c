// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_SERVICE_HPP
#define PROTOKIT_SERVICE_HPP

// The service layer: Service, NewService, service_fn, boxed_service, map_err / from_err.

#include <protokit/service/boxed_service.hpp>
#include <protokit/service/map_err.hpp>
#include <protokit/service/service.hpp>
#include <protokit/service/service_fn.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_PROTOKIT_HPP
#define PROTOKIT_PROTOKIT_HPP

// All of protokit but TLS (protokit/tls.hpp, in the protokit::tls library, which needs OpenSSL).

#include <protokit/error.hpp>
#include <protokit/future.hpp>
#include <protokit/http.hpp>
#include <protokit/io.hpp>
#include <protokit/proto.hpp>
#include <protokit/reactor.hpp>
#include <protokit/service.hpp>

#endif

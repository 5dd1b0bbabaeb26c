// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TLS_HPP
#define PROTOKIT_TLS_HPP

// TLS over any Io, and any protocol over TLS: link protokit::tls (it brings OpenSSL).

#include <protokit/tls/proto.hpp>
#include <protokit/tls/stream.hpp>

#endif

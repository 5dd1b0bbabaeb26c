// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_HTTP_HPP
#define PROTOKIT_HTTP_HPP

// HTTP/1.1 over streaming::pipeline, on Boost.Beast's parser and
// serializer: messages, codecs, the transport, server and client protocols.

#include <protokit/http/codec.hpp>
#include <protokit/http/message.hpp>
#include <protokit/http/proto.hpp>
#include <protokit/http/transport.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_IO_HPP
#define PROTOKIT_IO_HPP

// The io layer: byte streams (the Io concept), shared buffers, codecs,
// framed transports and the byte utilities.

#include <protokit/io/bytes.hpp>
#include <protokit/io/bytes_codec.hpp>
#include <protokit/io/codec.hpp>
#include <protokit/io/copy.hpp>
#include <protokit/io/framed.hpp>
#include <protokit/io/io.hpp>
#include <protokit/io/length_delimited.hpp>
#include <protokit/io/lines.hpp>
#include <protokit/io/lines_codec.hpp>
#include <protokit/io/read.hpp>
#include <protokit/io/split.hpp>
#include <protokit/io/udp_framed.hpp>
#include <protokit/io/window.hpp>
#include <protokit/io/write.hpp>

#endif

// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// io::lines_codec: the first byte picks the longest line (0: the default), the second how the
// rest is cut into reads. Every line is within the limit and holds no line end.
#include "decoder.hpp"

#include <protokit/io/lines_codec.hpp>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace protokit;
    fuzz::input in(data, size);
    std::uint8_t const max = in.byte();
    std::size_t const max_length = max == 0 ? io::lines_codec::default_max_length : max % 80;
    std::uint8_t const seed = in.byte();
    fuzz::same_however_cut([&] { return io::lines_codec(max_length); }, in.rest(), seed,
                           [&](std::string const& line) {
                               fuzz::check(line.size() <= max_length, "a line over the limit");
                               fuzz::check(line.find('\n') == line.npos, "a line holds a '\\n'");
                               return "line " + fuzz::escape(line);
                           });
    return 0;
}

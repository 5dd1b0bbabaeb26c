// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_BENCH_SPREAD_HPP
#define PROTOKIT_BENCH_SPREAD_HPP

// The median and quartiles of a benchmark's per-round figures.

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

namespace bench {

/// The median of some ratios, and their quartiles.
struct spread {
    double median = 0, low = 0, high = 0;

    std::string range() const
    {
        char text[32];
        std::snprintf(text, sizeof text, "%.2f-%.2f", low, high);
        return text;
    }
};

inline spread spread_of(std::vector<double> values)
{
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    auto at = [&](double q) {
        double const pos = q * static_cast<double>(values.size() - 1);
        auto const i = static_cast<std::size_t>(pos);
        double const frac = pos - static_cast<double>(i);
        return i + 1 < values.size() ? values[i] * (1 - frac) + values[i + 1] * frac : values[i];
    };
    return {at(0.5), at(0.25), at(0.75)};
}

} // namespace bench

#endif

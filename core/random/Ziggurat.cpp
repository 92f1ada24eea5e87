// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/random/Ziggurat.h"

namespace grove::detail {

namespace {

// R and the common strip area V for 256 layers (Marsaglia & Tsang 2000).
constexpr double zigguratR = 3.6541528853610088;
constexpr double zigguratV = 0.00492867323399;

double density(double x)
{
    return std::exp(-0.5 * x * x);
}

} // namespace

ZigguratTables::ZigguratTables()
{
    x[0] = zigguratV / density(zigguratR);
    x[1] = zigguratR;
    for (std::size_t i = 1; i < 256; ++i) {
        // Strip i spans [x[i+1], x[i]] with area V: x[i] (f(x[i+1]) - f(x[i])) = V.
        const double next = zigguratV / x[i] + density(x[i]);
        x[i + 1] = next < 1.0 ? std::sqrt(-2.0 * std::log(next)) : 0.0;
    }
    x[256] = 0.0;
    for (std::size_t i = 0; i < 257; ++i)
        f[i] = density(x[i]);
}

const ZigguratTables& zigguratTables()
{
    static const ZigguratTables tables;
    return tables;
}

double zigguratSlowPath(RandomStream& rng, const ZigguratTables& tables, std::uint64_t bits,
                        double x)
{
    for (;;) {
        const std::size_t layer = static_cast<std::size_t>(bits & 0xff);
        if (layer == 0) {
            // Tail beyond R: x = R + E1/R accepted when 2 E2 > (E1/R)^2.
            double tail = 0.0;
            double y = 0.0;
            do {
                tail = -std::log(rng.uniform()) / zigguratR;
                y = -std::log(rng.uniform());
            } while (2.0 * y < tail * tail);
            return x < 0.0 ? -(zigguratR + tail) : zigguratR + tail;
        }
        // Wedge: accept x with probability (f(x) - f[i]) / (f[i+1] - f[i]).
        if (tables.f[layer] + (tables.f[layer + 1] - tables.f[layer]) * rng.uniform() < density(x))
            return x;
        bits = rng();
        const std::size_t next = static_cast<std::size_t>(bits & 0xff);
        const double u = (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-52 - 1.0;
        x = u * tables.x[next];
        if (std::abs(x) < tables.x[next + 1])
            return x;
    }
}

} // namespace grove::detail

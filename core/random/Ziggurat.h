// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/random/RandomStream.h"

#include <array>
#include <cmath>
#include <cstdint>

/// Forces inlining into the samplers' inner loops, where the compiler's size heuristics give up
/// once the loops are unrolled (GCC and Clang; elsewhere plain inline).
#if defined(__GNUC__)
#define GROVE_ALWAYS_INLINE [[gnu::always_inline]] inline
#else
#define GROVE_ALWAYS_INLINE inline
#endif

namespace grove {

namespace detail {

/// Layer boundaries of the 256-layer ziggurat for the standard normal (Marsaglia & Tsang 2000):
/// x[0] = V / f(R) (the base strip's pseudo-width), x[1] = R, ..., x[256] = 0, and
/// f[i] = exp(-x[i]^2 / 2). Computed once, on first use (thread-safe static initialisation).
struct ZigguratTables {
    std::array<double, 257> x;
    std::array<double, 257> f;
    ZigguratTables();
};

const ZigguratTables& zigguratTables();

double zigguratSlowPath(RandomStream& rng, const ZigguratTables& tables, std::uint64_t bits,
                        double x);

} // namespace detail

/// Standard normal by the ziggurat method: one 64-bit draw (8 bits pick the layer, 53 bits the
/// position) and a table comparison in about 99% of calls; the wedges and the tail beyond
/// R = 3.654 (Marsaglia's exponential method) otherwise. A different stream from
/// RandomStream::normal(), several times faster.
GROVE_ALWAYS_INLINE double drawNormal(RandomStream& rng)
{
    static const detail::ZigguratTables& tables = detail::zigguratTables();
    const std::uint64_t bits = rng();
    const std::size_t layer = static_cast<std::size_t>(bits & 0xff);
    // Uniform on (-1, 1) from the top 53 bits.
    const double u = (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-52 - 1.0;
    const double x = u * tables.x[layer];
    if (std::abs(x) < tables.x[layer + 1])
        return x;
    return detail::zigguratSlowPath(rng, tables, bits, x);
}

} // namespace grove

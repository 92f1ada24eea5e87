// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <numbers>

namespace grove {

/// Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2, accurate in both tails. Inline: the
/// samplers call it in their inner loops.
inline double standardNormalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

/// log Phi(x), accurate for every x: log of the CDF down to x = -37 (where erfc still keeps its
/// relative precision), below it the asymptotic series of Mills' ratio (Abramowitz & Stegun
/// 26.2.12), whose first omitted term is below 2e-15 relative there.
inline double logStandardNormalCdf(double x)
{
    if (x > -37.0)
        return std::log(standardNormalCdf(x));
    const double r = 1.0 / (x * x);
    const double series =
        1.0 - r * (1.0 - 3.0 * r * (1.0 - 5.0 * r * (1.0 - 7.0 * r * (1.0 - 9.0 * r))));
    return -0.5 * x * x - std::log(-x) - 0.5 * std::log(2.0 * std::numbers::pi) + std::log(series);
}

/// Standard normal quantile Phi^{-1}(p) (Boost.Math). -inf at 0, +inf at 1, NaN outside [0, 1].
double standardNormalQuantile(double p);

} // namespace grove

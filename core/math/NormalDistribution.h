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

/// Standard normal quantile Phi^{-1}(p) (Boost.Math). -inf at 0, +inf at 1, NaN outside [0, 1].
double standardNormalQuantile(double p);

} // namespace grove

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/random/Distributions.h"
#include "core/random/RandomStream.h"
#include "core/random/Ziggurat.h"

#include <cmath>
#include <limits>
#include <vector>

namespace grove::detail {

// Draws shared by the steps of JointImputationSampler, inline for its inner loops.

inline constexpr double infinity = std::numeric_limits<double>::infinity();

inline double normalCdf(double x)
{
    return 0.5 * std::erfc(-x * M_SQRT1_2);
}

/// The interval (gamma_{c-1}, gamma_c] of category c of a thresholded latent (gamma_{-1} = -inf,
/// gamma_m = +inf for m thresholds).
inline void categoryBounds(const std::vector<double>& gamma, int c, double& lower, double& upper)
{
    lower = c > 0 ? gamma[static_cast<std::size_t>(c - 1)] : -infinity;
    upper = c < static_cast<int>(gamma.size()) ? gamma[static_cast<std::size_t>(c)] : infinity;
}

/// Normal(mean, sd) truncated to (lower, upper). When one bound is infinite and the other is at
/// most half an sd past the mean, plain rejection accepts at least 31% of the time (what the
/// general sampler does there too) and needs no standardising divisions or calls: the common
/// case of a probit latent. Otherwise the general sampler.
GROVE_ALWAYS_INLINE double truncatedDraw(RandomStream& rng, double mean, double sd, double lower,
                                         double upper)
{
    const double reach = 0.5 * sd;
    if ((upper == infinity && lower < mean + reach) ||
        (lower == -infinity && upper > mean - reach)) {
        for (;;) {
            const double z = mean + sd * drawNormal(rng);
            if (z > lower && z < upper)
                return z;
        }
    }
    return drawTruncatedNormalFast(rng, mean, sd, lower, upper);
}

} // namespace grove::detail

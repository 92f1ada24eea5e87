// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/random/Distributions.h"
#include "core/random/RandomStream.h"
#include "core/random/Ziggurat.h"

#include <limits>

namespace grove {

// The samplers' inline truncated-normal draws: plain rejection from N(mean, sd^2) where it
// accepts often (no standardising divisions, no logs), drawTruncatedNormalFast otherwise. One
// implementation for the joint model, the one-pass engine and every step that truncates.

/// N(mean, sd^2) truncated to (lower, +inf): plain rejection when the bound is at most half an
/// sd beyond the mean (acceptance >= Phi(-0.5) = 31%), the general sampler otherwise.
GROVE_ALWAYS_INLINE double drawNormalAbove(RandomStream& rng, double mean, double sd, double lower)
{
    if (lower < mean + 0.5 * sd) {
        double z = 0.0;
        do
            z = mean + sd * drawNormal(rng);
        while (!(z > lower));
        return z;
    }
    return drawTruncatedNormalFast(rng, mean, sd, lower, std::numeric_limits<double>::infinity());
}

/// N(mean, sd^2) truncated to (-inf, upper), as drawNormalAbove.
GROVE_ALWAYS_INLINE double drawNormalBelow(RandomStream& rng, double mean, double sd, double upper)
{
    if (upper > mean - 0.5 * sd) {
        double z = 0.0;
        do
            z = mean + sd * drawNormal(rng);
        while (!(z < upper));
        return z;
    }
    return drawTruncatedNormalFast(rng, mean, sd, -std::numeric_limits<double>::infinity(), upper);
}

/// N(mean, sd^2) truncated to (lower, upper), either bound possibly infinite: drawNormalAbove or
/// drawNormalBelow for one bound, the general sampler (which itself rejects from the normal when
/// the interval holds enough mass) for two.
GROVE_ALWAYS_INLINE double drawTruncatedNormalQuick(RandomStream& rng, double mean, double sd,
                                                    double lower, double upper)
{
    constexpr double infinity = std::numeric_limits<double>::infinity();
    if (lower == -infinity)
        return drawNormalBelow(rng, mean, sd, upper);
    if (upper == infinity)
        return drawNormalAbove(rng, mean, sd, lower);
    return drawTruncatedNormalFast(rng, mean, sd, lower, upper);
}

} // namespace grove

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/FDistribution.h"

#include "core/pool/SpecialFunctions.h"

#include <cmath>
#include <limits>

namespace grove {

namespace {
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
// Beyond this the incomplete-beta continued fraction (O(sqrt d2) steps) loses digits, while
// the chi-square limit is off by O(1/d2) < 1e-8.
constexpr double largeDenominatorDf = 1.0e8;
} // namespace

double fUpperTail(double x, double d1, double d2)
{
    if (std::isnan(x) || !(d1 > 0.0) || !(d2 > 0.0) || std::isinf(d1)) {
        return notANumber;
    }
    if (x <= 0.0) {
        return 1.0;
    }
    if (std::isinf(x)) {
        return 0.0;
    }
    if (d2 > largeDenominatorDf) {
        return regularizedUpperGamma(0.5 * d1, 0.5 * d1 * x);
    }
    const double denominator = d2 + d1 * x;
    return regularizedIncompleteBeta(0.5 * d2, 0.5 * d1, d2 / denominator, d1 * x / denominator);
}

double fCdf(double x, double d1, double d2)
{
    if (std::isnan(x) || !(d1 > 0.0) || !(d2 > 0.0) || std::isinf(d1)) {
        return notANumber;
    }
    if (x <= 0.0) {
        return 0.0;
    }
    if (std::isinf(x)) {
        return 1.0;
    }
    if (d2 > largeDenominatorDf) {
        return 1.0 - regularizedUpperGamma(0.5 * d1, 0.5 * d1 * x);
    }
    const double denominator = d2 + d1 * x;
    return regularizedIncompleteBeta(0.5 * d1, 0.5 * d2, d1 * x / denominator, d2 / denominator);
}

} // namespace grove

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/StudentT.h"

#include "core/diag/NormalQuantile.h"
#include "core/pool/SpecialFunctions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();
// Above this df the t CDF uses a normal approximation (as R's pt() does).
constexpr double largeDf = 4.0e5;

// Student t density, via logBeta so it stays accurate for huge df.
double studentTDensity(double t, double df)
{
    return std::exp(-0.5 * (df + 1.0) * std::log1p(t * t / df) - 0.5 * std::log(df) -
                    logBeta(0.5 * df, 0.5));
}

} // namespace

// One implementation of the normal distribution serves both libraries (core/diag).
double normalCdf(double x)
{
    return standardNormalCdf(x);
}

double normalQuantile(double p)
{
    return standardNormalQuantile(p);
}

double studentTUpperTail(double t, double df)
{
    if (std::isnan(t) || !(df > 0.0)) {
        return notANumber;
    }
    if (std::isinf(df)) {
        return normalCdf(-t);
    }
    if (std::isinf(t)) {
        return t > 0.0 ? 0.0 : 1.0;
    }
    if (df > largeDf) {
        // The incomplete-beta continued fraction needs O(sqrt df) steps near its switch-over
        // and loses digits doing so; the normal approximation of R's pt() is accurate to
        // O(df^-2) < 1e-11 here.
        const double c = 1.0 / (4.0 * df);
        return normalCdf(-t * (1.0 - c) / std::sqrt(1.0 + t * t * 2.0 * c));
    }
    const double t2 = t * t;
    // x = df/(df+t^2) and 1 - x = t^2/(df+t^2), both formed directly.
    const double tail =
        0.5 * regularizedIncompleteBeta(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2));
    return t >= 0.0 ? tail : 1.0 - tail;
}

double studentTCdf(double t, double df)
{
    return studentTUpperTail(-t, df);
}

double studentTTwoSidedPValue(double t, double df)
{
    const double tail = studentTUpperTail(std::abs(t), df);
    return std::min(1.0, 2.0 * tail);
}

double studentTQuantile(double p, double df)
{
    if (!(p > 0.0 && p < 1.0) || !(df > 0.0)) {
        return notANumber;
    }
    if (std::isinf(df)) {
        return normalQuantile(p);
    }
    if (p == 0.5) {
        return 0.0;
    }
    if (df == 1.0) {
        return std::tan(std::numbers::pi * (p - 0.5));
    }
    if (df == 2.0) {
        return (2.0 * p - 1.0) / std::sqrt(2.0 * p * (1.0 - p));
    }
    // Solve P(T > t) = q for t > 0 with q the smaller tail, then restore the sign.
    const double q = p < 0.5 ? p : 1.0 - p;
    const double sign = p < 0.5 ? -1.0 : 1.0;
    const double z = normalQuantile(1.0 - q);
    // Cornish-Fisher start (Abramowitz & Stegun 26.7.5, two terms).
    double t = z + (z * z * z + z) / (4.0 * df) +
               (5.0 * std::pow(z, 5) + 16.0 * z * z * z + 3.0 * z) / (96.0 * df * df);
    double lower = 0.0;
    double upper = infinity;
    if (!(t > 0.0) || !std::isfinite(t)) {
        t = 1.0;
    }
    for (int iteration = 0; iteration < 200; ++iteration) {
        const double excess = studentTUpperTail(t, df) - q; // decreasing in t
        if (excess > 0.0) {
            lower = t;
        } else {
            upper = t;
        }
        const double density = studentTDensity(t, df);
        double next = t + excess / density;
        if (!(next > lower && next < upper) || !std::isfinite(next)) {
            // Newton left the bracket: bisect (or expand when there is no upper end yet).
            next = std::isinf(upper) ? 2.0 * t : 0.5 * (lower + upper);
        }
        if (std::abs(next - t) <= 1e-15 * std::abs(next)) {
            return sign * next;
        }
        t = next;
    }
    return sign * t;
}

} // namespace grove

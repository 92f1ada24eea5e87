// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/StudentT.h"

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

// Wichura (1988), Algorithm AS 241 (PPND16). core/diag has the same routine for rank
// normalisation; the two libraries do not depend on each other.
double as241(double p)
{
    const double q = p - 0.5;
    if (std::abs(q) <= 0.425) {
        const double r = 0.180625 - q * q;
        return q *
               (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r +
                     6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r +
                   1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r +
                 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0) /
               (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r +
                     3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r +
                   5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r +
                 4.2313330701600911252e+1) * r + 1.0);
    }
    double r = q < 0.0 ? p : 1.0 - p;
    r = std::sqrt(-std::log(r));
    double value = 0.0;
    if (r <= 5.0) {
        r -= 1.6;
        value = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r +
                      2.41780725177450611770e-1) * r + 1.27045825245236838258e+0) * r +
                    3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r +
                  4.63033784615654529590e+0) * r + 1.42343711074968357734e+0) /
                (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r +
                      1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r +
                    6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r +
                  2.05319162663775882187e+0) * r + 1.0);
    } else {
        r -= 5.0;
        value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
                      1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r +
                    2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r +
                  5.46378491116411436990e+0) * r + 6.65790464350110377720e+0) /
                (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r +
                      1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r +
                    1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r +
                  5.99832206555887937690e-1) * r + 1.0);
    }
    return q < 0.0 ? -value : value;
}

// Student t density, via logBeta so it stays accurate for huge df.
double studentTDensity(double t, double df)
{
    return std::exp(-0.5 * (df + 1.0) * std::log1p(t * t / df) - 0.5 * std::log(df) -
                    logBeta(0.5 * df, 0.5));
}

} // namespace

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

double normalQuantile(double p)
{
    if (!(p >= 0.0 && p <= 1.0)) {
        return notANumber;
    }
    if (p == 0.0) {
        return -infinity;
    }
    if (p == 1.0) {
        return infinity;
    }
    double x = as241(p);
    const double error = (p < 0.5) ? normalCdf(x) - p : (1.0 - p) - normalCdf(-x);
    const double density = std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi);
    if (density > 0.0 && std::isfinite(error)) {
        const double step = error / density;
        x -= step / (1.0 + 0.5 * x * step);
    }
    return x;
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

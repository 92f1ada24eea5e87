// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pool/SpecialFunctions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace grove {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double epsilon = 1e-16;
constexpr double tiny = 1e-300;
constexpr int maxIterations = 1000000;

// lgamma(x) - ((x - 0.5) log x - x + log sqrt(2 pi)) for x >= 10: the Stirling series
// 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7) + 1/(1188x^9); the next term is < 2e-14
// at x = 10.
double stirlingCorrection(double x)
{
    const double x2 = 1.0 / (x * x);
    return (1.0 / 12.0 -
            x2 * (1.0 / 360.0 - x2 * (1.0 / 1260.0 - x2 * (1.0 / 1680.0 - x2 / 1188.0)))) /
           x;
}

double awayFromZero(double value)
{
    return std::abs(value) < tiny ? tiny : value;
}

// A continued fraction b0 + a1 / (b1 + a2 / (b2 + ...)) by the modified Lentz algorithm: each
// step folds in one more term (a_n, b_n) and returns the factor by which `value` changed, so
// the fraction has converged once that factor is 1 to within epsilon.
struct LentzFraction {
    double c;
    double d;
    double value;

    double step(double a, double b)
    {
        d = 1.0 / awayFromZero(b + a * d);
        c = awayFromZero(b + a / c);
        const double delta = d * c;
        value *= delta;
        return delta;
    }
};

// Continued fraction for I_x(a, b) (without the front factor).
double betaContinuedFraction(double a, double b, double x)
{
    const double qab = a + b;
    const double qap = a + 1.0;
    const double qam = a - 1.0;
    const double d = 1.0 / awayFromZero(1.0 - qab * x / qap);
    LentzFraction fraction{1.0, d, d};
    for (int m = 1; m <= maxIterations; ++m) {
        const double md = static_cast<double>(m);
        const double m2 = 2.0 * md;
        fraction.step(md * (b - md) * x / ((qam + m2) * (a + m2)), 1.0);
        const double delta =
            fraction.step(-(a + md) * (qab + md) * x / ((a + m2) * (qap + m2)), 1.0);
        if (std::abs(delta - 1.0) < epsilon) {
            return fraction.value;
        }
    }
    return notANumber; // did not converge: better no number than a wrong one
}

} // namespace

double logBeta(double a, double b)
{
    const double p = std::min(a, b);
    const double q = std::max(a, b);
    if (!(p > 0.0)) {
        return notANumber;
    }
    constexpr double logSqrtTwoPi = 0.918938533204672741780329736406;
    if (p >= 10.0) {
        const double correction =
            stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
        return -0.5 * std::log(q) + logSqrtTwoPi + correction + (p - 0.5) * std::log(p / (p + q)) +
               q * std::log1p(-p / (p + q));
    }
    if (q >= 10.0) {
        const double correction = stirlingCorrection(q) - stirlingCorrection(p + q);
        return std::lgamma(p) + correction + p - p * std::log(p + q) +
               (q - 0.5) * std::log1p(-p / (p + q));
    }
    return std::lgamma(p) + std::lgamma(q) - std::lgamma(p + q);
}

double regularizedIncompleteBeta(double a, double b, double x, double y)
{
    if (!(a > 0.0 && b > 0.0 && x >= 0.0 && x <= 1.0 && y >= 0.0 && y <= 1.0)) {
        return notANumber;
    }
    if (x == 0.0) {
        return 0.0;
    }
    if (y == 0.0) {
        return 1.0;
    }
    // log x and log(1 - x) from whichever of x, y is small, so neither loses digits.
    const double logX = x > 0.5 ? std::log1p(-y) : std::log(x);
    const double logY = y > 0.5 ? std::log1p(-x) : std::log(y);
    const double front = std::exp(a * logX + b * logY - logBeta(a, b));
    if (x < (a + 1.0) / (a + b + 2.0)) {
        return front * betaContinuedFraction(a, b, x) / a;
    }
    return 1.0 - front * betaContinuedFraction(b, a, y) / b;
}

double regularizedIncompleteBeta(double a, double b, double x)
{
    return regularizedIncompleteBeta(a, b, x, 1.0 - x);
}

double regularizedUpperGamma(double a, double x)
{
    if (!(a > 0.0 && x >= 0.0)) {
        return notANumber;
    }
    if (x == 0.0) {
        return 1.0;
    }
    if (std::isinf(x)) {
        return 0.0;
    }
    const double logFront = a * std::log(x) - x - std::lgamma(a);
    if (x < a + 1.0) {
        // Series for the lower P(a, x); Q = 1 - P.
        double term = 1.0 / a;
        double sum = term;
        for (int n = 1; n <= maxIterations; ++n) {
            term *= x / (a + static_cast<double>(n));
            sum += term;
            if (std::abs(term) < std::abs(sum) * epsilon) {
                return 1.0 - sum * std::exp(logFront);
            }
        }
        return notANumber;
    }
    // Continued fraction for Q(a, x).
    double b = x + 1.0 - a;
    LentzFraction fraction{1.0 / tiny, 1.0 / b, 1.0 / b};
    for (int i = 1; i <= maxIterations; ++i) {
        b += 2.0;
        const double delta =
            fraction.step(-static_cast<double>(i) * (static_cast<double>(i) - a), b);
        if (std::abs(delta - 1.0) < epsilon) {
            return std::exp(logFront) * fraction.value;
        }
    }
    return notANumber;
}

} // namespace grove

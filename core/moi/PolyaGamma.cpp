// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/moi/PolyaGamma.h"

#include "core/math/NormalDistribution.h"
#include "core/random/Distributions.h"

#include <cmath>
#include <numbers>

namespace grove {

namespace {

constexpr double kPi = std::numbers::pi;
/// The point where the two pieces of the proposal meet (Devroye's t, 0.64 as in the paper).
constexpr double kTruncation = 0.64;

/// The n-th coefficient of the alternating series for the J*(1, 0) density at x, using the
/// representation that converges fastest on each side of the truncation point.
double seriesCoefficient(int n, double x)
{
    const double k = (static_cast<double>(n) + 0.5) * kPi;
    if (x > kTruncation)
        return k * std::exp(-0.5 * k * k * x);
    if (x <= 0.0)
        return 0.0;
    const double half = static_cast<double>(n) + 0.5;
    return std::exp(-1.5 * (std::log(0.5 * kPi) + std::log(x)) + std::log(k) -
                    2.0 * half * half / x);
}

/// Probability that the proposal comes from the truncated exponential piece.
double exponentialPieceMass(double z, double fz)
{
    const double t = kTruncation;
    const double root = std::sqrt(1.0 / t);
    const double b = root * (t * z - 1.0);
    const double a = -root * (t * z + 1.0);
    const double x0 = std::log(fz) + fz * t;
    const double xb = x0 - z + logStandardNormalCdf(b);
    const double xa = x0 + z + logStandardNormalCdf(a);
    const double qOverP = 4.0 / kPi * (std::exp(xb) + std::exp(xa));
    return 1.0 / (1.0 + qOverP);
}

/// Inverse Gaussian with mean 1/z and shape 1, truncated to (0, t).
double truncatedInverseGaussian(RandomStream& rng, double z)
{
    const double t = kTruncation;
    if (z < 1.0 / t) {
        // Mean beyond t: propose from the z = 0 limit (a truncated Levy law, by a truncated
        // normal) and accept with the exponential tilt.
        while (true) {
            double e1 = drawExponential(rng);
            double e2 = drawExponential(rng);
            while (e1 * e1 > 2.0 * e2 / t) {
                e1 = drawExponential(rng);
                e2 = drawExponential(rng);
            }
            const double s = 1.0 + e1 * t;
            const double x = t / (s * s);
            if (rng.uniform() <= std::exp(-0.5 * z * z * x))
                return x;
        }
    }
    // Mean inside (0, t): Michael-Schucany-Haas draws until one falls below t.
    const double mu = 1.0 / z;
    while (true) {
        double y = rng.normal();
        y *= y;
        const double muY = mu * y;
        double x = mu + 0.5 * mu * muY - 0.5 * mu * std::sqrt(4.0 * muY + muY * muY);
        if (rng.uniform() > mu / (mu + x))
            x = mu * mu / x;
        if (x < t)
            return x;
    }
}

} // namespace

double drawPolyaGammaOne(RandomStream& rng, double z)
{
    // PG(1, z) = J*(1, z / 2) / 4.
    const double h = 0.5 * std::abs(z);
    const double fz = 0.125 * kPi * kPi + 0.5 * h * h;
    const double exponentialMass = exponentialPieceMass(h, fz);
    while (true) {
        const double x = rng.uniform() < exponentialMass ? kTruncation + drawExponential(rng) / fz
                                                         : truncatedInverseGaussian(rng, h);
        double s = seriesCoefficient(0, x);
        const double y = rng.uniform() * s;
        for (int n = 1;; ++n) {
            if (n % 2 == 1) {
                s -= seriesCoefficient(n, x);
                if (y <= s)
                    return 0.25 * x;
            } else {
                s += seriesCoefficient(n, x);
                if (y > s)
                    break;
            }
        }
    }
}

double drawPolyaGamma(RandomStream& rng, int b, double z)
{
    double sum = 0.0;
    for (int k = 0; k < b; ++k)
        sum += drawPolyaGammaOne(rng, z);
    return sum;
}

double polyaGammaMean(double b, double z)
{
    const double a = std::abs(z);
    if (a < 1e-6)
        return b * (0.25 - a * a / 48.0);
    return b / (2.0 * a) * std::tanh(0.5 * a);
}

double polyaGammaVariance(double b, double z)
{
    const double a = std::abs(z);
    if (a < 1e-3)
        return b / 24.0;
    const double c = std::cosh(0.5 * a);
    return b * (std::sinh(a) - a) / (4.0 * a * a * a * c * c);
}

} // namespace grove

// SPDX-License-Identifier: GPL-3.0-or-later
// The samplers' inline truncated-normal fast paths against the exact truncated moments and
// against the general sampler, in every branch (plain rejection, one or two bounds, tails).
#include "core/random/TruncatedNormal.h"
#include "core/math/NormalDistribution.h"
#include "core/random/Distributions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace grove {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

struct Moments {
    double mean;
    double variance;
};

// Mean and variance of N(mean, sd^2) truncated to (lower, upper) (Johnson, Kotz & Balakrishnan
// 1994, 13.10.1).
Moments exactMoments(double mean, double sd, double lower, double upper)
{
    const auto density = [](double x) {
        return std::isinf(x) ? 0.0 : std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi);
    };
    const auto xDensity = [&](double x) { return std::isinf(x) ? 0.0 : x * density(x); };
    const double a = (lower - mean) / sd;
    const double b = (upper - mean) / sd;
    const double mass = standardNormalCdf(b) - standardNormalCdf(a);
    const double shift = (density(a) - density(b)) / mass;
    const double variance = 1.0 + (xDensity(a) - xDensity(b)) / mass - shift * shift;
    return {mean + sd * shift, sd * sd * variance};
}

template <class Draw> Moments sampleMoments(Draw draw, int n, double lower, double upper)
{
    double sum = 0.0;
    double squares = 0.0;
    for (int i = 0; i < n; ++i) {
        const double z = draw();
        EXPECT_TRUE(z > lower && z < upper) << z;
        sum += z;
        squares += z * z;
    }
    const double mean = sum / n;
    return {mean, squares / n - mean * mean};
}

struct Case {
    double mean;
    double sd;
    double lower;
    double upper;
};

// One case per branch: one bound near the mean (rejection) and far (general sampler) on both
// sides, two bounds wide, narrow and far (general sampler), no bound.
const Case cases[] = {
    {0.3, 2.0, -inf, 0.0}, {3.0, 1.0, -inf, 0.0},  {-0.3, 0.5, 0.0, inf},
    {-4.0, 1.0, 0.0, inf}, {1.0, 1.0, -1.5, 0.9},  {1.0, 1.0, -0.2, 0.3},
    {0.0, 1.0, 2.0, 2.5},  {-2.0, 1.5, -5.0, 3.0}, {0.0, 1.0, -inf, inf},
};

TEST(TruncatedNormal, FastPathsMatchTheExactMomentsAndTheGeneralSampler)
{
    constexpr int n = 100000;
    for (const Case& c : cases) {
        const Moments exact = exactMoments(c.mean, c.sd, c.lower, c.upper);
        const double meanSe = std::sqrt(exact.variance / n);
        // A sample variance has variance (kurtosis - 1) sigma^4 / n; a truncated normal's
        // kurtosis is at most 9, the exponential's, its limit far in a tail.
        const double varianceSe = std::sqrt(8.0 / n) * exact.variance;
        RandomStream quickStream(11, 0);
        const Moments quick = sampleMoments(
            [&] { return drawTruncatedNormalQuick(quickStream, c.mean, c.sd, c.lower, c.upper); },
            n, c.lower, c.upper);
        RandomStream generalStream(12, 0);
        const Moments general = sampleMoments(
            [&] { return drawTruncatedNormal(generalStream, c.mean, c.sd, c.lower, c.upper); }, n,
            c.lower, c.upper);
        for (const Moments& m : {quick, general}) {
            EXPECT_NEAR(m.mean, exact.mean, 4.0 * meanSe)
                << c.mean << " " << c.lower << " " << c.upper;
            EXPECT_NEAR(m.variance, exact.variance, 4.0 * varianceSe)
                << c.mean << " " << c.lower << " " << c.upper;
        }
    }
}

TEST(TruncatedNormal, OneSidedPathsAreTheQuickPathBitForBit)
{
    for (const Case& c : cases) {
        if (!(std::isinf(c.lower) != std::isinf(c.upper)))
            continue;
        RandomStream a(5, 1);
        RandomStream b(5, 1);
        for (int i = 0; i < 1000; ++i) {
            const double oneSided = std::isinf(c.lower) ? drawNormalBelow(a, c.mean, c.sd, c.upper)
                                                        : drawNormalAbove(a, c.mean, c.sd, c.lower);
            EXPECT_EQ(oneSided, drawTruncatedNormalQuick(b, c.mean, c.sd, c.lower, c.upper));
        }
    }
}

} // namespace
} // namespace grove

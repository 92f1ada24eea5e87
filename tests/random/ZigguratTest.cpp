// SPDX-License-Identifier: GPL-3.0-or-later
// The ziggurat normal against N(0,1): moments, the Kolmogorov-Smirnov distance, the tail beyond
// the ziggurat's base (the slow path) and the table itself; the truncated normal built on it.
// Fixed seeds; every bound is at least 4.5 Monte Carlo standard errors (or the KS 0.1% point).
#include "core/random/Ziggurat.h"
#include "core/random/Distributions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace grove {
namespace {

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}
double normalPdf(double x)
{
    return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI);
}

TEST(Ziggurat, TableClosesAtZeroWithEqualStrips)
{
    const auto& tables = detail::zigguratTables();
    EXPECT_DOUBLE_EQ(tables.x[1], 3.6541528853610088);
    EXPECT_EQ(tables.x[256], 0.0);
    // The recursion from R must land near 0 at the top strip (it does only for the right V).
    EXPECT_GT(tables.x[255], 0.0);
    EXPECT_LT(tables.x[255], 0.3);
    for (std::size_t i = 1; i < 256; ++i)
        EXPECT_GT(tables.x[i], tables.x[i + 1]);
}

TEST(Ziggurat, MomentsMatchTheStandardNormal)
{
    RandomStream rng(2024, 1);
    const int n = 2000000;
    double m1 = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = drawNormal(rng);
        const double x2 = x * x;
        m1 += x;
        m2 += x2;
        m3 += x2 * x;
        m4 += x2 * x2;
    }
    m1 /= n;
    m2 /= n;
    m3 /= n;
    m4 /= n;
    // Standard errors: sqrt(1/n), sqrt(2/n), sqrt(15/n), sqrt(96/n) (raw moments of N(0,1)).
    const double root = std::sqrt(static_cast<double>(n));
    EXPECT_NEAR(m1, 0.0, 5.0 / root);
    EXPECT_NEAR(m2, 1.0, 5.0 * std::sqrt(2.0) / root);
    EXPECT_NEAR(m3, 0.0, 5.0 * std::sqrt(15.0) / root);
    EXPECT_NEAR(m4, 3.0, 5.0 * std::sqrt(96.0) / root);
}

TEST(Ziggurat, KolmogorovSmirnovDistanceIsSmall)
{
    RandomStream rng(7, 0);
    const std::size_t n = 500000;
    std::vector<double> draws(n);
    for (double& x : draws)
        x = drawNormal(rng);
    std::sort(draws.begin(), draws.end());
    double distance = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double f = normalCdf(draws[i]);
        distance = std::max({distance, f - static_cast<double>(i) / static_cast<double>(n),
                             static_cast<double>(i + 1) / static_cast<double>(n) - f});
    }
    // 0.1% critical value of the KS statistic: 1.95 / sqrt(n).
    EXPECT_LT(distance, 1.95 / std::sqrt(static_cast<double>(n)));
    // Quantiles, the 0.1% and 99.9% points within 5 binomial sd.
    const auto fractionBelow = [&](double q) {
        return static_cast<double>(std::lower_bound(draws.begin(), draws.end(), q) -
                                   draws.begin()) /
               static_cast<double>(n);
    };
    for (const double q : {-3.090232, -1.959964, -0.674490, 0.0, 0.674490, 1.959964, 3.090232}) {
        const double p = normalCdf(q);
        EXPECT_NEAR(fractionBelow(q), p, 5.0 * std::sqrt(p * (1.0 - p) / static_cast<double>(n)))
            << "at " << q;
    }
}

TEST(Ziggurat, TailBeyondTheBaseHasTheNormalFrequency)
{
    RandomStream rng(99, 4);
    const long n = 20000000;
    long beyondR = 0;
    long beyond45 = 0;
    double tailSum = 0.0;
    for (long i = 0; i < n; ++i) {
        const double x = std::abs(drawNormal(rng));
        if (x > 3.6541528853610088) {
            ++beyondR;
            tailSum += x;
        }
        if (x > 4.5)
            ++beyond45;
    }
    const double pR = 2.0 * (1.0 - normalCdf(3.6541528853610088));
    const double p45 = 2.0 * (1.0 - normalCdf(4.5));
    const double nd = static_cast<double>(n);
    EXPECT_NEAR(static_cast<double>(beyondR), nd * pR, 5.0 * std::sqrt(nd * pR));
    EXPECT_NEAR(static_cast<double>(beyond45), nd * p45, 5.0 * std::sqrt(nd * p45) + 1.0);
    // Mean of |x| given |x| > R: pdf(R) / (1 - Phi(R)); its sd given |x| > R is about 0.25.
    const double tailMean = normalPdf(3.6541528853610088) / (1.0 - normalCdf(3.6541528853610088));
    EXPECT_NEAR(tailSum / static_cast<double>(beyondR), tailMean,
                5.0 * 0.25 / std::sqrt(static_cast<double>(beyondR)));
}

TEST(Ziggurat, TruncatedNormalFastHasTheTruncatedMoments)
{
    constexpr double infinity = std::numeric_limits<double>::infinity();
    RandomStream rng(5, 5);
    const int n = 400000;
    for (const auto& [a, b] : std::vector<std::pair<double, double>>{
             {-infinity, 0.0}, {0.3, infinity}, {-0.8, 1.7}, {2.5, infinity}, {-1.0, -0.2}}) {
        const double z = normalCdf(b) - normalCdf(a);
        const double pa = std::isfinite(a) ? normalPdf(a) : 0.0;
        const double pb = std::isfinite(b) ? normalPdf(b) : 0.0;
        const double mean = (pa - pb) / z;
        const double variance =
            1.0 + ((std::isfinite(a) ? a * pa : 0.0) - (std::isfinite(b) ? b * pb : 0.0)) / z -
            mean * mean;
        double sum = 0.0;
        double squares = 0.0;
        for (int i = 0; i < n; ++i) {
            const double x = drawTruncatedNormalFast(rng, a, b);
            ASSERT_GT(x, a);
            ASSERT_LT(x, b);
            sum += x;
            squares += x * x;
        }
        const double m = sum / n;
        EXPECT_NEAR(m, mean, 5.0 * std::sqrt(variance / n)) << a << " " << b;
        EXPECT_NEAR(squares / n - m * m, variance, 5.0 * variance * std::sqrt(2.0 / n))
            << a << " " << b;
    }
}

} // namespace
} // namespace grove

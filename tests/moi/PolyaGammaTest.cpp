// SPDX-License-Identifier: GPL-3.0-or-later
// The Polya-Gamma sampler against its known moments and Laplace transform. Each check allows
// 4.5 standard errors of the Monte Carlo estimate (a chance failure has probability < 1e-5 per
// check), with the standard error estimated from the same draws.
#include "core/moi/PolyaGamma.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <vector>

namespace grove {
namespace {

TEST(PolyaGamma, ClosedFormMoments)
{
    // PG(1, 0) = sum_k g_k / (2 pi^2 (k - 1/2)^2): mean 1/4, variance 1/24.
    EXPECT_DOUBLE_EQ(polyaGammaMean(1.0, 0.0), 0.25);
    EXPECT_DOUBLE_EQ(polyaGammaVariance(1.0, 0.0), 1.0 / 24.0);
    EXPECT_NEAR(polyaGammaMean(2.0, 2.0), std::tanh(1.0) / 2.0, 1e-15);
    // Continuity of the small-z branches.
    EXPECT_NEAR(polyaGammaMean(1.0, 1e-6), polyaGammaMean(1.0, 2e-6), 1e-12);
    EXPECT_NEAR(polyaGammaVariance(1.0, 1e-3), polyaGammaVariance(1.0, 1.1e-3), 1e-8);
    EXPECT_DOUBLE_EQ(polyaGammaMean(1.0, -3.0), polyaGammaMean(1.0, 3.0));
}

struct Case {
    int b;
    double z;
};

class PolyaGammaDraws : public ::testing::TestWithParam<Case> {};

TEST_P(PolyaGammaDraws, MatchMeanVarianceAndLaplaceTransform)
{
    const Case c = GetParam();
    RandomStream rng(20240611, static_cast<std::uint64_t>(c.b * 1000 + std::abs(c.z) * 10));
    const int n = 200000;
    std::vector<double> draws(n);
    for (double& d : draws) {
        d = drawPolyaGamma(rng, c.b, c.z);
        ASSERT_GT(d, 0.0);
    }
    double mean = 0.0;
    for (double d : draws)
        mean += d;
    mean /= n;
    double m2 = 0.0, m4 = 0.0;
    for (double d : draws) {
        const double e = (d - mean) * (d - mean);
        m2 += e;
        m4 += e * e;
    }
    m2 /= n - 1;
    m4 /= n;
    const double trueMean = polyaGammaMean(c.b, c.z);
    const double trueVariance = polyaGammaVariance(c.b, c.z);
    const double meanSe = std::sqrt(m2 / n);
    const double varianceSe = std::sqrt((m4 - m2 * m2) / n);
    std::cout << "[pg] b " << c.b << " z " << c.z << " mean " << mean << " (exact " << trueMean
              << ", z-score " << (mean - trueMean) / meanSe << ") variance " << m2 << " (exact "
              << trueVariance << ", z-score " << (m2 - trueVariance) / varianceSe << ")\n";
    EXPECT_NEAR(mean, trueMean, 4.5 * meanSe);
    EXPECT_NEAR(m2, trueVariance, 4.5 * varianceSe);

    // E[exp(-t w)] = (cosh(z/2) / cosh(sqrt(z^2/4 + t/2)))^b checks the whole law, not just
    // two moments.
    for (double t : {0.5, 4.0, 20.0}) {
        double sum = 0.0, squares = 0.0;
        for (double d : draws) {
            const double v = std::exp(-t * d);
            sum += v;
            squares += v * v;
        }
        const double estimate = sum / n;
        const double se = std::sqrt((squares / n - estimate * estimate) / n);
        const double exact =
            std::pow(std::cosh(0.5 * c.z) / std::cosh(std::sqrt(0.25 * c.z * c.z + 0.5 * t)), c.b);
        EXPECT_NEAR(estimate, exact, 4.5 * se) << "t " << t;
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, PolyaGammaDraws,
                         ::testing::Values(Case{1, 0.0}, Case{1, 0.7}, Case{1, -2.5}, Case{1, 12.0},
                                           Case{3, 1.5}, Case{6, -0.2}));

} // namespace
} // namespace grove

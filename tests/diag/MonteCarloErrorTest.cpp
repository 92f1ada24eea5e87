// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Ar1.h"

#include "core/diag/MonteCarloError.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

TEST(MonteCarloError, BatchMeansByHand)
{
    // n = 9: batch size floor(sqrt 9) = 3, batches (1,2,3) (4,5,6) (7,8,9) with means 2, 5, 8;
    // their variance is 9, so MCSE = sqrt(9 / 3) = sqrt 3.
    const std::vector<double> nine{1, 2, 3, 4, 5, 6, 7, 8, 9};
    EXPECT_NEAR(mcseOfMean(nine, McseMethod::BatchMeans), std::sqrt(3.0), 1e-14);
    // n = 10: still 3 batches of 3; the one left over is dropped from the start.
    const std::vector<double> ten{100, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    EXPECT_NEAR(mcseOfMean(ten, McseMethod::BatchMeans), std::sqrt(3.0), 1e-14);
}

TEST(MonteCarloError, Ar1ClosedForm)
{
    // MCSE of the mean of an AR(1) chain with unit variance: sqrt((1 + rho) / ((1 - rho) n)).
    // Batch means with a = 447 batches estimate a variance with relative sd sqrt(2 / 446) = 6.7%,
    // i.e. 3.3% on the MCSE, so 12% is > 3.5 sd; the spectral estimate is several times
    // tighter, 6% is ample. Both averaged over 4 seeds to keep a single unlucky seed out.
    const double rho = 0.5;
    const std::size_t n = 200000;
    const double expected = std::sqrt((1 + rho) / ((1 - rho) * static_cast<double>(n)));
    for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
        const std::vector<double> chain = test::simulateAr1(n, rho, seed);
        EXPECT_NEAR(mcseOfMean(chain, McseMethod::BatchMeans) / expected, 1.0, 0.12) << seed;
        EXPECT_NEAR(mcseOfMean(chain, McseMethod::InitialMonotoneSequence) / expected, 1.0, 0.06)
            << seed;
    }
    // Strong autocorrelation: rho = 0.9, the factor (1 + rho)/(1 - rho) = 19.
    const std::vector<double> sticky = test::simulateAr1(n, 0.9, 9);
    const double expectedSticky = std::sqrt(19.0 / static_cast<double>(n));
    EXPECT_NEAR(mcseOfMean(sticky, McseMethod::BatchMeans) / expectedSticky, 1.0, 0.15);
    EXPECT_NEAR(mcseOfMean(sticky, McseMethod::InitialMonotoneSequence) / expectedSticky, 1.0, 0.1);
}

TEST(MonteCarloError, CurveEndsAtTheTableFigureAndFallsLikeOneOverRootN)
{
    const auto chains = test::simulateAr1Chains(3, 20000, 0.5, 77);
    const McseCurve curve = mcseCurve(chains, 20);
    ASSERT_TRUE(curve.emptyReason.empty());
    ASSERT_EQ(curve.iterations.size(), 20u);
    EXPECT_DOUBLE_EQ(curve.iterations.back(), 20000.0);
    EXPECT_DOUBLE_EQ(curve.iterations.front(), 1000.0);
    EXPECT_DOUBLE_EQ(curve.mcse.back(), chainMcseOfMean(chains));
    // From 1000 to 20000 iterations the MCSE should shrink by about sqrt(20) = 4.47; batch-means
    // noise at the short end (a = 54 batches, ~10% sd) allows 25%.
    EXPECT_NEAR(curve.mcse.front() / curve.mcse.back() / std::sqrt(20.0), 1.0, 0.25);
    for (std::size_t i = 1; i < curve.iterations.size(); ++i) {
        EXPECT_GT(curve.iterations[i], curve.iterations[i - 1]);
    }
}

TEST(MonteCarloError, ChainsOfDifferentLengthsContributeWhatTheyHave)
{
    const std::vector<std::vector<double>> chains{{1, 2, 3, 4, 5, 6}, {1, 2}};
    const McseCurve curve = mcseCurve(chains, 3);
    // k = 2, 4, 6: joined sizes 4, 6, 8
    ASSERT_EQ(curve.iterations, (std::vector<double>{2, 4, 6}));
    EXPECT_DOUBLE_EQ(curve.mcse[0], mcseOfMean(std::vector<double>{1, 2, 1, 2}));
    EXPECT_DOUBLE_EQ(curve.mcse[2], mcseOfMean(std::vector<double>{1, 2, 3, 4, 5, 6, 1, 2}));
}

TEST(MonteCarloError, DegenerateInputs)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_TRUE(std::isnan(mcseOfMean(std::vector<double>{})));
    EXPECT_TRUE(std::isnan(mcseOfMean(std::vector<double>{1, 2, 3})));
    EXPECT_TRUE(std::isnan(mcseOfMean(std::vector<double>{1, 2, nan, 3})));
    EXPECT_DOUBLE_EQ(mcseOfMean(std::vector<double>{2, 2, 2, 2, 2}), 0.0);
    EXPECT_DOUBLE_EQ(
        mcseOfMean(std::vector<double>{2, 2, 2, 2, 2}, McseMethod::InitialMonotoneSequence), 0.0);

    EXPECT_EQ(mcseCurve(std::vector<std::vector<double>>{}).emptyReason, "no chains");
    EXPECT_FALSE(mcseCurve(std::vector<std::vector<double>>{{1, 2, 3}}).emptyReason.empty());
    EXPECT_FALSE(mcseCurve(std::vector<std::vector<double>>{{}}).emptyReason.empty());
    EXPECT_EQ(mcseCurve(std::vector<std::vector<double>>{{1, 2, nan, 4, 5}}).emptyReason,
              "chain 0 has a non-finite value at iteration 3");
    EXPECT_TRUE(mcseCurve(std::vector<std::vector<double>>{{1, 2, nan}}).mcse.empty());
    EXPECT_TRUE(std::isnan(chainMcseOfMean(std::vector<std::vector<double>>{{1, nan, 2, 3}})));
}

} // namespace
} // namespace grove

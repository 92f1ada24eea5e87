// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Ar1.h"

#include "core/diag/EffectiveSampleSize.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

TEST(EffectiveSampleSize, SmallVectorByHand)
{
    // x = 1..8, one chain. Deviations from 4.5: -3.5 .. 3.5. Autocovariances with divisor 8:
    // c0 = 42/8 = 5.25, c1 = 26.25/8 = 3.28125, c2 = 11.5/8 = 1.4375, c3 = -1.25/8 = -0.15625.
    // W = c0 * 8/7 = 6, var+ = W * 7/8 = 5.25, rho_t = 1 - (W - c_t)/var+ = (c_t - 0.75)/5.25:
    // rho1 = 2.53125/5.25 = 0.482142857, rho2 = 0.6875/5.25 = 0.130952381,
    // rho3 = -0.90625/5.25 = -0.172619048.
    // Initial positive sequence: (rho0 + rho1) > 0, (rho2 + rho3) < 0 -> stop at t = 2, keep the
    // positive rho2 as the last term: tau = -1 + 2 (1 + rho1) + rho2 = 44/21, ESS = 8 / tau =
    // 42/11.
    const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_NEAR(effectiveSampleSize(x), 42.0 / 11.0, 1e-12);
}

TEST(EffectiveSampleSize, Ar1ClosedForm)
{
    // ESS = n (1 - rho) / (1 + rho). Geyer's estimator has relative sd about
    // sqrt(2 (2 M + 1) / n) for a cut-off lag M: ~2% at rho = 0.5 (M ~ 10), ~5% at rho = 0.9
    // (M ~ 60) for n = 1e5, so the tolerances are 8% and 15% (3 sd).
    const std::size_t n = 100000;
    for (std::uint64_t seed : {3u, 4u}) {
        EXPECT_NEAR(effectiveSampleSize(test::simulateAr1(n, 0.5, seed)) / (n / 3.0), 1.0, 0.08);
        EXPECT_NEAR(effectiveSampleSize(test::simulateAr1(n, 0.9, seed)) / (n * 0.1 / 1.9), 1.0,
                    0.15);
    }
    // Independent draws: ESS ~ n (the estimator can exceed n slightly); 5%.
    EXPECT_NEAR(effectiveSampleSize(test::simulateAr1(n, 0.0, 8)) / static_cast<double>(n), 1.0,
                0.05);
}

TEST(EffectiveSampleSize, PerChainSumBulkAndTail)
{
    // Four AR(1) chains, rho = 0.5, 25000 draws: each chain's ESS ~ 8333, summed ~ 33333 (the
    // Stat-JR figure); bulk-ESS of Gaussian draws ~ the same. Tolerances as above (8%, bulk 10%
    // for splitting). Tail-ESS: indicators of an AR(1) are less autocorrelated than the
    // draws, so it is above the draw ESS but below the draw count.
    const double rho = 0.5;
    const auto chains = test::simulateAr1Chains(4, 25000, rho, 21);
    const EffectiveSampleSizeResult result = chainEffectiveSampleSize(chains);
    ASSERT_TRUE(result.emptyReason.empty());
    ASSERT_EQ(result.perChain.size(), 4u);
    const double perChain = 25000.0 * (1 - rho) / (1 + rho);
    double sum = 0.0;
    for (double ess : result.perChain) {
        EXPECT_NEAR(ess / perChain, 1.0, 0.12);
        sum += ess;
    }
    EXPECT_DOUBLE_EQ(result.summed, sum);
    EXPECT_NEAR(result.summed / (4 * perChain), 1.0, 0.08);
    EXPECT_NEAR(result.bulk / (4 * perChain), 1.0, 0.10);
    EXPECT_GT(result.tail, 0.9 * 4 * perChain);
    EXPECT_LT(result.tail, 100000.0);
}

TEST(EffectiveSampleSize, DisagreeingChainsLoseBulkEss)
{
    // Chains centred at 0 and 3: pooled, they are far from one sample of one distribution; the
    // multi-chain (bulk) ESS must collapse well below the per-chain sum.
    auto chains = test::simulateAr1Chains(2, 5000, 0.3, 5);
    for (double& x : chains[1]) {
        x += 3.0;
    }
    const EffectiveSampleSizeResult result = chainEffectiveSampleSize(chains);
    EXPECT_LT(result.bulk, 0.2 * result.summed);
}

TEST(EffectiveSampleSize, DegenerateInputsSayWhy)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<std::vector<std::vector<double>>> cases{
        {},
        {{}},
        {{1.0}},
        {{1.0, 2.0, 3.0}},
        {{1.0, 2.0, 3.0, 4.0, 5.0}},
        {{2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0}},
        {{1.0, 2.0, 3.0, nan, 5.0, 6.0, 7.0}}};
    for (const auto& chains : cases) {
        const EffectiveSampleSizeResult result = chainEffectiveSampleSize(chains);
        EXPECT_FALSE(result.emptyReason.empty());
        EXPECT_TRUE(std::isnan(result.summed));
        EXPECT_TRUE(std::isnan(result.bulk));
        EXPECT_TRUE(std::isnan(result.tail));
        EXPECT_EQ(result.perChain.size(), chains.size());
    }
    EXPECT_EQ(
        chainEffectiveSampleSize(std::vector<std::vector<double>>{{2, 2, 2, 2, 2, 2}}).emptyReason,
        "the chains are constant, so the ESS is undefined");
    // Unequal lengths are not a multi-chain ESS input.
    EXPECT_TRUE(std::isnan(
        multiChainEffectiveSampleSize(std::vector<std::vector<double>>{{1, 2, 3, 4}, {1, 2, 3}})));
    EXPECT_TRUE(std::isnan(effectiveSampleSize(std::vector<double>{1.0, 2.0})));
    // A single chain with 6 draws works (each split half has 3).
    const EffectiveSampleSizeResult six =
        chainEffectiveSampleSize(std::vector<std::vector<double>>{{1, 3, 2, 5, 4, 6}});
    EXPECT_TRUE(six.emptyReason.empty());
    EXPECT_FALSE(std::isnan(six.summed));
}

TEST(EffectiveSampleSize, UnequalChainLengthsAreCutForBulkAndTail)
{
    auto chains = test::simulateAr1Chains(2, 3000, 0.2, 13);
    chains[1].resize(2000);
    const EffectiveSampleSizeResult result = chainEffectiveSampleSize(chains);
    ASSERT_TRUE(result.emptyReason.empty());
    auto cut = chains;
    cut[0].resize(2000);
    EXPECT_DOUBLE_EQ(result.bulk, bulkEffectiveSampleSize(cut));
    EXPECT_DOUBLE_EQ(result.perChain[0], effectiveSampleSize(chains[0]));
}

} // namespace
} // namespace grove

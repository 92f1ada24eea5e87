// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Ar1.h"

#include "core/diag/RHat.h"
#include "core/diag/RankNormalization.h"
#include "core/math/NormalDistribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

TEST(RHat, BasicRhatByHand)
{
    // Chains {1,2,3} and {2,3,4}: n = 3, means 2 and 3, B = n var(means) = 3 * 0.5 = 1.5,
    // W = mean(1, 1) = 1, R = sqrt((B/W + n - 1) / n) = sqrt(3.5 / 3).
    const std::vector<std::vector<double>> chains{{1, 2, 3}, {2, 3, 4}};
    EXPECT_NEAR(basicRhat(chains), std::sqrt(3.5 / 3.0), 1e-15);
    EXPECT_TRUE(std::isnan(basicRhat(std::vector<std::vector<double>>{{1, 2, 3}})));
}

TEST(RHat, SplitAndRankNormaliseByHand)
{
    // Length 5: halves are draws 1-2 and 4-5, the middle draw dropped.
    const std::vector<std::vector<double>> chains{{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11}};
    const ChainMatrix split = splitChains(chains); // cut to length 5 first
    ASSERT_EQ(split.size(), 4u);
    EXPECT_EQ(split[0], (std::vector<double>{1, 2}));
    EXPECT_EQ(split[1], (std::vector<double>{4, 5}));
    EXPECT_EQ(split[2], (std::vector<double>{6, 7}));
    EXPECT_EQ(split[3], (std::vector<double>{9, 10}));

    // {3, 1, 3, 2}: ranks 3.5, 1, 3.5, 2 (ties averaged), z = Phi^-1((r - 3/8) / (S + 1/4)).
    const std::vector<std::vector<double>> tied{{3, 1}, {3, 2}};
    const ChainMatrix z = rankNormalize(tied);
    EXPECT_NEAR(z[0][0], standardNormalQuantile((3.5 - 0.375) / 4.25), 1e-15);
    EXPECT_NEAR(z[0][1], standardNormalQuantile((1.0 - 0.375) / 4.25), 1e-15);
    EXPECT_DOUBLE_EQ(z[1][0], z[0][0]);
    EXPECT_NEAR(z[1][1], standardNormalQuantile((2.0 - 0.375) / 4.25), 1e-15);

    // Median of {1, 5, 2, 8} is 3.5.
    const ChainMatrix folded = foldAroundMedian(std::vector<std::vector<double>>{{1, 5}, {2, 8}});
    EXPECT_EQ(folded[0], (std::vector<double>{2.5, 1.5}));
    EXPECT_EQ(folded[1], (std::vector<double>{1.5, 4.5}));
}

TEST(RHat, WellMixedChainsAreNearOne)
{
    // Split R-hat of chains from one distribution exceeds 1 by O(1/ESS); with ESS ~ 8000
    // 1.01 is the usual threshold and is comfortably met.
    const auto chains = test::simulateAr1Chains(4, 5000, 0.5, 99);
    const RhatResult result = rankNormalizedSplitRhat(chains);
    ASSERT_TRUE(result.emptyReason.empty());
    EXPECT_LT(result.rhat, 1.01);
    EXPECT_GT(result.rhat, 0.99);
    EXPECT_DOUBLE_EQ(result.rhat, std::max(result.bulkRhat, result.tailRhat));
}

TEST(RHat, ShiftedMeansAreFlagged)
{
    // One of four chains is shifted by one posterior sd: between-chain variance dominates.
    auto chains = test::simulateAr1Chains(4, 1000, 0.5, 3);
    for (double& x : chains[3]) {
        x += 1.0;
    }
    EXPECT_GT(rankNormalizedSplitRhat(chains).rhat, 1.1);
}

TEST(RHat, DifferentScalesAreFlaggedByTheFoldedPart)
{
    // Same centre, one chain three times as wide: the bulk R-hat barely moves, the folded
    // (tail) R-hat sees it.
    auto chains = test::simulateAr1Chains(4, 2000, 0.2, 17);
    for (double& x : chains[0]) {
        x *= 3.0;
    }
    const RhatResult result = rankNormalizedSplitRhat(chains);
    EXPECT_LT(result.bulkRhat, 1.05);
    EXPECT_GT(result.tailRhat, 1.1);
    EXPECT_GT(result.rhat, 1.1);
}

TEST(RHat, TrendInASingleChainIsFlagged)
{
    // One chain, first half around 0, second half around 2: splitting catches it.
    std::vector<double> chain = test::simulateAr1(2000, 0.3, 23);
    for (std::size_t i = 1000; i < chain.size(); ++i) {
        chain[i] += 2.0;
    }
    const std::vector<std::vector<double>> chains{chain};
    EXPECT_GT(rankNormalizedSplitRhat(chains).rhat, 1.1);
}

TEST(RHat, DegenerateInputsSayWhy)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<std::vector<std::vector<double>>> cases{
        {}, {{}}, {{1.0}}, {{1.0, 2.0, 3.0}}, {{5, 5, 5, 5, 5}}, {{1, 2, 3, 4}, {1, nan, 3, 4}}};
    for (const auto& chains : cases) {
        const RhatResult result = rankNormalizedSplitRhat(chains);
        EXPECT_FALSE(result.emptyReason.empty());
        EXPECT_TRUE(std::isnan(result.rhat));
    }
    // Each half constant but different (a jump): within-chain spread is zero.
    const RhatResult jump =
        rankNormalizedSplitRhat(std::vector<std::vector<double>>{{1, 1, 1, 2, 2, 2}});
    EXPECT_TRUE(std::isnan(jump.rhat));
    EXPECT_FALSE(jump.emptyReason.empty());
}

} // namespace
} // namespace grove

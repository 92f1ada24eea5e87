// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Ar1.h"

#include "core/diag/BrooksGelmanRubin.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

TEST(BrooksGelmanRubin, SmallExampleByHand)
{
    // t = 4: windows are iterations 3-4, {1, 3} and {2, 6}. 80% intervals, type-7 quantiles:
    //   {1, 3}: q.1 = 1 + 0.1*2 = 1.2, q.9 = 1 + 0.9*2 = 2.8, width 1.6
    //   {2, 6}: q.1 = 2.4, q.9 = 5.6, width 3.2 -> within = 2.4
    //   pooled {1, 2, 3, 6}: h = 0.3 -> 1.3, h = 2.7 -> 3 + 0.7*3 = 5.1, width 3.8
    //   ratio 3.8 / 2.4
    const std::vector<std::vector<double>> chains{{9, 9, 1, 3}, {-9, -9, 2, 6}};
    const BrooksGelmanRubinResult result = brooksGelmanRubin(chains, 1);
    ASSERT_TRUE(result.emptyReason.empty());
    ASSERT_EQ(result.iterations, (std::vector<double>{4}));
    EXPECT_NEAR(result.within[0], 2.4, 1e-14);
    EXPECT_NEAR(result.between[0], 3.8, 1e-14);
    EXPECT_NEAR(result.ratio[0], 3.8 / 2.4, 1e-14);
    EXPECT_NEAR(result.betweenScaled[0], 1.0, 1e-15);
    EXPECT_NEAR(result.withinScaled[0], 2.4 / 3.8, 1e-15);
}

TEST(BrooksGelmanRubin, WellMixedRatioNearOne)
{
    // 4 chains of one AR(1) process: at the end (window of 2500 draws per chain, ESS ~ 800 each)
    // the 80% interval widths agree to a few per cent; 5% is about 4 sd of the ratio.
    const auto chains = test::simulateAr1Chains(4, 5000, 0.5, 8);
    const BrooksGelmanRubinResult result = brooksGelmanRubin(chains);
    ASSERT_TRUE(result.emptyReason.empty());
    ASSERT_EQ(result.iterations.size(), 50u);
    EXPECT_DOUBLE_EQ(result.iterations.back(), 5000.0);
    EXPECT_EQ(result.between.size(), 50u);
    EXPECT_EQ(result.within.size(), 50u);
    EXPECT_EQ(result.ratio.size(), 50u);
    EXPECT_NEAR(result.ratio.back(), 1.0, 0.05);
    // The interval of N(0, 1) draws: 2 * 1.2816 = 2.563.
    EXPECT_NEAR(result.within.back(), 2.563, 0.15);
}

TEST(BrooksGelmanRubin, ShiftedChainsStayAboveOne)
{
    auto chains = test::simulateAr1Chains(3, 4000, 0.5, 4);
    for (double& x : chains[2]) {
        x += 2.0;
    }
    const BrooksGelmanRubinResult result = brooksGelmanRubin(chains, 10);
    for (double r : result.ratio) {
        EXPECT_GT(r, 1.1);
    }
}

TEST(BrooksGelmanRubin, UsesTheShortestChain)
{
    auto chains = test::simulateAr1Chains(2, 1000, 0.5, 4);
    chains[1].resize(400);
    const BrooksGelmanRubinResult result = brooksGelmanRubin(chains, 8);
    EXPECT_DOUBLE_EQ(result.iterations.back(), 400.0);
    EXPECT_DOUBLE_EQ(result.iterations.front(), 50.0);
}

TEST(BrooksGelmanRubin, DegenerateInputsSayWhy)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(brooksGelmanRubin(std::vector<std::vector<double>>{{1, 2, 3, 4, 5}}).emptyReason,
              "BGR needs at least 2 chains; there is 1");
    EXPECT_EQ(brooksGelmanRubin(std::vector<std::vector<double>>{}).emptyReason,
              "BGR needs at least 2 chains; there are 0");
    const std::vector<std::vector<std::vector<double>>> cases{{{}, {}},
                                                              {{1, 2, 3}, {1, 2, 3}},
                                                              {{1, 2, 3, 4}, {1}},
                                                              {{1, 2, 3, 4}, {1, 2, nan, 4}},
                                                              {{3, 3, 3, 3}, {3, 3, 3, 3}}};
    for (const auto& chains : cases) {
        const BrooksGelmanRubinResult result = brooksGelmanRubin(chains);
        EXPECT_FALSE(result.emptyReason.empty());
        EXPECT_TRUE(result.iterations.empty());
        EXPECT_TRUE(result.ratio.empty());
    }
    EXPECT_FALSE(
        brooksGelmanRubin(std::vector<std::vector<double>>{{1, 2, 3, 4}, {1, 2, 3, 4}}, 5, 1.0)
            .emptyReason.empty());
    // Constant but different chains: within width is 0, so the ratio is NaN, not infinity.
    const BrooksGelmanRubinResult apart =
        brooksGelmanRubin(std::vector<std::vector<double>>{{1, 1, 1, 1}, {2, 2, 2, 2}}, 1);
    ASSERT_EQ(apart.ratio.size(), 1u);
    EXPECT_TRUE(std::isnan(apart.ratio[0]));
    EXPECT_GT(apart.between[0], 0.0);
}

} // namespace
} // namespace grove

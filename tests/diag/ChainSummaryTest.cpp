// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Ar1.h"

#include "core/diag/ChainSummary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

TEST(ChainSummary, SmallChainsByHand)
{
    // Joined {1, 2, 3, 4, 5}: mean 3, sd sqrt(10/4); type-7 quantiles 2.5% -> 1.1, 50% -> 3,
    // 97.5% -> 4.9.
    const std::vector<std::vector<double>> chains{{1, 2, 3}, {4, 5}};
    const ChainSummary summary = summarizeChains(chains);
    ASSERT_TRUE(summary.emptyReason.empty());
    EXPECT_EQ(summary.draws, 5u);
    EXPECT_DOUBLE_EQ(summary.mean, 3.0);
    EXPECT_DOUBLE_EQ(summary.sd, std::sqrt(2.5));
    EXPECT_DOUBLE_EQ(summary.quantile025, 1.1);
    EXPECT_DOUBLE_EQ(summary.median, 3.0);
    EXPECT_DOUBLE_EQ(summary.quantile975, 4.9);
    EXPECT_DOUBLE_EQ(summary.lower95, 1.1);
    EXPECT_DOUBLE_EQ(summary.upper95, 4.9);
}

TEST(ChainSummary, DegenerateSummaries)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(summarizeChains(std::vector<std::vector<double>>{}).emptyReason, "no chains");
    EXPECT_EQ(summarizeChains(std::vector<std::vector<double>>{{}, {}}).emptyReason,
              "the chains have no draws");
    const ChainSummary withNan = summarizeChains(std::vector<std::vector<double>>{{1, nan}});
    EXPECT_EQ(withNan.emptyReason, "chain 0 has a non-finite value at iteration 2");
    EXPECT_TRUE(std::isnan(withNan.mean));
    const ChainSummary one = summarizeChains(std::vector<std::vector<double>>{{4.0}});
    EXPECT_DOUBLE_EQ(one.mean, 4.0);
    EXPECT_TRUE(std::isnan(one.sd));
    EXPECT_DOUBLE_EQ(one.lower95, 4.0);
}

TEST(ChainSummary, TraceIterations)
{
    EXPECT_EQ(traceIterations(3, 501, 10), (std::vector<double>{501, 511, 521}));
    EXPECT_TRUE(traceIterations(0).empty());
}

TEST(ChainTableRow, GoodChainsRaiseNoFlag)
{
    const auto chains = test::simulateAr1Chains(4, 5000, 0.5, 31);
    const ChainTableRow row = chainTableRow(chains);
    EXPECT_TRUE(row.note.empty()) << row.note;
    EXPECT_NEAR(row.mean, 0.0, 0.05); // MCSE ~ sqrt(3/20000) = 0.012
    EXPECT_NEAR(row.sd, 1.0, 0.05);
    EXPECT_NEAR(row.lower95, -1.96, 0.1);
    EXPECT_NEAR(row.upper95, 1.96, 0.1);
    EXPECT_NEAR(row.ess / (20000.0 / 3.0), 1.0, 0.1);
    EXPECT_NEAR(row.mcse / std::sqrt(3.0 / 20000.0), 1.0, 0.2);
    EXPECT_LT(row.rhat, 1.01);
    EXPECT_FALSE(row.rhatAbove1_1);
    EXPECT_FALSE(row.essBelow100);
}

TEST(ChainTableRow, BadChainsRaiseFlags)
{
    // Shifted chain -> R-hat flag; 300 draws of rho = 0.95 -> ESS ~ 300 * 0.05/1.95 = 8 per chain.
    auto shifted = test::simulateAr1Chains(3, 2000, 0.5, 2);
    for (double& x : shifted[0]) {
        x += 1.5;
    }
    const ChainTableRow bad = chainTableRow(shifted);
    EXPECT_TRUE(bad.rhatAbove1_1);

    const auto sticky = test::simulateAr1Chains(2, 300, 0.95, 6);
    const ChainTableRow low = chainTableRow(sticky);
    EXPECT_TRUE(low.essBelow100);
    EXPECT_LT(low.ess, 100.0);
}

TEST(ChainTableRow, DegenerateRowsExplainThemselves)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const ChainTableRow constant =
        chainTableRow(std::vector<std::vector<double>>{{2, 2, 2, 2, 2, 2}});
    EXPECT_DOUBLE_EQ(constant.mean, 2.0);
    EXPECT_DOUBLE_EQ(constant.sd, 0.0);
    EXPECT_TRUE(std::isnan(constant.ess));
    EXPECT_TRUE(std::isnan(constant.rhat));
    EXPECT_FALSE(constant.rhatAbove1_1);
    EXPECT_FALSE(constant.essBelow100);
    EXPECT_EQ(constant.note, "the chains are constant, so the ESS is undefined");

    for (const auto& chains : std::vector<std::vector<std::vector<double>>>{
             {}, {{}}, {{1.0}}, {{1.0, 2.0, 3.0}}, {{1, 2, nan, 4, 5, 6, 7}}}) {
        const ChainTableRow row = chainTableRow(chains);
        EXPECT_FALSE(row.note.empty());
        EXPECT_TRUE(std::isnan(row.ess));
        EXPECT_FALSE(row.essBelow100);
    }
}

} // namespace
} // namespace grove

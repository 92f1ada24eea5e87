// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/run/ConvergenceSummary.h"

#include "common/Ar1.h"

#include <gtest/gtest.h>

#include <cmath>

namespace grove {
namespace {

// Chains numbered from iteration 1: draws[c] of parameter "theta", plus one held fixed.
ChainSet chainSet(const std::vector<std::vector<double>>& draws)
{
    ChainSet set;
    set.parameters = {{"theta", "cons"}, {"fixed", "fixed"}};
    for (const std::vector<double>& chain : draws) {
        set.draws.push_back({chain, std::vector<double>(chain.size(), 1.0)});
        std::vector<long> iterations(chain.size());
        for (std::size_t t = 0; t < chain.size(); ++t)
            iterations[t] = static_cast<long>(t) + 1;
        set.iterations.push_back(iterations);
    }
    return set;
}

ConvergenceSummary summaryOf(const ChainSet& chains, long afterIteration = 0)
{
    ConvergenceSummary summary;
    summary.imputationChains = chains.chainCount();
    summary.rows = convergenceRows("Imputation_Model", chains, summary.criteria, afterIteration);
    return summary;
}

TEST(ConvergenceSummary, ShortBadlyStartedChainsAreFlaggedWithTheReason)
{
    // Two short, slowly mixing chains, the second started 4 sd away and still drifting back.
    std::vector<std::vector<double>> draws = test::simulateAr1Chains(2, 80, 0.9, 5);
    for (std::size_t t = 0; t < draws[1].size(); ++t)
        draws[1][t] += 4.0 * std::pow(0.97, static_cast<double>(t));
    const ConvergenceSummary summary = summaryOf(chainSet(draws));
    ASSERT_EQ(summary.rows.size(), 1u) << "the fixed parameter is left out";
    const ConvergenceRow& row = summary.rows[0];
    EXPECT_GT(row.rhat, 1.05);
    EXPECT_TRUE(row.rhatFlag);
    EXPECT_TRUE(row.essFlag) << row.bulkEss << " " << row.tailEss;
    EXPECT_NE(row.reason.find("R-hat"), std::string::npos) << row.reason;
    EXPECT_NE(row.reason.find("ESS"), std::string::npos) << row.reason;
    EXPECT_EQ(summary.flaggedCount(), 1u);
    const std::string message = summary.message();
    EXPECT_EQ(message.rfind("Convergence: 1 of 1 parameters flagged", 0), 0u) << message;
    EXPECT_NE(message.find("raise imputefirst"), std::string::npos) << message;
    EXPECT_EQ(message.find("needs two"), std::string::npos) << message;
    const Table table = summary.table();
    EXPECT_EQ(table.columns[5], "rhat");
    EXPECT_EQ(std::get<std::string>(table.rows[0][9]), "flagged");
}

TEST(ConvergenceSummary, LongMixedChainsPass)
{
    const ConvergenceSummary summary =
        summaryOf(chainSet(test::simulateAr1Chains(4, 4000, 0.5, 17)));
    ASSERT_EQ(summary.rows.size(), 1u);
    EXPECT_LT(summary.rows[0].rhat, 1.01);
    EXPECT_GT(summary.rows[0].bulkEss, 1000.0);
    EXPECT_EQ(summary.flaggedCount(), 0u) << summary.rows[0].reason;
    EXPECT_EQ(summary.message().rfind("Convergence: all 1 parameters passed", 0), 0u)
        << summary.message();
}

TEST(ConvergenceSummary, DrawsBeforeTheCutAreLeftOut)
{
    // A transient over the first 500 iterations, stationary after.
    std::vector<std::vector<double>> draws = test::simulateAr1Chains(2, 3000, 0.5, 29);
    for (std::size_t t = 0; t < 500; ++t)
        draws[0][t] += 5.0;
    EXPECT_EQ(summaryOf(chainSet(draws)).flaggedCount(), 1u);
    const ConvergenceSummary cut = summaryOf(chainSet(draws), 500);
    EXPECT_EQ(cut.flaggedCount(), 0u) << cut.rows[0].reason;
    EXPECT_EQ(cut.rows[0].draws, 2500u);
}

TEST(ConvergenceSummary, OneChainSaysRhatNeedsTwo)
{
    const ConvergenceSummary summary =
        summaryOf(chainSet(test::simulateAr1Chains(1, 4000, 0.5, 3)));
    EXPECT_EQ(summary.flaggedCount(), 0u);
    EXPECT_NE(summary.message().find("R-hat across chains needs two or more chains"),
              std::string::npos)
        << summary.message();
}

TEST(ConvergenceSummary, CloseImputationsAreFlaggedThroughTheSpacingCheck)
{
    const ChainSet chains = chainSet(test::simulateAr1Chains(2, 3000, 0.98, 41));
    const ImputationSpacing spacing = imputationSpacing(chains, 1000, 20, 10);
    ConvergenceSummary summary;
    summary.imputationChains = 2;
    summary.rows = convergenceRows("Imputation_Model", chains, summary.criteria, 500, &spacing);
    ASSERT_EQ(summary.rows.size(), 1u);
    EXPECT_TRUE(summary.rows[0].spacingFlag);
    EXPECT_NEAR(summary.rows[0].acfAtImputeEvery, std::pow(0.98, 20), 0.15);
    EXPECT_NE(summary.rows[0].reason.find("lag imputeevery = 20"), std::string::npos);
    EXPECT_NE(summary.message().find("raise imputeevery"), std::string::npos);
    // A model-of-interest fit's problems point at its own settings.
    ConvergenceSummary fit;
    fit.rows = convergenceRows("Model1", chainSet({test::simulateAr1(150, 0.95, 8)}), fit.criteria);
    EXPECT_EQ(fit.flaggedCount(), 1u);
    EXPECT_NE(fit.message().find("model of interest's burnin and iterations"), std::string::npos)
        << fit.message();
    EXPECT_EQ(fit.message().find("needs two"), std::string::npos) << "no imputation chains here";
}

} // namespace
} // namespace grove

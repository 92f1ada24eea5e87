// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diag/Descriptive.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace grove {
namespace {

const double nan = std::numeric_limits<double>::quiet_NaN();

TEST(Descriptive, MeanVarianceByHand)
{
    const std::vector<double> x{2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0};
    EXPECT_DOUBLE_EQ(sampleMean(x), 5.0);
    // sum of squared deviations = 9+1+1+1+0+0+4+16 = 32, / (8 - 1)
    EXPECT_DOUBLE_EQ(sampleVariance(x), 32.0 / 7.0);
}

TEST(Descriptive, VarianceKeepsDigitsFarFromZero)
{
    const std::vector<double> x{1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0};
    EXPECT_DOUBLE_EQ(sampleVariance(x), 1.0);
}

TEST(Descriptive, Type7QuantilesByHand)
{
    const std::vector<double> sorted{1.0, 2.0, 3.0, 4.0, 5.0};
    // h = (n - 1) p = 4 * 0.025 = 0.1 -> 1 + 0.1 * (2 - 1)
    EXPECT_DOUBLE_EQ(sortedQuantile(sorted, 0.025), 1.1);
    EXPECT_DOUBLE_EQ(sortedQuantile(sorted, 0.5), 3.0);
    // h = 3.9 -> 4 + 0.9 * 1
    EXPECT_DOUBLE_EQ(sortedQuantile(sorted, 0.975), 4.9);
    EXPECT_DOUBLE_EQ(sortedQuantile(sorted, 0.0), 1.0);
    EXPECT_DOUBLE_EQ(sortedQuantile(sorted, 1.0), 5.0);
    EXPECT_DOUBLE_EQ(sampleQuantile(std::vector<double>{5.0, 1.0, 3.0, 2.0, 4.0}, 0.25), 2.0);
}

TEST(Descriptive, DegenerateSamplesGiveNaN)
{
    EXPECT_TRUE(std::isnan(sampleMean({})));
    EXPECT_TRUE(std::isnan(sampleVariance(std::vector<double>{1.0})));
    EXPECT_TRUE(std::isnan(sortedQuantile({}, 0.5)));
    EXPECT_TRUE(std::isnan(sortedQuantile(std::vector<double>{1.0}, 1.5)));
    EXPECT_DOUBLE_EQ(sortedQuantile(std::vector<double>{7.0}, 0.3), 7.0);
}

TEST(Descriptive, ChainsProblemNamesChainAndIteration)
{
    const std::vector<std::vector<double>> none;
    EXPECT_EQ(chainsProblem(none, 1), "no chains");
    const std::vector<std::vector<double>> shortChain{{1.0, 2.0, 3.0}, {1.0}};
    EXPECT_EQ(chainsProblem(shortChain, 2), "chain 1 has 1 draws; at least 2 are needed");
    const std::vector<std::vector<double>> withNan{{1.0, 2.0}, {1.0, 2.0, nan}};
    EXPECT_EQ(chainsProblem(withNan, 1), "chain 1 has a non-finite value at iteration 3");
    const std::vector<std::vector<double>> fine{{1.0, 2.0}, {3.0}};
    EXPECT_EQ(chainsProblem(fine, 1), "");
    EXPECT_EQ(joinChains(fine), (std::vector<double>{1.0, 2.0, 3.0}));
    EXPECT_EQ(shortestChainLength(fine), 1u);
    EXPECT_FALSE(chainsAreConstant(fine));
    EXPECT_TRUE(chainsAreConstant(std::vector<std::vector<double>>{{2.0, 2.0}, {2.0}}));
}

} // namespace
} // namespace grove

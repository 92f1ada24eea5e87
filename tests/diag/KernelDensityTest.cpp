// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Ar1.h"

#include "core/diag/KernelDensity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace grove {
namespace {

TEST(KernelDensity, SilvermanBandwidthByHand)
{
    // x = 1..5: sd = sqrt(10/4) = 1.5811; type-7 quartiles 2 and 4, IQR/1.34 = 1.4925 < sd.
    const std::vector<double> a{1, 2, 3, 4, 5};
    EXPECT_NEAR(silvermanBandwidth(a), 0.9 * (2.0 / 1.34) * std::pow(5.0, -0.2), 1e-15);
    // {0,0,0,10,10,10}: sd = sqrt(6 * 25 / 5) = sqrt(30) = 5.477 < IQR/1.34 = 10/1.34.
    const std::vector<double> b{0, 10, 0, 10, 0, 10};
    EXPECT_NEAR(silvermanBandwidth(b), 0.9 * std::sqrt(30.0) * std::pow(6.0, -0.2), 1e-15);
    // {0,0,0,0,10}: IQR = 0, so sd = sqrt(80/4) is used (R's bw.nrd0 fallback).
    const std::vector<double> c{0, 0, 10, 0, 0};
    EXPECT_NEAR(silvermanBandwidth(c), 0.9 * std::sqrt(20.0) * std::pow(5.0, -0.2), 1e-15);
    EXPECT_TRUE(std::isnan(silvermanBandwidth(std::vector<double>{1.0})));
    EXPECT_TRUE(std::isnan(silvermanBandwidth(std::vector<double>{2.0, 2.0, 2.0})));
}

TEST(KernelDensity, ShortChainsMatchTheDefiningSum)
{
    const std::vector<std::vector<double>> chains{{1, 2, 3, 4, 5}, {2.5, 3.5, 7.0, 4.0}};
    const KernelDensityResult result = chainKernelDensity(chains, 64);
    ASSERT_TRUE(result.emptyReason.empty());
    ASSERT_EQ(result.grid.size(), 64u);
    ASSERT_EQ(result.densities.size(), 2u);
    const double h0 = result.bandwidths[0];
    const double h1 = result.bandwidths[1];
    const double widest = std::max(h0, h1);
    EXPECT_NEAR(result.grid.front(), 1.0 - 3.0 * widest, 1e-12);
    EXPECT_NEAR(result.grid.back(), 7.0 + 3.0 * widest, 1e-12);
    for (std::size_t c = 0; c < 2; ++c) {
        const double h = result.bandwidths[c];
        for (std::size_t g = 0; g < result.grid.size(); ++g) {
            // f(x) = 1/(n h) sum phi((x - x_i)/h), written out independently.
            double sum = 0.0;
            for (double xi : chains[c]) {
                const double u = (result.grid[g] - xi) / h;
                sum += std::exp(-0.5 * u * u) / std::sqrt(2.0 * std::numbers::pi);
            }
            const double expected = sum / (static_cast<double>(chains[c].size()) * h);
            EXPECT_NEAR(result.densities[c][g], expected, 1e-14) << c << " " << g;
        }
    }
}

TEST(KernelDensity, LongChainIsCloseToExactAndIntegratesToOne)
{
    // 100000 draws take the binned path. Linear binning on 4096 points has relative error
    // ~ (bin width / h)^2, about 1e-4 here; 2e-3 leaves room. The curve must integrate to 1
    // over the grid (it spans 3 bandwidths past the data: missing mass < 1e-3).
    const std::vector<std::vector<double>> chains{test::simulateAr1(100000, 0.5, 5)};
    const KernelDensityResult result = chainKernelDensity(chains, 200);
    ASSERT_TRUE(result.emptyReason.empty());
    const auto& y = result.densities[0];
    double peak = 0.0;
    double integral = 0.0;
    for (std::size_t g = 0; g < y.size(); ++g) {
        peak = std::max(peak, y[g]);
        if (g > 0) {
            integral += 0.5 * (y[g] + y[g - 1]) * (result.grid[g] - result.grid[g - 1]);
        }
    }
    EXPECT_NEAR(integral, 1.0, 1e-3);
    for (std::size_t g = 0; g < y.size(); g += 10) {
        const double exact =
            gaussianKernelDensityAt(chains[0], result.bandwidths[0], result.grid[g]);
        if (exact > 1e-3 * peak) {
            EXPECT_NEAR(y[g] / exact, 1.0, 2e-3) << result.grid[g];
        }
    }
    // The target is N(0, 1): the peak is phi(0) = 0.3989 up to smoothing bias and noise.
    EXPECT_NEAR(peak, 1.0 / std::sqrt(2.0 * std::numbers::pi), 0.01);
}

TEST(KernelDensity, DegenerateChainsSayWhy)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // One constant chain among good ones: that chain has no curve, the others do.
    const std::vector<std::vector<double>> mixed{{1, 2, 3, 4}, {2, 2, 2, 2}, {1, nan, 3}, {5}};
    const KernelDensityResult result = chainKernelDensity(mixed, 16);
    EXPECT_TRUE(result.emptyReason.empty());
    ASSERT_EQ(result.densities.size(), 4u);
    EXPECT_EQ(result.densities[0].size(), 16u);
    EXPECT_TRUE(result.densities[1].empty());
    EXPECT_EQ(result.chainNotes[1], "chain 1 is constant, so it has no density");
    EXPECT_TRUE(result.densities[2].empty());
    EXPECT_EQ(result.chainNotes[2], "chain 2 has a non-finite value at iteration 2");
    EXPECT_TRUE(result.densities[3].empty());
    EXPECT_FALSE(result.chainNotes[3].empty());
    EXPECT_TRUE(std::isnan(result.bandwidths[1]));

    for (const auto& chains : std::vector<std::vector<std::vector<double>>>{
             {}, {{}}, {{3.0}}, {{3.0, 3.0, 3.0}}, {{nan, nan}}}) {
        const KernelDensityResult none = chainKernelDensity(chains);
        EXPECT_FALSE(none.emptyReason.empty());
        EXPECT_TRUE(none.grid.empty());
    }
}

} // namespace
} // namespace grove

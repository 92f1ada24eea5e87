// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/math/NormalDistribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <utility>

namespace grove {
namespace {

TEST(NormalDistribution, QuantileKnownValues)
{
    // Reference values: Abramowitz & Stegun table 26.5 / R qnorm, to 15 digits.
    EXPECT_NEAR(standardNormalQuantile(0.975), 1.959963984540054, 1e-14);
    EXPECT_NEAR(standardNormalQuantile(0.025), -1.959963984540054, 1e-14);
    EXPECT_NEAR(standardNormalQuantile(0.9), 1.2815515655446004, 1e-14);
    EXPECT_NEAR(standardNormalQuantile(0.5), 0.0, 1e-15);
    EXPECT_NEAR(standardNormalQuantile(1e-10), -6.361340902404056, 1e-12);
    EXPECT_EQ(standardNormalQuantile(0.0), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(standardNormalQuantile(1.0), std::numeric_limits<double>::infinity());
    EXPECT_TRUE(std::isnan(standardNormalQuantile(-0.1)));
    for (double p : {1e-300, 1e-20, 0.001, 0.3, 0.7, 0.999}) {
        EXPECT_NEAR(standardNormalCdf(standardNormalQuantile(p)) / p, 1.0, 1e-13) << p;
    }
}

TEST(NormalDistribution, LogCdfAccurateInBothTails)
{
    // Reference: R 4.2.2, x <- c(-50, -38, -37.5, -36.9, -30, -5, 0, 3);
    // sprintf("%.17g", pnorm(x, log.p = TRUE)). Either side of the switch to the series at -37.
    const std::pair<double, double> references[] = {
        {-50.0, -1254.8313611394199}, {-38.0, -726.5572160188201},  {-37.5, -707.66898931750723},
        {-36.9, -685.33288316535061}, {-30.0, -454.32124395634321}, {-5.0, -15.064998393988725},
        {0.0, -0.69314718055994529},  {3.0, -0.0013508099647481938}};
    for (const auto& [x, logCdf] : references)
        EXPECT_NEAR(logStandardNormalCdf(x) / logCdf, 1.0, 1e-14) << x;
    EXPECT_DOUBLE_EQ(logStandardNormalCdf(1.5), std::log(standardNormalCdf(1.5)));
}

} // namespace
} // namespace grove
